/**
 * Patient operations: 建档 (find or create by real name), verification codes (binding proves
 * possession: codes made, sent and checked at the hospital, counted per caller here), cards and the
 * check-in QR code. Personal and live: none is cached.
 */
import type { OperationRequest } from '../../typings/frontmachine';
import { fail } from '../../miniprogram/core/errors';
import { CODE_PATTERN, validate, type Schema, type StringRule, type Validated } from '../../miniprogram/core/validate';
import { parseIdCard } from '../../miniprogram/core/idcard';
import { AppError } from '../../miniprogram/core/errors';
import { DOC_TYPES, parseDocument } from '../../miniprogram/core/documents';
import {
  CARD_BINDS_PER_ACCOUNT_PER_HOUR,
  NEW_RECORDS_PER_ACCOUNT_PER_DAY,
  SMS_CODE_PATTERN,
  SMS_CODE_REFUSAL,
  retryText,
} from '../../miniprogram/core/verification';
import type { PersonIdentity } from '../../typings/frontmachine';
import { SlidingWindowLimit } from './limits';
import { isMobile, normalizeMobile } from '../../miniprogram/core/phone';
import type { Clock } from '../../miniprogram/core/time';
import type { PatientRegistration } from './hospital/port';
import { type OperationRows } from './operation';

/** Longest name (patient or guardian) the hospital records, in characters. */
export const NAME_MAX_LENGTH = 30;

/** A person's name: 1–30 characters once trimmed. */
export function nameRule(label: string): StringRule {
  return {
    type: 'string',
    label,
    required: true,
    check: (v) => {
      const length = Array.from(v.trim()).length;
      if (length === 0) return `请填写${label}`;
      return length > NAME_MAX_LENGTH ? `${label}不能超过${NAME_MAX_LENGTH}个字` : undefined;
    },
  };
}

/** The caller's opaque id (a digest of the account, never the openid itself). */
const CALLER = { type: 'string', label: '调用方', required: true, pattern: /^[A-Za-z0-9_-]{8,64}$/ } as const;

function personSchema(): Schema {
  return {
    caller: CALLER,
    name: nameRule('姓名'),
    docType: { type: 'enum', label: '证件类型', values: DOC_TYPES },
    // Checked by its document's rules below (the type decides them).
    idCardNo: { type: 'string', label: '证件号码', required: true },
    birthDate: { type: 'date', label: '出生日期' },
    sex: { type: 'enum', label: '性别', values: ['M', 'F'] },
    phone: { type: 'string', label: '手机号', required: true, check: (v) => (isMobile(v) ? undefined : '请输入正确的手机号') },
    guardian: {
      type: 'object',
      label: '监护人',
      fields: { name: nameRule('监护人姓名'), idCardNo: { type: 'string', label: '监护人身份证号', required: true } },
    },
  };
}

/**
 * Checks who a binding is about and hands it on normalised: trimmed names, the document's canonical
 * number, the bare mobile. The document's own rules (and birth date and sex where it does not carry
 * them) are dated by `clock`.
 */
function checkPerson<T extends PersonIdentity & { caller: string }>(schema: Schema, input: unknown, clock: Clock): Validated<T> {
  const v = validate<T>(schema, input);
  if (!v.ok) return v;
  const { name, idCardNo, phone, guardian } = v.value;
  const docType = v.value.docType ?? 'id_card';
  const doc = parseDocument(docType, idCardNo, { birthDate: v.value.birthDate, sex: v.value.sex }, clock());
  if (!doc.ok) return fail('INVALID_INPUT', doc.message, doc.field);
  const person: T = { ...v.value, name: name.normalize('NFC').trim(), idCardNo: doc.value.number, phone: normalizeMobile(phone) ?? phone };
  if (docType === 'id_card') {
    // The ID number carries them: nothing else is sent.
    delete person.birthDate;
    delete person.sex;
    delete person.docType;
  }
  if (guardian !== undefined) {
    const g = parseIdCard(guardian.idCardNo, clock());
    if (!g.ok) return fail('INVALID_INPUT', g.message.replace(/^身份证号/, '监护人身份证号'), 'guardian.idCardNo');
    person.guardian = { name: guardian.name.normalize('NFC').trim(), idCardNo: g.value.idCardNo };
    if (docType === 'id_card' && person.guardian.idCardNo === person.idCardNo) return fail('INVALID_INPUT', '监护人不能是就诊人本人', 'guardian.idCardNo');
  }
  return { ok: true, value: person };
}

const REGISTRATION_SCHEMA: Schema = {
  ...personSchema(),
  challengeId: { type: 'string', label: '验证编号', required: true, pattern: /^[A-Za-z0-9]{1,40}$/ },
  code: { type: 'string', label: '验证码', required: true, check: (v) => (SMS_CODE_PATTERN.test(v) ? undefined : SMS_CODE_REFUSAL) },
  allowNew: { type: 'enum', label: '允许新建档案', values: ['true', 'false'] },
};

/** allowNew travels as a JSON boolean; the schema language knows strings, so it is read apart. */
function checkRegistration(input: unknown, clock: Clock): Validated<PatientRegistration> {
  const raw = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const allowNew = raw.allowNew;
  if (allowNew !== undefined && typeof allowNew !== 'boolean') return fail('INVALID_INPUT', '允许新建档案应为 true 或 false', 'allowNew');
  const checked = checkPerson<PatientRegistration>(REGISTRATION_SCHEMA, { ...raw, allowNew: undefined }, clock);
  if (!checked.ok) return checked;
  const registration = { ...checked.value };
  delete registration.allowNew;
  if (allowNew !== undefined) registration.allowNew = allowNew;
  return { ok: true, value: registration };
}

const CHALLENGE_ID = { type: 'string', label: '验证编号', required: true, pattern: /^[A-Za-z0-9]{1,40}$/ } as const;
const PHONE = { type: 'string', label: '手机号', required: true, check: (v: string) => (isMobile(v) ? undefined : '请输入正确的手机号') } as const;

/** Counts a code sent for `caller`, or refuses with when to retry (the caller's 20 codes a day). */
export function sendAllowed(limit: SlidingWindowLimit, caller: string, clock: Clock): void {
  const taken = limit.take(caller, clock());
  if (!taken.ok) throw new AppError('LIMIT_REACHED', `今日获取验证码次数已达上限，${retryText(taken.retryAt)}`);
}

export function patientOperations(clock: Clock, countSend: (caller: string) => void): OperationRows<'patient.register' | 'patient.sendCode' | 'phone.sendCode' | 'phone.verify' | 'card.get' | 'patient.qrcode'> {
  const newRecordsPerCaller = new SlidingWindowLimit(NEW_RECORDS_PER_ACCOUNT_PER_DAY, 24 * 3_600_000);
  const cardTriesPerCaller = new SlidingWindowLimit(CARD_BINDS_PER_ACCOUNT_PER_HOUR, 3_600_000);
  return {
    'patient.register': {
      write: true,
      check: (input) => checkRegistration(input, clock),
      handle: async (registration, { hospital }) => {
        // The caller's new records are counted here too: past 5 a day the hospital is asked to create none.
        const roomForNew = newRecordsPerCaller.count(registration.caller, clock()) < NEW_RECORDS_PER_ACCOUNT_PER_DAY;
        const registered = await hospital.registerPatient(roomForNew ? registration : { ...registration, allowNew: false });
        if (registered.isNew) newRecordsPerCaller.record(registration.caller, clock());
        return registered;
      },
    },
    // Binding proves possession: codes made, sent and checked at the hospital; counted per caller here.
    'patient.sendCode': {
      write: false,
      check: (input) => checkPerson<OperationRequest<'patient.sendCode'>>(personSchema(), input, clock),
      handle: (request, { hospital }) => {
        countSend(request.caller);
        return hospital.sendBindingCode(request);
      },
    },
    'phone.sendCode': {
      write: false,
      check: (input) => validate<OperationRequest<'phone.sendCode'>>({ caller: CALLER, phone: PHONE }, input),
      handle: ({ caller, phone }, { hospital }) => {
        countSend(caller);
        return hospital.sendPhoneCode(caller, normalizeMobile(phone) ?? phone);
      },
    },
    'phone.verify': {
      write: false,
      check: (input) =>
        validate<OperationRequest<'phone.verify'>>(
          { caller: CALLER, challengeId: CHALLENGE_ID, phone: PHONE, code: { type: 'string', label: '验证码', required: true, check: (v) => (SMS_CODE_PATTERN.test(v) ? undefined : SMS_CODE_REFUSAL) } },
          input,
        ),
      handle: (check, { hospital }) => hospital.checkPhoneCode({ ...check, phone: normalizeMobile(check.phone) ?? check.phone }),
    },
    'card.get': {
      write: false,
      check: (input) => validate<OperationRequest<'card.get'>>({ cardNo: { type: 'string', label: '就诊卡号', required: true, pattern: CODE_PATTERN }, caller: { ...CALLER, required: false } }, input),
      handle: ({ cardNo, caller }, { hospital }) => {
        if (caller !== undefined) {
          const taken = cardTriesPerCaller.take(caller, clock());
          if (!taken.ok) throw new AppError('LIMIT_REACHED', `绑定就诊卡尝试次数过多，${retryText(taken.retryAt)}`);
        }
        return hospital.card(cardNo);
      },
    },
    'patient.qrcode': {
      write: false,
      check: (input) => validate({ patientId: { type: 'string', label: '就诊人编号', required: true, pattern: CODE_PATTERN } }, input),
      handle: ({ patientId }, { hospital }) => hospital.patientQrCode(patientId),
    },
  };
}
