/**
 * Binding proves possession: SendVerificationCode (短信验证码), CheckVerificationCode, and the
 * reading of who a binding is about, shared with RegisterPatient. Every "who exists" failure is one
 * 2001 with the neutral message.
 */
import type {
  CheckVerificationCodeRequest,
  CheckVerificationCodeResponse,
  SendVerificationCodeRequest,
  SendVerificationCodeResponse,
} from '../../../typings/hsb';
import { parseDocument } from '../../../miniprogram/core/documents';
import { normalizeMobile } from '../../../miniprogram/core/phone';
import { formatHospital } from '../../../miniprogram/core/time';
import { NEUTRAL_REFUSAL, SMS_CODE_PATTERN, retryText } from '../../../miniprogram/core/verification';
import type { Schema } from '../../../miniprogram/core/validate';
import { checkGuardian, docTypeOf, normalizeName, type PatientIntake } from '../patients';
import type { SendOutcome } from '../verification';
import type { RefusalCode, ServiceHandler } from './context';
import { ok, readParams, refuse } from './context';

/** Longest name the hospital records. */
export const NAME_MAX_LENGTH = 30;
const CALLER = /^[A-Za-z0-9_-]{1,64}$/;

const notBlank = (label: string) => (v: string) => (normalizeName(v) === '' ? `请填写${label}` : undefined);
const mobile = (v: string) => (normalizeMobile(v) === null ? '手机号格式不正确' : undefined);

/** The fields naming a person, as SendVerificationCode (BIND) and RegisterPatient carry them. */
export const PERSON_FIELDS: Schema = {
  PatientName: { type: 'string', label: '患者姓名', required: true, maxLength: NAME_MAX_LENGTH, check: notBlank('患者姓名') },
  DocType: { type: 'enum', label: '证件类型', values: ['01', '02', '03', '04', '05'] },
  IdCardNo: { type: 'string', label: '证件号码', required: true },
  BirthDate: { type: 'string', label: '出生日期' },
  Sex: { type: 'enum', label: '性别', values: ['1', '2'] },
  Phone: { type: 'string', label: '手机号', required: true, check: mobile },
  GuardianName: { type: 'string', label: '监护人姓名', maxLength: NAME_MAX_LENGTH },
  GuardianIdCardNo: { type: 'string', label: '监护人身份证号' },
  Caller: { type: 'string', label: '调用方', required: true, pattern: CALLER },
};

type PersonFields = Pick<SendVerificationCodeRequest, 'DocType' | 'BirthDate' | 'Sex' | 'GuardianName' | 'GuardianIdCardNo'> & {
  PatientName: string;
  IdCardNo: string;
  Phone: string;
};

/** The person as checked on the hospital's clock (document, guardian), or the 1002 refusal. */
export function readIntake(p: PersonFields, nowMs: number): { ok: true; intake: PatientIntake & { phone: string } } | { ok: false; refusal: { code: RefusalCode; message: string } } {
  const docType = docTypeOf(p.DocType ?? '01');
  if (docType === undefined) return { ok: false, refusal: refuse('1002', '证件类型不支持') };
  const sex = p.Sex === undefined ? undefined : p.Sex === '1' ? 'M' : 'F';
  const doc = parseDocument(docType, p.IdCardNo, { birthDate: p.BirthDate, sex }, nowMs);
  if (!doc.ok) return { ok: false, refusal: refuse('1002', doc.message) };
  const guardian = checkGuardian(doc.value, { name: p.GuardianName, idCardNo: p.GuardianIdCardNo }, nowMs);
  if (!guardian.ok) return { ok: false, refusal: refuse('1002', guardian.message) };
  const phone = normalizeMobile(p.Phone) as string;
  return { ok: true, intake: { name: normalizeName(p.PatientName), doc: doc.value, phone, guardian: guardian.guardian } };
}

function sent(outcome: SendOutcome) {
  if (!outcome.ok) {
    const why = outcome.reason === 'too_soon' ? '验证码发送过于频繁' : '该证件验证码发送次数过多';
    return refuse('2003', `${why}，${retryText(outcome.retryAt)}`);
  }
  return ok<SendVerificationCodeResponse>({
    Challenge: { ChallengeNo: outcome.challengeNo, SentTo: outcome.sentTo, ExpireTime: formatHospital(outcome.expiresAt), ResendTime: formatHospital(outcome.resendAt) },
  });
}

export const sendVerificationCode: ServiceHandler<SendVerificationCodeResponse> = (body, { now, codes }) => {
  const purpose = readParams<Pick<SendVerificationCodeRequest, 'Purpose' | 'Caller' | 'Phone'>>(
    { Purpose: { type: 'enum', label: '用途', required: true, values: ['BIND', 'PHONE'] }, Caller: PERSON_FIELDS.Caller!, Phone: PERSON_FIELDS.Phone! },
    { Purpose: body.Purpose, Caller: body.Caller, Phone: body.Phone },
  );
  if (!purpose.ok) return purpose.refusal;
  const nowMs = now();
  if (purpose.value.Purpose === 'PHONE') {
    const extra = Object.keys(body).find((k) => !['Purpose', 'Caller', 'Phone'].includes(k));
    if (extra !== undefined) return refuse('1002', `不支持的参数：${extra}`);
    return sent(codes.sendForPhone(purpose.value.Caller, normalizeMobile(purpose.value.Phone) as string, nowMs));
  }
  const { Purpose: _purpose, ...person } = body;
  const params = readParams<PersonFields & { Caller: string }>(PERSON_FIELDS, person);
  if (!params.ok) return params.refusal;
  const read = readIntake(params.value, nowMs);
  if (!read.ok) return read.refusal;
  return sent(codes.sendForBinding(params.value.Caller, read.intake, nowMs));
};

export const checkVerificationCode: ServiceHandler<CheckVerificationCodeResponse> = (body, { db, now, codes }) => {
  const params = readParams<CheckVerificationCodeRequest>(
    {
      ChallengeNo: { type: 'string', label: '验证编号', required: true, pattern: /^[A-Za-z0-9]{1,40}$/ },
      Caller: PERSON_FIELDS.Caller!,
      Phone: PERSON_FIELDS.Phone!,
      VerifyCode: { type: 'string', label: '验证码', required: true, pattern: SMS_CODE_PATTERN },
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const { ChallengeNo, Caller, Phone, VerifyCode } = params.value;
  const checked = db.transaction(() => codes.check(ChallengeNo, Caller, 'PHONE', codes.phoneDetails(normalizeMobile(Phone) as string), VerifyCode, now())).immediate();
  return checked.ok ? ok({ Verified: '1' }) : refuse('2001', NEUTRAL_REFUSAL);
};
