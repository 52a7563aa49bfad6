/**
 * Hospital time: every rule is computed in Asia/Shanghai from an injectable clock, whatever the
 * process's TZ (cloud functions run in UTC).
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { HospitalDate } from '../../typings/hospital';

dayjs.extend(utc);
dayjs.extend(timezone);

export const HOSPITAL_TZ = 'Asia/Shanghai';

/** An injectable source of the current instant, epoch milliseconds. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();

/**
 * The instant as a dayjs in the hospital's zone. Caveat: dayjs keeps such a value as a shifted local
 * Date, so when the hospital's wall time falls in a DST gap of the process's own zone (never under
 * UTC or in China) its getters are an hour off; rules should use hospitalDate, formatHospital and
 * hospitalInstant, which are exact in every process zone.
 */
export function inHospital(ms: number): dayjs.Dayjs {
  return dayjs(ms).tz(HOSPITAL_TZ);
}

/** China has kept UTC+8 without DST since 1991: the fallback where the engine lacks Intl time zones. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

let hospitalParts: Intl.DateTimeFormat | null | undefined;

/** Built on first use, so importing core never depends on the engine's Intl; null where it has none. */
function hospitalFormatter(): Intl.DateTimeFormat | null {
  if (hospitalParts !== undefined) return hospitalParts;
  try {
    hospitalParts = new Intl.DateTimeFormat('en-US', {
      timeZone: HOSPITAL_TZ,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    hospitalParts = null; // some phone engines ship Intl without time-zone data
  }
  return hospitalParts;
}

/** The last whole second read from Intl and its wall time: a burst of calls within one second reads Intl once. */
let lastSecond = NaN;
let lastWallSecond = 0;

/** The hospital's wall time of an instant, written as if it were UTC (read from Intl, not from the process's zone). */
function hospitalWallAsUtc(ms: number): number {
  const formatter = hospitalFormatter();
  if (!formatter) return ms + SHANGHAI_OFFSET_MS;
  const withinSecond = ((ms % 1000) + 1000) % 1000;
  const second = ms - withinSecond;
  if (second !== lastSecond) {
    const p: Record<string, number> = {};
    for (const part of formatter.formatToParts(second)) p[part.type] = Number(part.value);
    lastWallSecond = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, (p.hour ?? 0) % 24, p.minute ?? 0, p.second ?? 0);
    lastSecond = second;
  }
  return lastWallSecond + withinSecond;
}

/** The hospital's calendar date of an instant. */
export function hospitalDate(ms: number): HospitalDate {
  // The date is the ISO text's first ten characters for years 0000-9999 (the 24-character form), without dayjs.
  const iso = new Date(hospitalWallAsUtc(ms)).toISOString();
  return iso.length === 24 ? iso.slice(0, 10) : formatHospital(ms, 'YYYY-MM-DD');
}

/** `n` consecutive hospital dates starting at `from`. */
export function dateRange(from: HospitalDate, n: number): HospitalDate[] {
  // Calendar arithmetic on dates needs no zone: UTC has no DST to skip or repeat a day.
  const start = dayjs.utc(from);
  return Array.from({ length: n }, (_, i) => start.add(i, 'day').format('YYYY-MM-DD'));
}

/** Whole days from `a` to `b` (both hospital dates); negative when b is before a. */
export function daysBetween(a: HospitalDate, b: HospitalDate): number {
  return dayjs.utc(b).diff(dayjs.utc(a), 'day');
}

/** The instant a hospital wall time (`YYYY-MM-DD HH:mm[:ss]`) stands for. */
export function hospitalInstant(wall: string): number {
  return dayjs.tz(wall, HOSPITAL_TZ).valueOf();
}

/** `YYYY-MM-DD HH:mm:ss` (any dayjs pattern) in the hospital's zone, whatever the process's zone. */
export function formatHospital(ms: number, pattern = 'YYYY-MM-DD HH:mm:ss'): string {
  const wall = hospitalWallAsUtc(ms);
  const offset = Math.round((wall - ms) / 60000);
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  // The wall time is formatted as UTC, so zone tokens are written out here rather than by dayjs.
  const withZone = pattern.replace(/\[[^\]]*]|ZZ|Z/g, (t) => (t === 'Z' ? `[${sign}${hh}:${mm}]` : t === 'ZZ' ? `[${sign}${hh}${mm}]` : t));
  return dayjs.utc(wall).format(withZone);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** True when `s` is a real calendar date written `YYYY-MM-DD` (checked on the digits, so no zone can skip a day). */
export function isHospitalDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const monthDays = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= (monthDays[mo - 1] ?? 0);
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 周一 … 周日 for a hospital date. */
export function weekdayLabel(date: HospitalDate): string {
  return WEEKDAYS[dayjs.utc(date).day()] ?? '';
}
