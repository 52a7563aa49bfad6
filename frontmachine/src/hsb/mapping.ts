/**
 * HSB shapes → domain shapes, one function per service, and the only place besides the envelope
 * that knows a tag name. Anything off-protocol throws HsbProtocolError (the hospital counts as
 * unreachable rather than the app showing half-read data).
 */
import type { Department, Doctor, DoctorSummary, Fen, HospitalInfo, Schedule } from '../../../typings/hospital';
import type {
  GetHospitalInfoResponse,
  GetPatientQrCodeResponse,
  HsbDepartment,
  HsbDoctor,
  HsbSchedule,
  QueryCardResponse,
  QueryDepartmentsResponse,
  QueryDoctorsResponse,
  QuerySchedulesResponse,
  RegisterPatientResponse,
} from '../../../typings/hsb';
import { formatHospital, hospitalInstant, isHospitalDate } from '../../../miniprogram/core/time';
import type { HospitalCard, PatientQrCode, RegisteredPatient } from '../hospital/port';
import { HsbProtocolError } from './envelope';

type XmlNode = Record<string, unknown>;

function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A leaf's text; an empty element is ''. Missing leaves are allowed only when `optional`. */
function leaf<T>(node: XmlNode, tag: keyof T & string, optional = false): string {
  const v = node[tag];
  if (typeof v === 'string') return v;
  if (v === undefined && optional) return '';
  throw new HsbProtocolError(`<${tag}> is missing or not text`);
}

function requiredLeaf<T>(node: XmlNode, tag: keyof T & string): string {
  const v = leaf<T>(node, tag);
  if (v === '') throw new HsbProtocolError(`<${tag}> is empty`);
  return v;
}

/** The items of a list container; an empty container (`<Doctors/>`) or a missing one is an empty list. */
function items<C>(body: XmlNode, container: keyof C & string, item: string): XmlNode[] {
  const c = body[container];
  if (c === undefined || c === '') return [];
  if (!isNode(c)) throw new HsbProtocolError(`<${container}> is not a list`);
  const list = c[item];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new HsbProtocolError(`<${container}>/<${item}> is not a list`);
  return list.map((x) => {
    if (!isNode(x)) throw new HsbProtocolError(`<${item}> has no fields`);
    return x;
  });
}

/** "25.00" → 2500, exactly (no floating point): whole yuan and up to two decimals. */
export function yuanToFen(yuan: string): Fen {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (m === null) throw new HsbProtocolError(`"${yuan}" is not an amount in yuan`);
  const whole = Number(m[1]);
  const cents = Number((m[2] ?? '').padEnd(2, '0'));
  return whole * 100 + cents;
}

function count(s: string, tag: string): number {
  if (!/^\d{1,9}$/.test(s)) throw new HsbProtocolError(`<${tag}> "${s}" is not a count`);
  return Number(s);
}

function clockTime(s: string, tag: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s)) throw new HsbProtocolError(`<${tag}> "${s}" is not HH:mm`);
  return s;
}

// ---- GetHospitalInfo
export function toHospitalInfo(body: XmlNode): HospitalInfo {
  const h = body['Hospital' satisfies keyof GetHospitalInfoResponse];
  if (!isNode(h)) throw new HsbProtocolError('<Hospital> is missing');
  type H = GetHospitalInfoResponse['Hospital'];
  return {
    name: requiredLeaf<H>(h, 'HospitalName'),
    level: leaf<H>(h, 'Level', true),
    address: leaf<H>(h, 'Address', true),
    phone: leaf<H>(h, 'Phone', true),
    intro: leaf<H>(h, 'Intro', true),
    hours: leaf<H>(h, 'Hours', true),
    traffic: leaf<H>(h, 'Traffic', true),
  };
}

// ---- QueryDepartments
function toDepartment(d: XmlNode): Department {
  const parent = leaf<HsbDepartment>(d, 'ParentCode', true);
  return {
    deptId: requiredLeaf<HsbDepartment>(d, 'DeptCode'),
    name: requiredLeaf<HsbDepartment>(d, 'DeptName'),
    parentId: parent === '' ? null : parent,
    intro: leaf<HsbDepartment>(d, 'Intro', true),
    location: leaf<HsbDepartment>(d, 'Location', true),
  };
}

export function toDepartments(body: XmlNode): Department[] {
  return items<QueryDepartmentsResponse>(body, 'Departments', 'Department').map(toDepartment);
}

// ---- QueryDoctors
/** GB/T 2261.1: 1 male, 2 female (doctors' Gender, patients' Sex). */
function gender(code: string, tag = 'Gender'): 'M' | 'F' {
  if (code === '1') return 'M';
  if (code === '2') return 'F';
  throw new HsbProtocolError(`<${tag}> "${code}" is neither 1 nor 2`);
}

export function toDoctorSummary(d: XmlNode): DoctorSummary {
  return {
    doctorId: requiredLeaf<HsbDoctor>(d, 'DoctorCode'),
    name: requiredLeaf<HsbDoctor>(d, 'DoctorName'),
    title: leaf<HsbDoctor>(d, 'Title', true),
    deptId: requiredLeaf<HsbDoctor>(d, 'DeptCode'),
    deptName: leaf<HsbDoctor>(d, 'DeptName', true),
    specialty: leaf<HsbDoctor>(d, 'Specialty', true),
    fee: yuanToFen(leaf<HsbDoctor>(d, 'RegFee')),
  };
}

export function toDoctor(d: XmlNode): Doctor {
  return { ...toDoctorSummary(d), intro: leaf<HsbDoctor>(d, 'Intro', true), gender: gender(leaf<HsbDoctor>(d, 'Gender')) };
}

export function toDoctorSummaries(body: XmlNode): DoctorSummary[] {
  return items<QueryDoctorsResponse>(body, 'Doctors', 'Doctor').map(toDoctorSummary);
}

export function toDoctors(body: XmlNode): Doctor[] {
  return items<QueryDoctorsResponse>(body, 'Doctors', 'Doctor').map(toDoctor);
}

// ---- QuerySchedules
function toSchedule(s: XmlNode): Schedule {
  const timeFlag = leaf<HsbSchedule>(s, 'TimeFlag');
  if (timeFlag !== '1' && timeFlag !== '2') throw new HsbProtocolError(`<TimeFlag> "${timeFlag}" is neither 1 nor 2`);
  const statusCode = leaf<HsbSchedule>(s, 'Status');
  if (statusCode !== '0' && statusCode !== '1') throw new HsbProtocolError(`<Status> "${statusCode}" is neither 0 nor 1`);
  const date = leaf<HsbSchedule>(s, 'ClinicDate');
  if (!isHospitalDate(date)) throw new HsbProtocolError(`<ClinicDate> "${date}" is not a date`);
  const remaining = count(leaf<HsbSchedule>(s, 'RemainNum'), 'RemainNum');
  return {
    scheduleId: requiredLeaf<HsbSchedule>(s, 'ScheduleCode'),
    doctorId: requiredLeaf<HsbSchedule>(s, 'DoctorCode'),
    doctorName: leaf<HsbSchedule>(s, 'DoctorName', true),
    title: leaf<HsbSchedule>(s, 'Title', true),
    deptId: requiredLeaf<HsbSchedule>(s, 'DeptCode'),
    deptName: leaf<HsbSchedule>(s, 'DeptName', true),
    date,
    period: timeFlag === '1' ? 'AM' : 'PM',
    startTime: clockTime(leaf<HsbSchedule>(s, 'BeginTime'), 'BeginTime'),
    endTime: clockTime(leaf<HsbSchedule>(s, 'EndTime'), 'EndTime'),
    fee: yuanToFen(leaf<HsbSchedule>(s, 'RegFee')),
    totalSlots: count(leaf<HsbSchedule>(s, 'TotalNum'), 'TotalNum'),
    remaining,
    // A stopped session stays stopped whatever its count; an open one with nothing left is full.
    status: statusCode === '1' ? 'stopped' : remaining === 0 ? 'full' : 'open',
  };
}

export function toSchedules(body: XmlNode): Schedule[] {
  return items<QuerySchedulesResponse>(body, 'Schedules', 'Schedule').map(toSchedule);
}

/** A `0`/`1` flag. The value is not personal, so it may appear in the error. */
function flag(s: string, tag: string): boolean {
  if (s === '1') return true;
  if (s === '0') return false;
  throw new HsbProtocolError(`<${tag}> "${s}" is neither 0 nor 1`);
}

// ---- RegisterPatient
// Personal answers from here on: protocol errors name the tag, never the value.
export function toRegisteredPatient(body: XmlNode): RegisteredPatient {
  const p = body['Patient' satisfies keyof RegisterPatientResponse];
  if (!isNode(p)) throw new HsbProtocolError('<Patient> is missing');
  type P = RegisterPatientResponse['Patient'];
  const birthDate = leaf<P>(p, 'BirthDate');
  if (!isHospitalDate(birthDate)) throw new HsbProtocolError('<BirthDate> is not a date');
  return {
    patientId: requiredLeaf<P>(p, 'PatientId'),
    sex: gender(leaf<P>(p, 'Sex'), 'Sex'),
    birthDate,
    isNew: flag(leaf<P>(p, 'IsNew'), 'IsNew'),
    hasGuardian: flag(leaf<P>(p, 'HasGuardian'), 'HasGuardian'),
  };
}

// ---- QueryCard
const CARD_STATES: Record<string, HospitalCard['state']> = { '1': 'verified', '0': 'unverified', '2': 'cancelled' };

export function toHospitalCard(body: XmlNode): HospitalCard {
  const c = body['Card' satisfies keyof QueryCardResponse];
  if (!isNode(c)) throw new HsbProtocolError('<Card> is missing');
  type C = QueryCardResponse['Card'];
  const code = leaf<C>(c, 'CardState');
  const state = Object.hasOwn(CARD_STATES, code) ? CARD_STATES[code] : undefined;
  if (state === undefined) throw new HsbProtocolError(`<CardState> "${code}" is not 0, 1 or 2`);
  return { cardNo: requiredLeaf<C>(c, 'CardNo'), patientId: requiredLeaf<C>(c, 'PatientId'), state };
}

// ---- GetPatientQrCode
const WALL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export function toPatientQrCode(body: XmlNode): PatientQrCode {
  type Q = GetPatientQrCodeResponse;
  const wall = leaf<Q>(body, 'ExpireTime');
  const ms = wallTimeInstant(wall);
  if (ms === undefined) throw new HsbProtocolError(`<ExpireTime> "${wall}" is not a Shanghai wall time`);
  return { code: requiredLeaf<Q>(body, 'QrCode'), expiresAt: new Date(ms).toISOString() };
}

/** The instant of a `YYYY-MM-DD HH:mm:ss` Shanghai wall time, or undefined when it is not a real one. */
function wallTimeInstant(wall: string): number | undefined {
  if (!WALL_TIME.test(wall) || !isHospitalDate(wall.slice(0, 10))) return undefined;
  const ms = hospitalInstant(wall);
  // A wall time that does not read back the same (25:00, 12:61) is not a time.
  return Number.isFinite(ms) && formatHospital(ms) === wall ? ms : undefined;
}
