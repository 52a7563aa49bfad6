/**
 * The 添加就诊人 and 绑定就诊卡 forms' rules, field by field, with the cloud's Chinese refusals:
 * documents (each by its own rules in core/documents), mobile numbers and names through core (the
 * same code the cloud runs), the SMS code, card numbers as the cloud's patient actions check them.
 * Pure: the clock is a parameter.
 */
import type { DocType, PatientAddRequest, PatientSendCodeRequest, Relation } from '../../typings/patient';
import { DOCUMENT_KINDS, documentKind, isDocType, needsGuardian as documentNeedsGuardian, normalizeDocument, parseDocument } from '../core/documents/index';
import { GUARDIAN_MIN_AGE, isMinor, normalizeIdCard, parseIdCard } from '../core/idcard';
import { normalizeMobile } from '../core/phone';
import { PHONE_REFUSAL, RELATIONS, nameRefusal } from '../core/patient';
import { SMS_CODE_PATTERN, SMS_CODE_REFUSAL } from '../core/verification';

export { PHONE_REFUSAL, nameRefusal };

/** The relations the form offers, in order. */
export const RELATION_CHOICES: readonly Relation[] = RELATIONS;

/** The document types the picker offers, in order. */
export const DOCUMENT_CHOICES = DOCUMENT_KINDS.map((k) => ({ type: k.type, name: k.label }));

/** The form as typed; every value a string so inputs bind straight to it. */
export interface PatientForm {
  name: string;
  docType: string;
  idCardNo: string;
  /** YYYY-MM-DD; asked only for documents that do not carry it. */
  birthDate: string;
  /** 'M' | 'F'; asked only for documents that do not carry it. */
  sex: string;
  phone: string;
  relation: string;
  guardianName: string;
  guardianIdCardNo: string;
  smsCode: string;
}

export type PatientFormField = keyof PatientForm;

export const EMPTY_PATIENT_FORM: PatientForm = {
  name: '',
  docType: 'id_card',
  idCardNo: '',
  birthDate: '',
  sex: '',
  phone: '',
  relation: '',
  guardianName: '',
  guardianIdCardNo: '',
  smsCode: '',
};

function docTypeOf(form: Pick<PatientForm, 'docType'>): DocType {
  return isDocType(form.docType) ? form.docType : 'id_card';
}

/** True when the document needs birth date and sex asked (all but 居民身份证). */
export function asksBirth(form: Pick<PatientForm, 'docType'>): boolean {
  return !documentKind(docTypeOf(form)).carriesBirth;
}

/** True when the ID number is valid and its holder is under 14 on the hospital's date of `nowMs`. */
export function needsGuardian(idCardNo: string, nowMs: number): boolean {
  const parsed = parseIdCard(idCardNo, nowMs);
  return parsed.ok && isMinor(parsed.value.ageYears);
}

/** Whether the form asks for a guardian: a birth certificate always, otherwise a valid document of someone under 14. */
export function formNeedsGuardian(form: PatientForm, nowMs: number): boolean {
  const type = docTypeOf(form);
  if (documentKind(type).guardianAlways) return true;
  const parsed = parseDocument(type, form.idCardNo, { birthDate: form.birthDate, sex: form.sex }, nowMs);
  return parsed.ok && documentNeedsGuardian(parsed.value);
}

/** The Chinese refusal of one field, or undefined when it is acceptable. */
export function fieldRefusal(field: PatientFormField, form: PatientForm, nowMs: number): string | undefined {
  const type = docTypeOf(form);
  const doc = () => parseDocument(type, form.idCardNo, { birthDate: form.birthDate, sex: form.sex }, nowMs);
  switch (field) {
    case 'name':
      return nameRefusal(form.name);
    case 'docType':
      return isDocType(form.docType) ? undefined : '请选择证件类型';
    case 'idCardNo': {
      if (form.idCardNo.trim() === '') return type === 'id_card' ? '请填写身份证号' : '请填写证件号码';
      const parsed = doc();
      return !parsed.ok && parsed.field === 'idCardNo' ? parsed.message : undefined;
    }
    case 'birthDate':
    case 'sex': {
      if (!asksBirth(form)) return undefined;
      const parsed = doc();
      return !parsed.ok && parsed.field === field ? parsed.message : undefined;
    }
    case 'phone':
      if (form.phone.trim() === '') return '请填写手机号';
      return normalizeMobile(form.phone) === null ? PHONE_REFUSAL : undefined;
    case 'relation':
      return (RELATION_CHOICES as readonly string[]).includes(form.relation) ? undefined : '请选择与本人关系';
    case 'guardianName':
      return formNeedsGuardian(form, nowMs) ? nameRefusal(form.guardianName, '监护人姓名') : undefined;
    case 'guardianIdCardNo': {
      if (!formNeedsGuardian(form, nowMs)) return undefined;
      if (form.guardianIdCardNo.trim() === '') return '请填写监护人身份证号';
      const guardian = parseIdCard(form.guardianIdCardNo, nowMs);
      if (!guardian.ok) return `监护人${guardian.message}`;
      if (type === 'id_card' && guardian.value.idCardNo === normalizeIdCard(form.idCardNo)) return '监护人身份证号不能与就诊人相同';
      if (guardian.value.ageYears < GUARDIAN_MIN_AGE) return `监护人须年满${GUARDIAN_MIN_AGE}周岁`;
      return undefined;
    }
    case 'smsCode':
      if (form.smsCode.trim() === '') return '请填写短信验证码';
      return SMS_CODE_PATTERN.test(form.smsCode.trim()) ? undefined : SMS_CODE_REFUSAL;
  }
}

/** Every field of the form, in its order. */
export const PATIENT_FORM_FIELDS: readonly PatientFormField[] = ['name', 'docType', 'idCardNo', 'birthDate', 'sex', 'phone', 'relation', 'guardianName', 'guardianIdCardNo', 'smsCode'];
/** The fields a code is sent for (who the patient is and where the code goes). */
export const IDENTITY_FIELDS: readonly PatientFormField[] = ['name', 'docType', 'idCardNo', 'birthDate', 'sex', 'phone', 'guardianName', 'guardianIdCardNo'];

/** Every field's refusal ('' when acceptable), in the form's order; `fields` narrows it. */
export function formRefusals(form: PatientForm, nowMs: number, fields: readonly PatientFormField[] = PATIENT_FORM_FIELDS): Record<PatientFormField, string> {
  const out = {} as Record<PatientFormField, string>;
  for (const field of PATIENT_FORM_FIELDS) out[field] = fields.includes(field) ? (fieldRefusal(field, form, nowMs) ?? '') : '';
  return out;
}

/** The `patient.sendCode` request for a form whose identity fields passed: normalised; birth and sex only where asked; guardian only where needed. */
export function sendCodeRequest(form: PatientForm, nowMs: number): PatientSendCodeRequest {
  const type = docTypeOf(form);
  const request: PatientSendCodeRequest = {
    name: form.name.trim(),
    idCardNo: type === 'id_card' ? normalizeIdCard(form.idCardNo) : normalizeDocument(type, form.idCardNo),
    phone: normalizeMobile(form.phone) ?? form.phone.trim(),
  };
  if (type !== 'id_card') Object.assign(request, { docType: type, birthDate: form.birthDate, sex: form.sex as 'M' | 'F' });
  if (formNeedsGuardian(form, nowMs)) request.guardian = { name: form.guardianName.trim(), idCardNo: normalizeIdCard(form.guardianIdCardNo) };
  return request;
}

/** The `patient.add` request: the same identity as the code was sent for, the relation, the challenge and the code. */
export function patientAddRequest(form: PatientForm, nowMs: number, challengeId = ''): PatientAddRequest {
  return { ...sendCodeRequest(form, nowMs), relation: form.relation as Relation, challengeId, smsCode: form.smsCode.trim() };
}

/**
 * Which form field shows a server failure's `field` (`guardian.idCardNo` → guardianIdCardNo). A bare
 * `guardian` goes under the guardian's name when that section shows, else under the number that
 * decided it; undefined when the failure names no field of this form.
 */
export function formFieldOf(serverField: string | undefined, guardianShown: boolean): PatientFormField | undefined {
  switch (serverField) {
    case 'name':
    case 'docType':
    case 'idCardNo':
    case 'birthDate':
    case 'sex':
    case 'phone':
    case 'relation':
    case 'smsCode':
      return serverField;
    case 'challengeId':
      return 'smsCode';
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
