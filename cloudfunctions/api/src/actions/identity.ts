/**
 * Who a binding is about, as `patient.sendCode` and `patient.add` both check it: the fields' rules,
 * the document's own rules and the guardian, on the business clock; the caller's opaque id for the
 * front machine and the hospital; the person's HMAC. Shared by the action modules, not an action.
 */
import type { PersonIdentity } from '../../../../typings/frontmachine';
import type { PatientIdentity } from '../../../../typings/patient';
import type { PatientBinding } from '../../../../typings/db';
import { MAX_PATIENTS_PER_ACCOUNT } from '../../../common/accounts';
import { AppError } from '../../../../miniprogram/core/errors';
import { DOC_TYPES, documentKey, needsGuardian, parseDocument, type DocumentInfo } from '../../../../miniprogram/core/documents';
import { GUARDIAN_MIN_AGE, GUARDIAN_REQUIRED_UNDER, parseIdCard } from '../../../../miniprogram/core/idcard';
import { normalizeMobile } from '../../../../miniprogram/core/phone';
import type { Schema } from '../../../../miniprogram/core/validate';
import { idCardHmac, keyedDigest } from '../../../common/privacy';
import { nameRefusal, normalizeName, phoneRefusal } from './patients';

export const IDENTITY_MESSAGES = {
  guardianRequired: `未满${GUARDIAN_REQUIRED_UNDER}周岁的就诊人须填写监护人信息`,
  guardianForBirthCertificate: '以出生医学证明添加的就诊人须填写监护人信息',
  guardianNotNeeded: `年满${GUARDIAN_REQUIRED_UNDER}周岁的就诊人无需填写监护人信息`,
  guardianMinor: `监护人须年满${GUARDIAN_MIN_AGE}周岁`,
  guardianSameId: '监护人身份证号不能与就诊人相同',
  birthNotAsked: '居民身份证已包含出生日期和性别，无需填写',
} as const;

/** The fields of PatientIdentity, as a router schema. */
export const IDENTITY_SCHEMA: Schema = {
  name: { type: 'string', label: '姓名', required: true, check: (v) => nameRefusal(v) },
  docType: { type: 'enum', label: '证件类型', values: DOC_TYPES },
  idCardNo: { type: 'string', label: '证件号码', required: true },
  birthDate: { type: 'date', label: '出生日期' },
  sex: { type: 'enum', label: '性别', values: ['M', 'F'] },
  phone: { type: 'string', label: '手机号', required: true, check: phoneRefusal },
  guardian: {
    type: 'object',
    label: '监护人信息',
    fields: {
      name: { type: 'string', label: '监护人姓名', required: true, check: (v) => nameRefusal(v, '监护人姓名') },
      idCardNo: { type: 'string', label: '监护人身份证号', required: true },
    },
  },
};

/** Who the binding is about, checked: what the front machine is sent, the document, the person's HMAC. */
export interface CheckedIdentity {
  person: PersonIdentity;
  doc: DocumentInfo;
  /** HMAC of the document (the ID number's alone for 居民身份证, as bindings made before kept it). */
  personHmac: string;
}

/** The checks that need the clock (document, age, guardian): field by field, in the form's order. */
export function checkIdentity(input: PatientIdentity, nowMs: number, idHmacKey: string): CheckedIdentity {
  const docType = input.docType ?? 'id_card';
  if (docType === 'id_card' && (input.birthDate !== undefined || input.sex !== undefined)) {
    throw new AppError('INVALID_INPUT', IDENTITY_MESSAGES.birthNotAsked, input.birthDate !== undefined ? 'birthDate' : 'sex');
  }
  const parsed = parseDocument(docType, input.idCardNo, { birthDate: input.birthDate, sex: input.sex }, nowMs);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.message, parsed.field);
  const doc = parsed.value;
  const person: PersonIdentity = { name: normalizeName(input.name), idCardNo: doc.number, phone: normalizeMobile(input.phone) as string };
  if (docType !== 'id_card') Object.assign(person, { docType, birthDate: doc.birthDate, sex: doc.sex });
  if (needsGuardian(doc)) {
    if (!input.guardian) {
      throw new AppError('INVALID_INPUT', docType === 'birth_certificate' ? IDENTITY_MESSAGES.guardianForBirthCertificate : IDENTITY_MESSAGES.guardianRequired, 'guardian');
    }
    const g = parseIdCard(input.guardian.idCardNo, nowMs);
    if (!g.ok) throw new AppError('INVALID_INPUT', `监护人${g.message}`, 'guardian.idCardNo');
    if (docType === 'id_card' && g.value.idCardNo === doc.number) throw new AppError('INVALID_INPUT', IDENTITY_MESSAGES.guardianSameId, 'guardian.idCardNo');
    if (g.value.ageYears < GUARDIAN_MIN_AGE) throw new AppError('INVALID_INPUT', IDENTITY_MESSAGES.guardianMinor, 'guardian.idCardNo');
    person.guardian = { name: normalizeName(input.guardian.name), idCardNo: g.value.idCardNo };
  } else if (input.guardian) {
    throw new AppError('INVALID_INPUT', IDENTITY_MESSAGES.guardianNotNeeded, 'guardian');
  }
  return { person, doc, personHmac: idCardHmac(idHmacKey, documentKey(docType, doc.number)) };
}

/** The caller as the front machine and the hospital know it: an opaque digest of the account, never the openid. */
export function callerOf(idHmacKey: string, openid: string): string {
  return keyedDigest(idHmacKey, ['caller', openid]).slice(0, 32);
}

export const ACCOUNT_MESSAGES = {
  selfOnce: '每个账号只能添加一位“本人”，请选择其他关系',
  limit: `每个账号最多绑定${MAX_PATIENTS_PER_ACCOUNT}位就诊人`,
  duplicate: '该就诊人已添加',
} as const;

/**
 * The account's rules, checked before a code is sent, before the hospital call and again inside the
 * binding's transaction. `relation` is unknown when a code is asked for (the form sends it with the code).
 */
export function accountRefusal(patients: readonly PatientBinding[], relation: string | undefined, hmac: string): AppError | undefined {
  if (relation === '本人' && patients.some((p) => p.relation === '本人' && p.idCardHmac !== hmac)) {
    return new AppError('INVALID_INPUT', ACCOUNT_MESSAGES.selfOnce, 'relation');
  }
  if (patients.some((p) => p.idCardHmac === hmac)) return new AppError('CONFLICT', ACCOUNT_MESSAGES.duplicate, 'idCardNo');
  if (patients.length >= MAX_PATIENTS_PER_ACCOUNT) return new AppError('LIMIT_REACHED', ACCOUNT_MESSAGES.limit);
  return undefined;
}
