/** `schedule.list`: clinic sessions of a department or a doctor within the 7-day booking window. */
import type { Schedule } from '../../../../typings/hospital';
import { AppError } from '../../../../miniprogram/core/errors';
import { dateRange, daysBetween, hospitalDate } from '../../../../miniprogram/core/time';
import { CODE_PATTERN } from '../../../../miniprogram/core/validate';
import type { ActionDefinition } from '../action';
import { staleMark } from '../../../common/stale';

/** Today and the six days after it (docs/architecture.md#booking-rules: slots for the next 7 days). */
export const SCHEDULE_WINDOW_DAYS = 7;

const PERIOD_ORDER = { AM: 0, PM: 1 } as const;
const byDoctorName = new Intl.Collator('zh-Hans-CN');

/** By date, then morning before afternoon, then doctor (name in pinyin order, id to break ties). */
export function compareSchedules(a: Schedule, b: Schedule): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.period !== b.period) return PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period];
  const byName = byDoctorName.compare(a.doctorName, b.doctorName);
  if (byName !== 0) return byName;
  return a.doctorId < b.doctorId ? -1 : a.doctorId > b.doctorId ? 1 : 0;
}

export const scheduleList: ActionDefinition<'schedule.list'> = {
  schema: {
    deptId: { type: 'string', label: '科室', pattern: CODE_PATTERN },
    doctorId: { type: 'string', label: '医生', pattern: CODE_PATTERN },
    from: { type: 'date', label: '开始日期' },
    days: { type: 'int', label: '天数', min: 1, max: SCHEDULE_WINDOW_DAYS },
  },
  scope: 'public',
  async handler(ctx, input) {
    const { deptId, doctorId } = input;
    if ((deptId === undefined) === (doctorId === undefined)) throw new AppError('INVALID_INPUT', '请选择科室或医生', 'deptId');
    const today = hospitalDate(ctx.clock());
    const from = input.from ?? today;
    const offset = daysBetween(today, from);
    if (offset < 0 || offset >= SCHEDULE_WINDOW_DAYS) throw new AppError('INVALID_INPUT', '只能查询今天起7天内的排班', 'from');
    // Clipped so the last day asked for never passes today + 6.
    const days = Math.min(input.days ?? SCHEDULE_WINDOW_DAYS, SCHEDULE_WINDOW_DAYS - offset);
    const dates = dateRange(from, days);
    const to = dates[dates.length - 1] ?? from;
    const who = deptId !== undefined ? { deptId } : { doctorId: doctorId as string };
    const read = await ctx.frontMachine.call('schedule.list', { ...who, from, to });
    const inWindow = new Set(dates);
    return { dates, schedules: read.schedules.filter((s) => inWindow.has(s.date)).sort(compareSchedules), ...staleMark(read) };
  },
};
