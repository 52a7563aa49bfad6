/**
 * The 添加就诊人 and 绑定就诊卡 forms' rules, field by field, with the cloud's Chinese refusals: ID
 * numbers and mobile numbers through core (the same code the cloud runs), names and card numbers
 * as the cloud's patient actions check them. Pure: the clock is a parameter.
 */
import type { PatientAddRequest, Relation } from '../../typings/patient';
import { isMinor, normalizeIdCard, parseIdCard } from '../core/idcard';
import { normalizeMobile } from '../core/phone';
import { PHONE_REFUSAL, RELATIONS, nameRefusal } from '../core/patient';

export { PHONE_REFUSAL, nameRefusal };

/** The relations the form offers, in order. */
export const RELATION_CHOICES: readonly Relation[] = RELATIONS;

/** The form as typed; every value a string so inputs bind straight to it. */
export interface PatientForm {
  name: string;
  idCardNo: string;
  phone: string;
  relation: string;
  guardianName: string;
  guardianIdCardNo: string;
}

export type PatientFormField = keyof PatientForm;

export const EMPTY_PATIENT_FORM: PatientForm = { name: '', idCardNo: '', phone: '', relation: '', guardianName: '', guardianIdCardNo: '' };

/** Guardians must be adults (the cloud's rule). */
export const GUARDIAN_MIN_AGE = 18;

/** True when the ID number is valid and its holder is under 14 on the hospital's date of `nowMs`. */
export function needsGuardian(idCardNo: string, nowMs: number): boolean {
  const parsed = parseIdCard(idCardNo, nowMs);
  return parsed.ok && isMinor(parsed.value.ageYears);
}

/** The Chinese refusal of one field, or undefined when it is acceptable. */
export function fieldRefusal(field: PatientFormField, form: PatientForm, nowMs: number): string | undefined {
  switch (field) {
    case 'name':
      return nameRefusal(form.name);
    case 'idCardNo': {
      if (form.idCardNo.trim() === '') return '请填写身份证号';
      const parsed = parseIdCard(form.idCardNo, nowMs);
      return parsed.ok ? undefined : parsed.message;
    }
    case 'phone':
      if (form.phone.trim() === '') return '请填写手机号';
      return normalizeMobile(form.phone) === null ? PHONE_REFUSAL : undefined;
    case 'relation':
      return (RELATION_CHOICES as readonly string[]).includes(form.relation) ? undefined : '请选择与本人关系';
    case 'guardianName':
      return needsGuardian(form.idCardNo, nowMs) ? nameRefusal(form.guardianName, '监护人姓名') : undefined;
    case 'guardianIdCardNo': {
      if (!needsGuardian(form.idCardNo, nowMs)) return undefined;
      if (form.guardianIdCardNo.trim() === '') return '请填写监护人身份证号';
      const guardian = parseIdCard(form.guardianIdCardNo, nowMs);
      if (!guardian.ok) return `监护人${guardian.message}`;
      if (guardian.value.idCardNo === normalizeIdCard(form.idCardNo)) return '监护人身份证号不能与就诊人相同';
      if (guardian.value.ageYears < GUARDIAN_MIN_AGE) return `监护人须年满${GUARDIAN_MIN_AGE}周岁`;
      return undefined;
    }
  }
}

export const PATIENT_FORM_FIELDS: readonly PatientFormField[] = ['name', 'idCardNo', 'phone', 'relation', 'guardianName', 'guardianIdCardNo'];

/** Every field's refusal ('' when acceptable), in the form's order. */
export function formRefusals(form: PatientForm, nowMs: number): Record<PatientFormField, string> {
  const out = {} as Record<PatientFormField, string>;
  for (const field of PATIENT_FORM_FIELDS) out[field] = fieldRefusal(field, form, nowMs) ?? '';
  return out;
}

/** The `patient.add` request for a form that passed `formRefusals`: normalised, guardian only for a minor. */
export function patientAddRequest(form: PatientForm, nowMs: number): PatientAddRequest {
  const request: PatientAddRequest = {
    name: form.name.trim(),
    idCardNo: normalizeIdCard(form.idCardNo),
    phone: normalizeMobile(form.phone) ?? form.phone.trim(),
    relation: form.relation as Relation,
  };
  if (needsGuardian(form.idCardNo, nowMs)) request.guardian = { name: form.guardianName.trim(), idCardNo: normalizeIdCard(form.guardianIdCardNo) };
  return request;
}

/**
 * Which form field shows a server failure's `field` (`guardian.idCardNo` → guardianIdCardNo). A bare
 * `guardian` goes under the guardian's name when that section shows, else under the ID number that
 * decided it; undefined when the failure names no field of this form.
 */
export function formFieldOf(serverField: string | undefined, guardianShown: boolean): PatientFormField | undefined {
  switch (serverField) {
    case 'name':
    case 'idCardNo':
    case 'phone':
    case 'relation':
      return serverField;
    case 'guardian.name':
      return 'guardianName';
    case 'guardian.idCardNo':
      return 'guardianIdCardNo';
    case 'guardian':
      return guardianShown ? 'guardianName' : 'idCardNo';
    default:
      return undefined;
  }
}

/** Card numbers as the hospital prints them (the cloud's `card.bind` rule). */
const CARD_NO = /^[A-Za-z0-9]{4,32}$/;

export function cardNoRefusal(raw: string): string | undefined {
  const cardNo = raw.trim();
  if (cardNo === '') return '请填写就诊卡号';
  return CARD_NO.test(cardNo) ? undefined : '就诊卡号应为4-32位字母或数字';
}
