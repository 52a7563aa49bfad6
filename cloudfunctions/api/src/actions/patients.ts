/**
 * What the patient actions share: the masked view of a binding, the list as the app shows it, and
 * the rules of a patient's fields. Shared by the action modules, not an action itself.
 */
import type { PatientBinding } from '../../../../typings/db';
import type { BoundPatient, PatientListResponse } from '../../../../typings/patient';
import { CODE_PATTERN, type StringRule } from '../../../../miniprogram/core/validate';
import { normalizeMobile } from '../../../../miniprogram/core/phone';
import { MAX_PATIENTS_PER_ACCOUNT } from '../../../common/accounts';

/** The hospital's patient id as a request field. */
export const PATIENT_ID_RULE: StringRule = { type: 'string', label: '就诊人', required: true, pattern: CODE_PATTERN };

/** Real names: Chinese characters, Latin letters (with inner spaces) and the middle dot of transliterated names. */
const NAME_CHARS = /^[\u3400-\u4dbf\u4e00-\u9fffA-Za-z·• ]+$/;
export const NAME_MIN = 2;
export const NAME_MAX = 30;

/** The refusal of a real name, or undefined when it is acceptable. `who` is 姓名 or 监护人姓名. */
export function nameRefusal(raw: string, who = '姓名'): string | undefined {
  const name = raw.trim();
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

/** The binding as the app sees it: masked only, as stored. */
export function toBoundPatient(b: PatientBinding): BoundPatient {
  return {
    patientId: b.patientId,
    name: b.nameMasked,
    idCardNo: b.idCardMasked,
    phone: b.phoneMasked,
    relation: b.relation,
    sex: b.sex,
    isDefault: b.isDefault,
    card: b.card === null ? null : { cardNo: b.card.cardNo, state: b.card.state },
    hasGuardian: b.hasGuardian,
  };
}

/** The default patient first, then the others in the order they were bound. */
export function listOf(patients: readonly PatientBinding[]): PatientListResponse {
  const ordered = [...patients.filter((p) => p.isDefault), ...patients.filter((p) => !p.isDefault)];
  return { patients: ordered.map(toBoundPatient), limit: MAX_PATIENTS_PER_ACCOUNT };
}

/** Exactly one default whenever there are patients: keeps the flagged one, else the first bound. */
export function withOneDefault(patients: readonly PatientBinding[], preferred?: string): PatientBinding[] {
  const chosen = preferred ?? patients.find((p) => p.isDefault)?.patientId ?? patients[0]?.patientId;
  return patients.map((p) => ({ ...p, isDefault: p.patientId === chosen }));
}
