/** Turns `schedule.list` answers into what the schedule tabs render: one tab per date, AM then PM. */
import type { HospitalDate, Period, Schedule } from '../../typings/hospital';
import { weekdayLabel } from '../core/time';
import { formatFen, PERIOD_LABELS, slotLabel, slotTagType } from './format';
import { routes } from '../routes';

/** One session as a row shows it. */
export interface SessionView {
  scheduleId: string;
  doctorId: string;
  doctorName: string;
  title: string;
  deptName: string;
  time: string;
  fee: string;
  slot: string;
  tagType: 'success' | 'warning' | 'default';
  /** Open with slots left: tapping it chooses a time slot. */
  bookable: boolean;
  /** The slot grid of this session. */
  slotsUrl: string;
}

/** One half-day of a date. */
export interface PeriodView {
  period: Period;
  label: string;
  sessions: SessionView[];
}

/** One date tab: `周一 11-30`. */
export interface ScheduleDayView {
  date: HospitalDate;
  weekday: string;
  /** The tab title, e.g. `周一 11-30`. */
  title: string;
  periods: PeriodView[];
  /** True when the date has no session at all. */
  empty: boolean;
}

/** How the schedule reads: `today` titles its tab 今天; `stale` (the hospital not answering) offers nothing as bookable. */
export interface ScheduleDayOptions {
  today?: HospitalDate;
  stale?: boolean;
}

/** What a session from the last good copy says instead of its remaining count: availability is never offered stale. */
export const STALE_SLOT_LABEL = '暂不可约';

function sessionView(s: Schedule, stale: boolean): SessionView {
  if (stale) return { ...sessionView(s, false), slot: STALE_SLOT_LABEL, tagType: 'default', bookable: false };
  return {
    scheduleId: s.scheduleId,
    doctorId: s.doctorId,
    doctorName: s.doctorName,
    title: s.title,
    deptName: s.deptName,
    time: `${s.startTime}-${s.endTime}`,
    fee: formatFen(s.fee),
    slot: slotLabel(s),
    tagType: slotTagType(s),
    bookable: s.status === 'open' && s.remaining > 0,
    slotsUrl: routes.slots({ scheduleId: s.scheduleId }),
  };
}

/** Every date of `dates` becomes a tab, even without sessions, so the week reads as a week. */
export function scheduleDays(dates: HospitalDate[], schedules: Schedule[], options: ScheduleDayOptions = {}): ScheduleDayView[] {
  const stale = options.stale === true;
  return dates.map((date) => {
    const ofDate = schedules.filter((s) => s.date === date);
    const periods = (['AM', 'PM'] as const)
      .map((period) => ({
        period,
        label: PERIOD_LABELS[period],
        sessions: ofDate
          .filter((s) => s.period === period)
          .sort((a, b) => a.startTime.localeCompare(b.startTime) || a.doctorName.localeCompare(b.doctorName))
          .map((s) => sessionView(s, stale)),
      }))
      .filter((p) => p.sessions.length > 0);
    const weekday = date === options.today ? '今天' : weekdayLabel(date);
    return { date, weekday, title: `${weekday} ${date.slice(5)}`, periods, empty: periods.length === 0 };
  });
}
