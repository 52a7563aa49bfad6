/** Display formatting for pages: money from fen, schedule labels. Pure functions, no wx. */
import type { Fen, Period, Schedule } from '../../typings/hospital';
import type { ErrorCode, Failure } from '../../typings/result';

/** 2500 → "25.00元"; amounts are integers in fen. */
export function formatFen(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${Math.floor(abs / 100)}.${cents}元`;
}

export const PERIOD_LABELS: Record<Period, string> = { AM: '上午', PM: '下午' };

/** What a session's tag says: 余N while bookable, 约满 when none are left, 停诊 when stopped. */
export function slotLabel(schedule: Pick<Schedule, 'status' | 'remaining'>): string {
  if (schedule.status === 'stopped') return '停诊';
  if (schedule.status === 'full' || schedule.remaining <= 0) return '约满';
  return `余${schedule.remaining}`;
}

/** The Vant tag type that goes with `slotLabel`. */
export function slotTagType(schedule: Pick<Schedule, 'status' | 'remaining'>): 'success' | 'warning' | 'default' {
  if (schedule.status === 'stopped') return 'default';
  if (schedule.status === 'full' || schedule.remaining <= 0) return 'warning';
  return 'success';
}

/** What to do next, for failures whose message does not already say it (every error must). */
const NEXT_STEP: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: '请返回重新选择',
  FORBIDDEN: '请返回首页',
  INVALID_INPUT: '请检查后重试',
};

/** A failure's message for the error state, ending with what the patient can do. */
export function patientMessage(failure: Pick<Failure, 'code' | 'message'>): string {
  if (failure.message.includes('请')) return failure.message;
  return `${failure.message}，${NEXT_STEP[failure.code] ?? '请稍后重试'}`;
}
