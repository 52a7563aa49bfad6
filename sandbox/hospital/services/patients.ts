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
import { parseIdCard } from '../../../miniprogram/core/idcard';
import { normalizeMobile } from '../../../miniprogram/core/phone';
import { formatHospital } from '../../../miniprogram/core/time';
import { CODE_PATTERN } from '../../../miniprogram/core/validate';
import { checkGuardian, findCard, findOrCreatePatient, findPatient, normalizeName } from '../patients';
import type { ServiceHandler } from './context';
import { ok, readParams, refuse } from './context';

/** Longest name the hospital records. */
export const NAME_MAX_LENGTH = 30;

const notBlank = (label: string) => (v: string) => (normalizeName(v) === '' ? `请填写${label}` : undefined);

export const registerPatient: ServiceHandler<RegisterPatientResponse> = (body, { db, now }) => {
  const params = readParams<RegisterPatientRequest>(
    {
      PatientName: { type: 'string', label: '患者姓名', required: true, maxLength: NAME_MAX_LENGTH, check: notBlank('患者姓名') },
      IdCardNo: { type: 'string', label: '身份证号', required: true },
      Phone: { type: 'string', label: '手机号', required: true, check: (v) => (normalizeMobile(v) === null ? '手机号格式不正确' : undefined) },
      GuardianName: { type: 'string', label: '监护人姓名', maxLength: NAME_MAX_LENGTH },
      GuardianIdCardNo: { type: 'string', label: '监护人身份证号' },
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const { PatientName, IdCardNo, Phone, GuardianName, GuardianIdCardNo } = params.value;
  const nowMs = now();
  const idCard = parseIdCard(IdCardNo, nowMs);
  if (!idCard.ok) return refuse('1002', idCard.message);
  const guardian = checkGuardian(idCard.value, { name: GuardianName, idCardNo: GuardianIdCardNo }, nowMs);
  if (!guardian.ok) return refuse('1002', guardian.message);

  const registration = findOrCreatePatient(
    db,
    { name: PatientName, idCard: idCard.value, phone: normalizeMobile(Phone) ?? Phone, guardian: guardian.guardian },
    nowMs,
  );
  if (!registration.ok) return refuse('2001', registration.message);
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
