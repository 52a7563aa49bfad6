/**
 * What the forms that prove a phone with the hospital's SMS code share (核酸 for a visitor, a
 * companion's report): the fields' errors from a failure, and the resend countdown's label.
 */
import type { Failure } from '../../typings/result';

/** The error shown under a field: the failure's message when it names that field. */
export function fieldErrors<F extends string>(fields: readonly F[], failure: Pick<Failure, 'message' | 'field'>): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const f of fields) if (failure.field === f) errors[f] = failure.message;
  return errors;
}

/** The send button's label: 获取验证码, or the seconds until a new code may be asked for. */
export function sendLabel(secondsLeft: number): string {
  return secondsLeft > 0 ? `${secondsLeft}秒后重发` : '获取验证码';
}
