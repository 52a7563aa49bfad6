/**
 * Binding proves possession (docs/architecture.md#trust): the rules of the SMS codes the hospital sends, and
 * the one neutral refusal every "who exists" failure answers with, shared by the mini program, the
 * cloud, the front machine and the sandbox hospital.
 */

/** Digits in a code. */
export const SMS_CODE_LENGTH = 6;
export const SMS_CODE_PATTERN = /^\d{6}$/;
/** A code lives this long after it is sent. */
export const CODE_TTL_MS = 5 * 60_000;
/** Wrong answers a challenge takes before it is closed. */
export const CODE_MAX_TRIES = 5;
/** The same person may be sent a new code after this long. */
export const RESEND_AFTER_MS = 60_000;
/** Codes sent for one person (document) per hour, whoever asks. */
export const SENDS_PER_PERSON_PER_HOUR = 5;
/** Codes one account (or caller) may have sent per day. */
export const SENDS_PER_ACCOUNT_PER_DAY = 20;
/** New hospital records one account may create per 24 hours (removing a patient gives none back). */
export const NEW_RECORDS_PER_ACCOUNT_PER_DAY = 5;
/** card.bind tries per account per hour. */
export const CARD_BINDS_PER_ACCOUNT_PER_HOUR = 10;

/**
 * Unknown person, another name on record, a phone or guardian not on file, a wrong, expired or
 * used code, someone else's card, no such card: one answer, so nobody learns who is a patient.
 */
export const NEUTRAL_REFUSAL = '信息核验未通过，请核对后重试或到窗口办理';

export const SMS_CODE_REFUSAL = '请输入6位数字验证码';

/** 「请于 10:35 后再试」 for a LIMIT_REACHED, in the hospital's wall time. */
export function retryText(retryAtMs: number): string {
  const wall = new Date(retryAtMs + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `请于${wall.getUTCMonth() + 1}月${wall.getUTCDate()}日 ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())} 后再试`;
}
