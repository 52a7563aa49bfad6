/**
 * The front machine's operations as a table: name → input check, write flag, handler over the
 * Hospital port. The router looks names up here, so no operation can skip its check.
 */
import type { BaseLogger } from 'pino';
import type { OperationName, OperationRequest, OperationResponse, OutboxOperationName } from '../../typings/frontmachine';
import type { StaleMark } from '../../typings/hospital';
import { fail } from '../../miniprogram/core/errors';
import { parseIdCard } from '../../miniprogram/core/idcard';
import { AppError } from '../../miniprogram/core/errors';
import { DOC_TYPES, parseDocument } from '../../miniprogram/core/documents';
import {
  CARD_BINDS_PER_ACCOUNT_PER_HOUR,
  NEW_RECORDS_PER_ACCOUNT_PER_DAY,
  SENDS_PER_ACCOUNT_PER_DAY,
  SMS_CODE_PATTERN,
  SMS_CODE_REFUSAL,
  retryText,
} from '../../miniprogram/core/verification';
import type { PersonIdentity } from '../../typings/frontmachine';
import { SlidingWindowLimit } from './limits';
import { isMobile, normalizeMobile } from '../../miniprogram/core/phone';
import { daysBetween, isHospitalDate, systemClock, type Clock } from '../../miniprogram/core/time';
import { CODE_PATTERN, validate, type Schema, type StringRule, type Validated } from '../../miniprogram/core/validate';
import type { Hospital, PatientRegistration, ReferenceRead, ScheduleQuery } from './hospital/port';
import { referenceReads } from './hospital/cached';
import { afterVisitOperations } from './after-visit-operations';

/** The logging a handler needs (the request's logger, so lines carry the request id). */
export type OperationLog = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

/** What a handler may use besides its checked input. */
export interface OperationContext {
  hospital: Hospital;
  /** Present on writes: the caller's key, to pass on where the hospital supports it. */
  idempotencyKey?: string;
  log: OperationLog;
}

export interface Operation<Req = unknown, Res = unknown> {
  /** Writes require an Idempotency-Key and replay their first answer to retries. */
  write: boolean;
  /** Refuses bad input with INVALID_INPUT, a Chinese message and the field. */
  check(input: unknown): Validated<Req>;
  /** Throws AppError for business failures. */
  handle(input: Req, ctx: OperationContext): Promise<Res>;
}

export type OperationTable = Record<string, Operation>;

/** Types an operation at its definition and erases it for the table. */
export function defineOperation<Req, Res>(op: Operation<Req, Res>): Operation {
  return op as Operation;
}

/** A reference read's answer shaped by `shape`, with `staleSince` when it is the last good copy. */
function marked<T, R extends object>(read: ReferenceRead<T>, shape: (value: T) => R): R & StaleMark {
  const data = shape(read.value);
  return read.staleSince === undefined ? data : { ...data, staleSince: read.staleSince };
}

/** Longest date range one schedule query may cover, inclusive. */
export const MAX_SCHEDULE_DAYS = 7;

const NO_FIELDS: Schema = {};
const DEPT_ID = { type: 'string', label: '科室编号', required: true, pattern: CODE_PATTERN } as const;
const DOCTOR_ID = { type: 'string', label: '医生编号', required: true, pattern: CODE_PATTERN } as const;
const SCHEDULE_SCHEMA: Schema = {
  deptId: { ...DEPT_ID, required: false },
  doctorId: { ...DOCTOR_ID, required: false },
  from: { type: 'date', label: '开始日期', required: true },
  to: { type: 'date', label: '结束日期', required: true },
};

function checkSchedule(input: unknown): Validated<ScheduleQuery> {
  const v = validate<OperationRequest<'schedule.list'>>(SCHEDULE_SCHEMA, input);
  if (!v.ok) return v;
  const { deptId, doctorId, from, to } = v.value;
  if (deptId === undefined && doctorId === undefined) return fail('INVALID_INPUT', '请选择科室或医生', 'deptId');
  if (deptId !== undefined && doctorId !== undefined) return fail('INVALID_INPUT', '科室和医生只能选择其一', 'doctorId');
  const span = daysBetween(from, to);
  if (span < 0) return fail('INVALID_INPUT', '结束日期不能早于开始日期', 'to');
  if (span >= MAX_SCHEDULE_DAYS) return fail('INVALID_INPUT', `一次最多查询${MAX_SCHEDULE_DAYS}天的排班`, 'to');
  const query: ScheduleQuery = deptId !== undefined ? { deptId, from, to } : { doctorId: doctorId as string, from, to };
  return { ok: true, value: query };
}

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
function sendAllowed(limit: SlidingWindowLimit, caller: string, clock: Clock): void {
  const taken = limit.take(caller, clock());
  if (!taken.ok) throw new AppError('LIMIT_REACHED', `今日获取验证码次数已达上限，${retryText(taken.retryAt)}`);
}

/** Most bills one payment may cover. */
export const MAX_BILLS_PER_PAYMENT = 20;
/** The largest amount one payment may carry, in fen (the HSB's yuan carry at most 9 whole digits). */
export const MAX_PAYMENT_FEN = 99_999_999_999;

export const PATIENT_ID = { type: 'string', label: '就诊人编号', required: true, pattern: CODE_PATTERN } as const;
/** An ISO 8601 instant with its zone, e.g. 2026-11-26T01:31:00.000Z or 2026-11-26T09:31:00+08:00. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;

function isIsoInstant(v: string): boolean {
  if (!ISO_INSTANT.test(v) || !isHospitalDate(v.slice(0, 10))) return false;
  // Date.parse rolls 25:00 or 12:61 over rather than failing: read the fields back to be sure.
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return false;
  const [hh, mm, ss] = [Number(v.slice(11, 13)), Number(v.slice(14, 16)), Number(v.slice(17, 19))];
  return hh < 24 && mm < 60 && ss < 60;
}

export const CONFIRM_SCHEMA: Schema = {
  patientId: PATIENT_ID,
  billIds: {
    type: 'array',
    label: '缴费单',
    required: true,
    minItems: 1,
    maxItems: MAX_BILLS_PER_PAYMENT,
    item: { type: 'string', label: '缴费单号', pattern: CODE_PATTERN },
  },
  amount: { type: 'int', label: '支付金额（分）', required: true, min: 1, max: MAX_PAYMENT_FEN },
  outTradeNo: { type: 'string', label: '商户订单号', required: true, pattern: /^[A-Za-z0-9_-]{6,32}$/ },
  transactionId: { type: 'string', label: '微信支付订单号', required: true, pattern: /^[A-Za-z0-9_-]{1,64}$/ },
  paidAt: { type: 'string', label: '支付时间', required: true, check: (v) => (isIsoInstant(v) ? undefined : '支付时间应为ISO时间（如 2026-11-26T01:31:00Z）') },
};

/** Longest hold of a slot while the patient pays, in minutes. */
export const MAX_HOLD_MINUTES = 30;

const ID = (label: string) => ({ type: 'string', label, required: true, pattern: CODE_PATTERN }) as const;
/** A lab item code as LIS systems write them (WBC, NEUT%, NEUT#, U-PH). */
export const LAB_ITEM_CODE = /^[A-Za-z0-9%#_-]{1,20}$/;
const OUT_TRADE_NO = { type: 'string', label: '商户订单号', required: true, pattern: /^[A-Za-z0-9_-]{6,32}$/ } as const;

const REGISTRATION_CONFIRM_SCHEMA: Schema = {
  patientId: PATIENT_ID,
  holdId: { ...ID('锁号编号'), required: false },
  appointmentId: { ...ID('预约编号'), required: false },
  amount: CONFIRM_SCHEMA.amount as Schema[string],
  outTradeNo: OUT_TRADE_NO,
  transactionId: CONFIRM_SCHEMA.transactionId as Schema[string],
  paidAt: CONFIRM_SCHEMA.paidAt as Schema[string],
};

const APPOINTMENT_CONFIRM_SCHEMA: Schema = {
  patientId: PATIENT_ID,
  appointmentId: ID('预约编号'),
  amount: CONFIRM_SCHEMA.amount as Schema[string],
  outTradeNo: OUT_TRADE_NO,
  transactionId: CONFIRM_SCHEMA.transactionId as Schema[string],
  paidAt: CONFIRM_SCHEMA.paidAt as Schema[string],
};

function checkRegistrationConfirm(input: unknown): Validated<OperationRequest<'registration.confirm'>> {
  const v = validate<OperationRequest<'registration.confirm'>>(REGISTRATION_CONFIRM_SCHEMA, input);
  if (!v.ok) return v;
  if ((v.value.holdId === undefined) === (v.value.appointmentId === undefined)) return fail('INVALID_INPUT', '锁号编号和预约编号须且只能提供其中一个', 'holdId');
  return v;
}

// Inpatient (住院)
const STAY_ID = ID('住院流水号');

function checkStayQuery(input: unknown): Validated<OperationRequest<'inpatient.stay'>> {
  const v = validate<OperationRequest<'inpatient.stay'>>({ patientId: PATIENT_ID, admissionNo: { ...ID('住院号'), required: false }, stayId: { ...STAY_ID, required: false } }, input);
  if (!v.ok) return v;
  if ((v.value.admissionNo === undefined) === (v.value.stayId === undefined)) return fail('INVALID_INPUT', '住院号和住院流水号须且只能提供其中一个', 'admissionNo');
  return v;
}

const DEPOSIT_SCHEMA: Schema = {
  patientId: PATIENT_ID,
  stayId: STAY_ID,
  amount: CONFIRM_SCHEMA.amount as Schema[string],
  outTradeNo: OUT_TRADE_NO,
  transactionId: CONFIRM_SCHEMA.transactionId as Schema[string],
  paidAt: CONFIRM_SCHEMA.paidAt as Schema[string],
};

/** Typed against typings/frontmachine.ts, so a missing or ill-shaped operation fails to compile. */
type Table = { [O in Exclude<OperationName, OutboxOperationName>]: Operation<OperationRequest<O>, OperationResponse<O>> };

/**
 * The operation table. `clock` dates the input checks (an ID number's birth date may not lie in the
 * future); the hospital applies its own clock to its rules (age, guardian).
 */
function operationTable(clock: Clock): Table {
  const codesPerCaller = new SlidingWindowLimit(SENDS_PER_ACCOUNT_PER_DAY, 24 * 3_600_000);
  const newRecordsPerCaller = new SlidingWindowLimit(NEW_RECORDS_PER_ACCOUNT_PER_DAY, 24 * 3_600_000);
  const cardTriesPerCaller = new SlidingWindowLimit(CARD_BINDS_PER_ACCOUNT_PER_HOUR, 3_600_000);
  return {
    'hospital.info': {
      write: false,
      check: (input) => validate(NO_FIELDS, input),
      handle: async (_input, { hospital }) => marked(await referenceReads(hospital).hospitalInfo(), (info) => info),
    },
    'dept.list': {
      write: false,
      check: (input) => validate(NO_FIELDS, input),
      handle: async (_input, { hospital }) => marked(await referenceReads(hospital).departments(), (departments) => ({ departments })),
    },
    'doctor.list': {
      write: false,
      check: (input) => validate({ deptId: DEPT_ID }, input),
      handle: async ({ deptId }, { hospital }) => marked(await referenceReads(hospital).doctors(deptId), (doctors) => ({ doctors })),
    },
    'doctor.get': {
      write: false,
      check: (input) => validate({ doctorId: DOCTOR_ID }, input),
      handle: async ({ doctorId }, { hospital }) => marked(await referenceReads(hospital).doctor(doctorId), (doctor) => doctor),
    },
    'schedule.list': {
      write: false,
      check: checkSchedule,
      handle: async (query, { hospital }) => marked(await referenceReads(hospital).schedules(query as ScheduleQuery), (schedules) => ({ schedules })),
    },
    // Personal and live: none of the three below is cached.
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
        sendAllowed(codesPerCaller, request.caller, clock);
        return hospital.sendBindingCode(request);
      },
    },
    'phone.sendCode': {
      write: false,
      check: (input) => validate<OperationRequest<'phone.sendCode'>>({ caller: CALLER, phone: PHONE }, input),
      handle: ({ caller, phone }, { hospital }) => {
        sendAllowed(codesPerCaller, caller, clock);
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
    // Live money and personal data: none of the payment operations is cached.
    'bill.pending': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ bills: await hospital.pendingBills(patientId) }),
    },
    // Idempotent twice over: the Idempotency-Key replays the first answer here, the outTradeNo at the hospital.
    'bill.confirm': {
      write: true,
      check: (input) => validate(CONFIRM_SCHEMA, input),
      handle: (confirmation, { hospital }) => hospital.confirmPayment(confirmation),
    },
    'payment.list': {
      write: false,
      check: (input) => validate({ date: { type: 'date', label: '日期', required: true } }, input),
      handle: async ({ date }, { hospital }) => ({ payments: await hospital.payments(date) }),
    },
    'cost.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ visits: await hospital.costs(patientId) }),
    },
    // Booking. Slot lists are cached (short TTL) and invalidated by the writes below; the rest is live.
    'slot.list': {
      write: false,
      check: (input) => validate({ scheduleId: ID('排班编号') }, input),
      handle: ({ scheduleId }, { hospital }) => hospital.slots(scheduleId),
    },
    'slot.get': {
      write: false,
      check: (input) => validate({ slotId: ID('号源编号') }, input),
      handle: ({ slotId }, { hospital }) => hospital.slot(slotId),
    },
    'appointment.book': {
      write: true,
      check: (input) => validate({ patientId: PATIENT_ID, slotId: ID('号源编号') }, input),
      handle: async ({ patientId, slotId }, { hospital }) => ({ appointment: await hospital.bookAppointment(patientId, slotId) }),
    },
    'appointment.cancel': {
      write: true,
      check: (input) => validate({ appointmentId: ID('预约编号') }, input),
      handle: ({ appointmentId }, { hospital }) => hospital.cancelAppointment(appointmentId),
    },
    // Idempotent twice over, like bill.confirm: the key here, the outTradeNo at the hospital.
    'appointment.confirm': {
      write: true,
      check: (input) => validate(APPOINTMENT_CONFIRM_SCHEMA, input),
      handle: (confirmation, { hospital }) => hospital.confirmAppointment(confirmation),
    },
    'appointment.takeNumber': {
      write: true,
      check: (input) => validate({ patientId: PATIENT_ID, appointmentId: ID('预约编号') }, input),
      handle: async ({ patientId, appointmentId }, { hospital }) => ({ registration: await hospital.takeNumber(patientId, appointmentId) }),
    },
    'appointment.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ appointments: await hospital.appointments(patientId) }),
    },
    'slot.hold': {
      write: true,
      check: (input) => validate({ patientId: PATIENT_ID, slotId: ID('号源编号'), minutes: { type: 'int', label: '锁号时长（分钟）', required: true, min: 1, max: MAX_HOLD_MINUTES } }, input),
      handle: async ({ patientId, slotId, minutes }, { hospital }) => ({ hold: await hospital.holdSlot(patientId, slotId, minutes) }),
    },
    // Idempotent twice over, like bill.confirm: the key here, the outTradeNo at the hospital.
    'registration.confirm': {
      write: true,
      check: checkRegistrationConfirm,
      handle: (confirmation, { hospital }) => hospital.confirmRegistration(confirmation),
    },
    'registration.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ registrations: await hospital.registrations(patientId) }),
    },
    'registration.refund': {
      write: true,
      check: (input) => validate({ registrationId: ID('挂号编号'), outTradeNo: OUT_TRADE_NO }, input),
      handle: ({ registrationId, outTradeNo }, { hospital }) => hospital.refundRegistration(registrationId, outTradeNo),
    },
    'queue.status': {
      write: false,
      check: (input) => validate({ registrationId: ID('挂号编号') }, input),
      handle: ({ registrationId }, { hospital }) => hospital.queueStatus(registrationId),
    },
    // Records and reports (issue 13): clinical, so live and never cached; the patient goes with every lookup.
    'visit.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ visits: await hospital.visits(patientId) }),
    },
    'visit.get': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID, visitId: ID('就诊记录编号') }, input),
      handle: ({ patientId, visitId }, { hospital }) => hospital.visit(patientId, visitId),
    },
    'report.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ reports: await hospital.reports(patientId) }),
    },
    'report.get': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID, reportId: ID('报告单号') }, input),
      handle: ({ patientId, reportId }, { hospital }) => hospital.report(patientId, reportId),
    },
    'report.trend': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID, itemCode: { type: 'string', label: '检验项目', required: true, pattern: LAB_ITEM_CODE } }, input),
      handle: ({ patientId, itemCode }, { hospital }) => hospital.labTrend(patientId, itemCode),
    },
    // Inpatient (住院): personal and live money, never cached.
    'inpatient.stays': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ stays: await hospital.stays(patientId) }),
    },
    'inpatient.stay': {
      write: false,
      check: checkStayQuery,
      handle: async ({ patientId, admissionNo, stayId }, { hospital }) => ({
        stay: await hospital.stay(patientId, admissionNo !== undefined ? { admissionNo } : { stayId: stayId as string }),
      }),
    },
    'inpatient.daily': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID, stayId: STAY_ID, date: { type: 'date', label: '费用日期', required: true } }, input),
      handle: ({ patientId, stayId, date }, { hospital }) => hospital.dailyList(patientId, stayId, date),
    },
    // Idempotent twice over, like bill.confirm: the key here, the outTradeNo at the hospital.
    'inpatient.deposit': {
      write: true,
      check: (input) => validate(DEPOSIT_SCHEMA, input),
      handle: (confirmation, { hospital }) => hospital.payDeposit(confirmation),
    },
    // After the visit (issue 15): tests, surveys, e-invoices.
    ...afterVisitOperations(clock, (caller) => sendAllowed(codesPerCaller, caller, clock)),
  };
}

/** Every operation of typings/frontmachine.ts, input checks dated by `clock`. */
export function createHospitalOperations(clock: Clock = systemClock): OperationTable {
  return Object.fromEntries(Object.entries(operationTable(clock)).map(([name, op]) => [name, defineOperation(op as Operation<unknown, unknown>)]));
}

/** Every operation of typings/frontmachine.ts, on the system clock. */
export const hospitalOperations: OperationTable = createHospitalOperations();
