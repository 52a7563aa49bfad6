/**
 * Reference operations: the hospital, departments, doctors, schedules. Cached by the front machine;
 * with the hospital down, answered from the last good copy marked `staleSince`.
 */
import type { OperationRequest } from '../../typings/frontmachine';
import { fail } from '../../miniprogram/core/errors';
import { CODE_PATTERN, validate, type Schema, type Validated } from '../../miniprogram/core/validate';
import type { StaleMark } from '../../typings/hospital';
import { daysBetween } from '../../miniprogram/core/time';
import type { ReferenceRead, ScheduleQuery } from './hospital/port';
import { referenceReads } from './hospital/cached';
import type { OperationRows } from './operation';

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

export function referenceOperations(): OperationRows<'hospital.info' | 'dept.list' | 'doctor.list' | 'doctor.get' | 'schedule.list'> {
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
  };
}
