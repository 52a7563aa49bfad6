/**
 * A patient's own fields, as both the mini program's form and the cloud's `patient.add` check them:
 * the relations an account may record and the real-name rule, with the same Chinese refusals.
 */
import type { BoundPatient, Relation } from '../../typings/patient';
import { normalizeMobile } from './phone';

/** At most this many patients per account (docs/architecture.md#booking-rules, against scalping). */
export const MAX_PATIENTS_PER_ACCOUNT = 5;

/** Who the patient is to the account holder, in the order the form offers them. */
export const RELATIONS: readonly Relation[] = ['本人', '子女', '父母', '配偶', '其他'];

export const NAME_MIN = 2;
export const NAME_MAX = 30;
/** Real names: Chinese characters, Latin letters (with inner spaces) and the middle dot of transliterated names. */
const NAME_CHARS = /^[\u3400-\u4dbf\u4e00-\u9fffA-Za-z·• ]+$/;

/** The refusal of a real name, or undefined when it is acceptable. `who` is 姓名 or 监护人姓名. */
export function nameRefusal(raw: string, who = '姓名'): string | undefined {
  const name = raw.trim();
  if (name === '') return `请填写${who}`;
  const length = Array.from(name).length;
  if (length < NAME_MIN || length > NAME_MAX) return `${who}应为${NAME_MIN}-${NAME_MAX}个字`;
  // Dots join parts of a name; spaces only separate Latin words.
  if (!NAME_CHARS.test(name) || /^[·•]|[·•]$|[·• ]{2}|[^A-Za-z] | [^A-Za-z]/.test(name)) return `${who}只能包含汉字、字母和“·”`;
  return undefined;
}

/** Trims, and writes the dots of transliterated names as the standard middle dot. */
export function normalizeName(raw: string): string {
  return raw.trim().replace(/•/g, '·');
}

export const PHONE_REFUSAL = '请输入正确的11位手机号';

export function phoneRefusal(raw: string): string | undefined {
  return normalizeMobile(raw) === null ? PHONE_REFUSAL : undefined;
}

/**
 * The current patient: the one chosen on this device while still bound, else the account's default,
 * else the first; null without patients.
 */
export function pickCurrentPatient(patients: readonly BoundPatient[], rememberedId: string | null): BoundPatient | null {
  return patients.find((p) => p.patientId === rememberedId) ?? patients.find((p) => p.isDefault) ?? patients[0] ?? null;
}
