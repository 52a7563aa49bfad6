/**
 * HSB reference data → domain shapes: the hospital, its departments, doctors and schedules. None of it
 * is personal, so protocol errors may show the value.
 */
import type { Department, Doctor, DoctorSummary, HospitalInfo, Schedule } from '../../../typings/hospital';
import type { GetHospitalInfoResponse, HsbDepartment, HsbDoctor, HsbSchedule, QueryDepartmentsResponse, QueryDoctorsResponse, QuerySchedulesResponse } from '../../../typings/hsb';
import { isHospitalDate } from '../../../miniprogram/core/time';
import { HsbProtocolError } from './envelope';
import { clockTime, count, gender, isNode, items, leaf, requiredLeaf, yuanToFen, type XmlNode } from './fields';

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
    bookingRules: toBookingRules(h['BookingRules' satisfies keyof H]),
    ...noticeAndLocation(h),
  };
}

/** The optional notice strip and map point (issue 16); absent ones are left out. */
function noticeAndLocation(h: XmlNode): Pick<HospitalInfo, 'notice' | 'location'> {
  type H = GetHospitalInfoResponse['Hospital'];
  const notice = leaf<H>(h, 'Notice', true).trim();
  const lat = leaf<H>(h, 'Latitude', true);
  const lng = leaf<H>(h, 'Longitude', true);
  if ((lat === '') !== (lng === '')) throw new HsbProtocolError('<Latitude> and <Longitude> come together');
  const location = lat === '' ? undefined : { latitude: degrees(lat, 'Latitude', 90), longitude: degrees(lng, 'Longitude', 180) };
  return { ...(notice === '' ? {} : { notice }), ...(location === undefined ? {} : { location }) };
}

function degrees(s: string, tag: string, limit: number): number {
  const n = Number(s);
  if (!/^-?\d{1,3}(\.\d{1,8})?$/.test(s) || Math.abs(n) > limit) throw new HsbProtocolError(`<${tag}> "${s}" is not degrees`);
  return n;
}

/** A hospital that says nothing of its rules follows the default booking rules (docs/architecture.md#booking-rules). */
function toBookingRules(r: unknown): HospitalInfo['bookingRules'] {
  if (r === undefined) return { payAtBooking: false, maxActiveAppointments: 3, holdMinutes: 10 };
  if (!isNode(r)) throw new HsbProtocolError('<BookingRules> is not an element');
  type R = GetHospitalInfoResponse['Hospital']['BookingRules'];
  const pay = leaf<R>(r, 'PayAtBooking');
  if (pay !== '0' && pay !== '1') throw new HsbProtocolError(`<PayAtBooking> "${pay}" is neither 0 nor 1`);
  const max = count(leaf<R>(r, 'MaxActiveAppointments'), 'MaxActiveAppointments');
  const hold = count(leaf<R>(r, 'HoldMinutes'), 'HoldMinutes');
  if (max < 1 || hold < 1) throw new HsbProtocolError('<BookingRules> counts must be at least 1');
  return { payAtBooking: pay === '1', maxActiveAppointments: max, holdMinutes: hold };
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
export function toSchedule(s: XmlNode): Schedule {
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
