/**
 * Patients and cards: RegisterPatient (建档, real-name find or create), QueryCard (就诊卡) and
 * GetPatientQrCode (电子就诊码). Ages are counted on the hospital's clock.
 */
import type {
  GetPatientQrCodeRequest,
  GetPatientQrCodeResponse,
  QueryCardRequest,
  QueryCardResponse,
  RegisterPatientRequest,
  RegisterPatientResponse,
} from '../../../typings/hsb';
import { NEUTRAL_REFUSAL, SMS_CODE_PATTERN } from '../../../miniprogram/core/verification';
import { formatHospital } from '../../../miniprogram/core/time';
import { CODE_PATTERN } from '../../../miniprogram/core/validate';
import { findCard, findOrCreatePatient, findPatient, findPatientByIdCard, type Registration } from '../patients';
import { recordMatches } from '../verification';
import type { ServiceHandler } from './context';
import { ok, readParams, refuse } from './context';
import { PERSON_FIELDS, readIntake } from './verification';

export { NAME_MAX_LENGTH } from './verification';

/**
 * 建档 after the code: the caller's BIND challenge must hold (right code, in time, tries left, every
 * detail as sent); then the patient on file (only when the record still matches: name, phone and
 * guardian on file) or a new one. What is on file is never changed.
 */
export const registerPatient: ServiceHandler<RegisterPatientResponse> = (body, { db, now, codes }) => {
  const params = readParams<RegisterPatientRequest>(
    {
      ...PERSON_FIELDS,
      ChallengeNo: { type: 'string', label: '验证编号', required: true, pattern: /^[A-Za-z0-9]{1,40}$/ },
      VerifyCode: { type: 'string', label: '验证码', required: true, pattern: SMS_CODE_PATTERN },
      AllowNew: { type: 'enum', label: '允许新建档案', values: ['0', '1'] },
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const nowMs = now();
  const read = readIntake(params.value, nowMs);
  if (!read.ok) return read.refusal;
  const { intake } = read;
  const { Caller, ChallengeNo, VerifyCode, AllowNew } = params.value;

  const register = db.transaction((): Registration | { ok: false; reason: 'not_verified' } => {
    if (!codes.check(ChallengeNo, Caller, 'BIND', codes.detailsOf(intake), VerifyCode, nowMs).ok) return { ok: false, reason: 'not_verified' };
    // Created by someone else since the code was sent: bound only if it is the record the code would have gone to.
    const existing = findPatientByIdCard(db, intake.doc.number, intake.doc.docType);
    if (existing !== undefined && !recordMatches(existing, intake)) return { ok: false, reason: 'not_verified' };
    return findOrCreatePatient(db, intake, nowMs, { allowNew: AllowNew !== '0' });
  });
  const registration = register.immediate();
  if (!registration.ok && registration.reason === 'new_not_allowed') return refuse('2003', '新建档案次数已达上限，请稍后再试或到窗口办理');
  if (!registration.ok) return refuse('2001', NEUTRAL_REFUSAL);
  const { patient, isNew } = registration;
  return ok({
    Patient: {
      PatientId: patient.patientId,
      PatientName: patient.name,
      Sex: patient.sex === 2 ? '2' : '1',
      BirthDate: patient.birthDate,
      IsNew: isNew ? '1' : '0',
      HasGuardian: patient.guardianIdCardNo === null ? '0' : '1',
    },
  });
};

export const queryCard: ServiceHandler<QueryCardResponse> = (body, { db }) => {
  const params = readParams<QueryCardRequest>({ CardNo: { type: 'string', label: '就诊卡号', required: true, pattern: CODE_PATTERN } }, body);
  if (!params.ok) return params.refusal;
  const card = findCard(db, params.value.CardNo);
  if (card === undefined) return refuse('1001', '就诊卡不存在');
  return ok({ Card: { CardNo: card.cardNo, PatientId: card.patientId, CardState: card.state === 1 ? '1' : card.state === 2 ? '2' : '0' } });
};

export const getPatientQrCode: ServiceHandler<GetPatientQrCodeResponse> = (body, { db, now, qrCodes }) => {
  const params = readParams<GetPatientQrCodeRequest>({ PatientId: { type: 'string', label: '患者编号', required: true, pattern: CODE_PATTERN } }, body);
  if (!params.ok) return params.refusal;
  const patient = findPatient(db, params.value.PatientId);
  if (patient === undefined) return refuse('1001', '患者不存在');
  const issued = qrCodes.issue(patient.patientId, now());
  return ok({ QrCode: issued.code, ExpireTime: formatHospital(issued.expiresAtMs) });
};
