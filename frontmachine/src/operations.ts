/**
 * The front machine's operations as a table: name → input check, write flag, handler over the
 * Hospital port. The router looks names up here, so no operation can skip its check.
 */
import type { BaseLogger } from 'pino';
import type { OperationName, OperationRequest, OperationResponse } from '../../typings/frontmachine';
import { fail } from '../../miniprogram/core/errors';
import { normalizeIdCard, parseIdCard } from '../../miniprogram/core/idcard';
import { isMobile, normalizeMobile } from '../../miniprogram/core/phone';
import { daysBetween, systemClock, type Clock } from '../../miniprogram/core/time';
import { CODE_PATTERN, validate, type Schema, type StringRule, type Validated } from '../../miniprogram/core/validate';
import type { Hospital, PatientRegistration, ScheduleQuery } from './hospital/port';

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
function nameRule(label: string): StringRule {
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

/** An ID number per GB 11643, refused with what is wrong (its birth date must not lie after today). */
function idCardRule(label: string, clock: Clock): StringRule {
  return {
    type: 'string',
    label,
    required: true,
    check: (v) => {
      const parsed = parseIdCard(v, clock());
      // parseIdCard speaks of 身份证号; a guardian's number says whose it is.
      return parsed.ok ? undefined : parsed.message.replace(/^身份证号/, label);
    },
  };
}

function registrationSchema(clock: Clock): Schema {
  return {
    name: nameRule('姓名'),
    idCardNo: idCardRule('身份证号', clock),
    phone: { type: 'string', label: '手机号', required: true, check: (v) => (isMobile(v) ? undefined : '请输入正确的手机号') },
    guardian: {
      type: 'object',
      label: '监护人',
      fields: { name: nameRule('监护人姓名'), idCardNo: idCardRule('监护人身份证号', clock) },
    },
  };
}

/** Checks a registration and hands it on normalised: trimmed names, canonical ID numbers, the bare mobile. */
function checkRegistration(input: unknown, clock: Clock): Validated<PatientRegistration> {
  const v = validate<PatientRegistration>(registrationSchema(clock), input);
  if (!v.ok) return v;
  const { name, idCardNo, phone, guardian } = v.value;
  const registration: PatientRegistration = {
    name: name.normalize('NFC').trim(),
    idCardNo: normalizeIdCard(idCardNo),
    phone: normalizeMobile(phone) ?? phone,
  };
  if (guardian !== undefined) {
    registration.guardian = { name: guardian.name.normalize('NFC').trim(), idCardNo: normalizeIdCard(guardian.idCardNo) };
    if (registration.guardian.idCardNo === registration.idCardNo) return fail('INVALID_INPUT', '监护人不能是就诊人本人', 'guardian.idCardNo');
  }
  return { ok: true, value: registration };
}

/** Typed against typings/frontmachine.ts, so a missing or ill-shaped operation fails to compile. */
type Table = { [O in OperationName]: Operation<OperationRequest<O>, OperationResponse<O>> };

/**
 * The operation table. `clock` dates the input checks (an ID number's birth date may not lie in the
 * future); the hospital applies its own clock to its rules (age, guardian).
 */
function operationTable(clock: Clock): Table {
  return {
    'hospital.info': {
      write: false,
      check: (input) => validate(NO_FIELDS, input),
      handle: (_input, { hospital }) => hospital.hospitalInfo(),
    },
    'dept.list': {
      write: false,
      check: (input) => validate(NO_FIELDS, input),
      handle: async (_input, { hospital }) => ({ departments: await hospital.departments() }),
    },
    'doctor.list': {
      write: false,
      check: (input) => validate({ deptId: DEPT_ID }, input),
      handle: async ({ deptId }, { hospital }) => ({ doctors: await hospital.doctors(deptId) }),
    },
    'doctor.get': {
      write: false,
      check: (input) => validate({ doctorId: DOCTOR_ID }, input),
      handle: ({ doctorId }, { hospital }) => hospital.doctor(doctorId),
    },
    'schedule.list': {
      write: false,
      check: checkSchedule,
      handle: async (query, { hospital }) => ({ schedules: await hospital.schedules(query as ScheduleQuery) }),
    },
    // Personal and live: none of the three below is cached.
    'patient.register': {
      write: true,
      check: (input) => checkRegistration(input, clock),
      handle: (registration, { hospital }) => hospital.registerPatient(registration),
    },
    'card.get': {
      write: false,
      check: (input) => validate({ cardNo: { type: 'string', label: '就诊卡号', required: true, pattern: CODE_PATTERN } }, input),
      handle: ({ cardNo }, { hospital }) => hospital.card(cardNo),
    },
    'patient.qrcode': {
      write: false,
      check: (input) => validate({ patientId: { type: 'string', label: '就诊人编号', required: true, pattern: CODE_PATTERN } }, input),
      handle: ({ patientId }, { hospital }) => hospital.patientQrCode(patientId),
    },
  };
}

/** Every operation of typings/frontmachine.ts, input checks dated by `clock`. */
export function createHospitalOperations(clock: Clock = systemClock): OperationTable {
  return Object.fromEntries(Object.entries(operationTable(clock)).map(([name, op]) => [name, defineOperation(op as Operation<unknown, unknown>)]));
}

/** Every operation of typings/frontmachine.ts, on the system clock. */
export const hospitalOperations: OperationTable = createHospitalOperations();
