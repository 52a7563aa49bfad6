/**
 * What the patient actions share: the masked view of a binding, the list as the app shows it, and
 * the rules of a patient's fields. Shared by the action modules, not an action itself.
 */
import type { PatientBinding } from '../../../../typings/db';
import type { BoundPatient, PatientListResponse } from '../../../../typings/patient';
import { CODE_PATTERN, type StringRule } from '../../../../miniprogram/core/validate';
import { MAX_PATIENTS_PER_ACCOUNT } from '../../../common/accounts';

export { NAME_MAX, NAME_MIN, PHONE_REFUSAL, nameRefusal, normalizeName, phoneRefusal } from '../../../../miniprogram/core/patient';

/** The hospital's patient id as a request field. */
export const PATIENT_ID_RULE: StringRule = { type: 'string', label: '就诊人', required: true, pattern: CODE_PATTERN };

/** The binding as the app sees it: masked only, as stored. */
export function toBoundPatient(b: PatientBinding): BoundPatient {
  return {
    patientId: b.patientId,
    name: b.nameMasked,
    idCardNo: b.idCardMasked,
    phone: b.phoneMasked,
    relation: b.relation,
    sex: b.sex,
    ...(b.docType === undefined ? {} : { docType: b.docType }),
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
