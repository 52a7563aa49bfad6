/**
 * HSB shapes → domain shapes, one function per service, and the only place besides the envelope
 * that knows a tag name. Anything off-protocol throws HsbProtocolError (the hospital counts as
 * unreachable rather than the app showing half-read data).
 */
import type { Department, Doctor, DoctorSummary, Fen, HospitalInfo, Period, Schedule } from '../../../typings/hospital';
import type { AppointmentStatus, HospitalAppointment, HospitalRegistration, QueueStatus, RegistrationStatus, Slot, SlotHold, SlotState } from '../../../typings/booking';
import type { Bill, BillCategory, BillItem, CostVisit } from '../../../typings/payment';
import type {
  ConfirmPaymentResponse,
  GetHospitalInfoResponse,
  GetPatientQrCodeResponse,
  HsbBill,
  HsbBillItem,
  HsbCostBill,
  HsbCostVisit,
  HsbPayment,
  HsbDepartment,
  HsbDoctor,
  HsbSchedule,
  QueryCardResponse,
  QueryDepartmentsResponse,
  QueryCostsResponse,
  QueryDoctorsResponse,
  QueryPaymentsResponse,
  QueryPendingBillsResponse,
  QuerySchedulesResponse,
  RegisterPatientResponse,
  BookAppointmentResponse,
  CancelAppointmentResponse,
  ConfirmAppointmentResponse,
  QuerySlotResponse,
  ConfirmRegistrationResponse,
  HoldSlotResponse,
  HsbAppointment,
  HsbRegistration,
  HsbSlot,
  QueryAppointmentsResponse,
  QueryQueueResponse,
  QueryRegistrationsResponse,
  QuerySlotsResponse,
  RefundRegistrationResponse,
} from '../../../typings/hsb';
import { formatHospital, hospitalInstant, isHospitalDate } from '../../../miniprogram/core/time';
import type {
  HsbLabResult,
  HsbPrescription,
  HsbPrescriptionDrug,
  HsbReportSummary,
  HsbTrendPoint,
  HsbVisitSummary,
  QueryLabTrendResponse,
  QueryPrescriptionsResponse,
  QueryReportResponse,
  QueryReportsResponse,
  QueryVisitRecordResponse,
  QueryVisitsResponse,
} from '../../../typings/hsb-records';
import type {
  LabFlag,
  LabResult,
  LabTrend,
  OutpatientRecord,
  Prescription,
  PrescriptionItem,
  ReportContent,
  ReportDetail,
  ReportKind,
  ReportStatus,
  ReportSummary,
  VisitSummary,
} from '../../../typings/records';
import type { HospitalCard, HospitalPayment, PatientQrCode, PaymentReceipt, RegisteredPatient } from '../hospital/port';
import { HsbProtocolError } from './envelope';

export type XmlNode = Record<string, unknown>;

export function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A leaf's text; an empty element is ''. Missing leaves are allowed only when `optional`. */
export function leaf<T>(node: XmlNode, tag: keyof T & string, optional = false): string {
  const v = node[tag];
  if (typeof v === 'string') return v;
  if (v === undefined && optional) return '';
  throw new HsbProtocolError(`<${tag}> is missing or not text`);
}

export function requiredLeaf<T>(node: XmlNode, tag: keyof T & string): string {
  const v = leaf<T>(node, tag);
  if (v === '') throw new HsbProtocolError(`<${tag}> is empty`);
  return v;
}

/** The items of a list container; an empty container (`<Doctors/>`) or a missing one is an empty list. */
export function items<C>(body: XmlNode, container: keyof C & string, item: string): XmlNode[] {
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
export function wallTimeInstant(wall: string): number | undefined {
  if (!WALL_TIME.test(wall) || !isHospitalDate(wall.slice(0, 10))) return undefined;
  const ms = hospitalInstant(wall);
  // A wall time that does not read back the same (25:00, 12:61) is not a time.
  return Number.isFinite(ms) && formatHospital(ms) === wall ? ms : undefined;
}

// ---- Bills, payments, costs
// Item names are health data: protocol errors below name the tag, never an item's text.

/** HSB BillType → category: 1 drug (西药/中成药), 2 exam (检查), 3 lab (检验), 4 treatment (治疗). */
const BILL_CATEGORIES: Record<string, BillCategory> = { '1': 'drug', '2': 'exam', '3': 'lab', '4': 'treatment' };

function billCategory(code: string): BillCategory {
  const category = Object.hasOwn(BILL_CATEGORIES, code) ? BILL_CATEGORIES[code] : undefined;
  if (category === undefined) throw new HsbProtocolError(`<BillType> "${code}" is not 1, 2, 3 or 4`);
  return category;
}

/** A decimal count ("2", "0.5", "1.25") → number; nothing negative, no exponent, at most 4 decimals. */
export function quantity(s: string): number {
  if (!/^\d{1,9}(?:\.\d{1,4})?$/.test(s.trim())) throw new HsbProtocolError(`<Quantity> "${s}" is not a decimal count`);
  return Number(s.trim());
}

export function hospitalDay(s: string, tag: string): string {
  if (!isHospitalDate(s)) throw new HsbProtocolError(`<${tag}> "${s}" is not a date`);
  return s;
}

function toBillItem(i: XmlNode): BillItem {
  return {
    name: requiredLeaf<HsbBillItem>(i, 'ItemName'),
    spec: leaf<HsbBillItem>(i, 'Spec', true),
    quantity: quantity(leaf<HsbBillItem>(i, 'Quantity')),
    unit: leaf<HsbBillItem>(i, 'Unit', true),
    unitPrice: yuanToFen(leaf<HsbBillItem>(i, 'UnitPrice')),
    amount: yuanToFen(leaf<HsbBillItem>(i, 'Amount')),
  };
}

function toBill(b: XmlNode): Bill {
  return {
    billId: requiredLeaf<HsbBill>(b, 'BillNo'),
    visitId: requiredLeaf<HsbBill>(b, 'VisitNo'),
    visitDate: hospitalDay(leaf<HsbBill>(b, 'VisitDate'), 'VisitDate'),
    deptName: leaf<HsbBill>(b, 'DeptName', true),
    doctorName: leaf<HsbBill>(b, 'DoctorName', true),
    category: billCategory(leaf<HsbBill>(b, 'BillType')),
    title: leaf<HsbBill>(b, 'BillTitle', true),
    items: items<HsbBill>(b, 'Items', 'Item').map(toBillItem),
    amount: yuanToFen(leaf<HsbBill>(b, 'TotalFee')),
  };
}

export function toBills(body: XmlNode): Bill[] {
  return items<QueryPendingBillsResponse>(body, 'Bills', 'Bill').map(toBill);
}

export function toPaymentReceipt(body: XmlNode): PaymentReceipt {
  return { receiptNo: requiredLeaf<ConfirmPaymentResponse>(body, 'ReceiptNo') };
}

function toPayment(p: XmlNode): HospitalPayment {
  const wall = leaf<HsbPayment>(p, 'PayTime');
  const ms = wallTimeInstant(wall);
  if (ms === undefined) throw new HsbProtocolError(`<PayTime> "${wall}" is not a Shanghai wall time`);
  return {
    outTradeNo: requiredLeaf<HsbPayment>(p, 'TradeNo'),
    transactionId: leaf<HsbPayment>(p, 'TransactionId', true),
    patientId: requiredLeaf<HsbPayment>(p, 'PatientId'),
    amount: yuanToFen(leaf<HsbPayment>(p, 'TotalFee')),
    paidAt: new Date(ms).toISOString(),
    receiptNo: leaf<HsbPayment>(p, 'ReceiptNo', true),
  };
}

export function toPayments(body: XmlNode): HospitalPayment[] {
  return items<QueryPaymentsResponse>(body, 'Payments', 'Payment').map(toPayment);
}

type CostBill = CostVisit['bills'][number];

function toCostBill(b: XmlNode): CostBill {
  const status = leaf<HsbCostBill>(b, 'Status');
  if (status !== '0' && status !== '1') throw new HsbProtocolError(`<Status> "${status}" is neither 0 nor 1`);
  const receipt = leaf<HsbCostBill>(b, 'ReceiptNo', true);
  return {
    billId: requiredLeaf<HsbCostBill>(b, 'BillNo'),
    title: leaf<HsbCostBill>(b, 'BillTitle', true),
    category: billCategory(leaf<HsbCostBill>(b, 'BillType')),
    amount: yuanToFen(leaf<HsbCostBill>(b, 'TotalFee')),
    status: status === '1' ? 'paid' : 'pending',
    receiptNo: receipt === '' ? null : receipt,
  };
}

function toCostVisit(v: XmlNode): CostVisit {
  const bills = items<HsbCostVisit>(v, 'Bills', 'Bill').map(toCostBill);
  const total = (status?: CostBill['status']) => bills.filter((b) => status === undefined || b.status === status).reduce((sum, b) => sum + b.amount, 0);
  return {
    visitId: requiredLeaf<HsbCostVisit>(v, 'VisitNo'),
    visitDate: hospitalDay(leaf<HsbCostVisit>(v, 'VisitDate'), 'VisitDate'),
    deptName: leaf<HsbCostVisit>(v, 'DeptName', true),
    doctorName: leaf<HsbCostVisit>(v, 'DoctorName', true),
    total: total(),
    paid: total('paid'),
    pending: total('pending'),
    bills,
  };
}

export function toCostVisits(body: XmlNode): CostVisit[] {
  return items<QueryCostsResponse>(body, 'Visits', 'Visit').map(toCostVisit);
}

// ---- Booking: slots, appointments, holds, registrations, the queue
// Appointments and registrations are personal: protocol errors name the tag and a code, never a name.

/** A code from a closed set, or a protocol error naming the tag. */
export function oneOf<T>(table: Record<string, T>, s: string, tag: string): T {
  const v = Object.hasOwn(table, s) ? table[s] : undefined;
  if (v === undefined) throw new HsbProtocolError(`<${tag}> "${s}" is not one of ${Object.keys(table).join(', ')}`);
  return v;
}

const SLOT_STATES: Record<string, SlotState> = { '0': 'free', '1': 'held', '2': 'booked' };
const APPOINTMENT_STATUSES: Record<string, AppointmentStatus> = { '0': 'held', '1': 'booked', '2': 'checked-in', '3': 'fulfilled', '4': 'cancelled', '5': 'no-show' };
const REGISTRATION_STATUSES: Record<string, RegistrationStatus> = { '1': 'paid', '2': 'refunded', '3': 'visited' };
const REGISTRATION_SOURCES: Record<string, HospitalRegistration['source']> = { '1': 'registration', '2': 'take-number' };
const QUEUE_STATES: Record<string, QueueStatus['state']> = { '0': 'not-checked-in', '1': 'waiting', '2': 'called', '3': 'done' };
const PERIODS: Record<string, Period> = { '1': 'AM', '2': 'PM' };

function toSlot(s: XmlNode): Slot {
  return {
    slotId: requiredLeaf<HsbSlot>(s, 'SlotCode'),
    scheduleId: requiredLeaf<HsbSlot>(s, 'ScheduleCode'),
    startTime: clockTime(leaf<HsbSlot>(s, 'BeginTime'), 'BeginTime'),
    endTime: clockTime(leaf<HsbSlot>(s, 'EndTime'), 'EndTime'),
    state: oneOf(SLOT_STATES, leaf<HsbSlot>(s, 'State'), 'State'),
  };
}

/** QuerySlot: the slot asked for and its session. */
export function toSlotInSession(body: XmlNode, slotId: string): { schedule: Schedule; slot: Slot } {
  const schedule = body['Schedule' satisfies keyof QuerySlotResponse];
  if (!isNode(schedule)) throw new HsbProtocolError('<Schedule> is missing');
  const slots = items<QuerySlotResponse>(body, 'Slots', 'Slot').map(toSlot);
  const slot = slots.length === 1 ? slots[0] : undefined;
  if (slot?.slotId !== slotId) throw new HsbProtocolError('<Slots> does not hold exactly the slot asked for');
  return { schedule: toSchedule(schedule), slot };
}

export function toSessionSlots(body: XmlNode): { schedule: Schedule; slots: Slot[] } {
  const schedule = body['Schedule' satisfies keyof QuerySlotsResponse];
  if (!isNode(schedule)) throw new HsbProtocolError('<Schedule> is missing');
  return { schedule: toSchedule(schedule), slots: items<QuerySlotsResponse>(body, 'Slots', 'Slot').map(toSlot) };
}

function toAppointment(a: XmlNode): HospitalAppointment {
  const registrationNo = leaf<HsbAppointment>(a, 'RegistrationNo', true);
  const expireTime = leaf<HsbAppointment>(a, 'ExpireTime', true);
  const expiresAt = expireTime === '' ? undefined : wallTimeInstant(expireTime);
  if (expireTime !== '' && expiresAt === undefined) throw new HsbProtocolError(`<ExpireTime> "${expireTime}" is not a Shanghai wall time`);
  const tradeNo = leaf<HsbAppointment>(a, 'TradeNo', true);
  return {
    appointmentId: requiredLeaf<HsbAppointment>(a, 'AppointmentNo'),
    patientId: requiredLeaf<HsbAppointment>(a, 'PatientId'),
    scheduleId: requiredLeaf<HsbAppointment>(a, 'ScheduleCode'),
    slotId: requiredLeaf<HsbAppointment>(a, 'SlotCode'),
    doctorId: requiredLeaf<HsbAppointment>(a, 'DoctorCode'),
    doctorName: leaf<HsbAppointment>(a, 'DoctorName', true),
    title: leaf<HsbAppointment>(a, 'Title', true),
    deptId: requiredLeaf<HsbAppointment>(a, 'DeptCode'),
    deptName: leaf<HsbAppointment>(a, 'DeptName', true),
    date: hospitalDay(leaf<HsbAppointment>(a, 'ClinicDate'), 'ClinicDate'),
    period: oneOf(PERIODS, leaf<HsbAppointment>(a, 'TimeFlag'), 'TimeFlag'),
    startTime: clockTime(leaf<HsbAppointment>(a, 'BeginTime'), 'BeginTime'),
    endTime: clockTime(leaf<HsbAppointment>(a, 'EndTime'), 'EndTime'),
    fee: yuanToFen(leaf<HsbAppointment>(a, 'RegFee')),
    location: leaf<HsbAppointment>(a, 'Location', true),
    status: oneOf(APPOINTMENT_STATUSES, leaf<HsbAppointment>(a, 'Status'), 'Status'),
    registrationId: registrationNo === '' ? null : registrationNo,
    holdExpiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString(),
    outTradeNo: tradeNo === '' ? null : tradeNo,
  };
}

/** BookAppointment, CancelAppointment: one `<Appointment>`. */
export function toOneAppointment(body: XmlNode): HospitalAppointment {
  const a = body['Appointment' satisfies keyof BookAppointmentResponse];
  if (!isNode(a)) throw new HsbProtocolError('<Appointment> is missing');
  return toAppointment(a);
}

export function toAppointmentCancellation(body: XmlNode): { appointment: HospitalAppointment; refundAmount: Fen } {
  // An HSB that predates paying at booking says no RefundFee: nothing was paid.
  const fee = leaf<CancelAppointmentResponse>(body, 'RefundFee', true);
  return { appointment: toOneAppointment(body), refundAmount: fee === '' ? 0 : yuanToFen(fee) };
}

export function toAppointmentReceipt(body: XmlNode): { receiptNo: string; appointment: HospitalAppointment } {
  return { receiptNo: requiredLeaf<ConfirmAppointmentResponse>(body, 'ReceiptNo'), appointment: toOneAppointment(body) };
}

export function toAppointments(body: XmlNode): HospitalAppointment[] {
  return items<QueryAppointmentsResponse>(body, 'Appointments', 'Appointment').map(toAppointment);
}

/** HoldSlot answers the hold's number and expiry; who and which slot come from the request. */
export function toSlotHold(body: XmlNode, patientId: string, slotId: string): SlotHold {
  type H = HoldSlotResponse;
  const wall = leaf<H>(body, 'ExpireTime');
  const ms = wallTimeInstant(wall);
  if (ms === undefined) throw new HsbProtocolError(`<ExpireTime> "${wall}" is not a Shanghai wall time`);
  return { holdId: requiredLeaf<H>(body, 'HoldNo'), patientId, slotId, expiresAt: new Date(ms).toISOString() };
}

function queueNumber(s: string, tag: string): number {
  return count(s, tag);
}

function toRegistration(r: XmlNode): HospitalRegistration {
  const appointmentNo = leaf<HsbRegistration>(r, 'AppointmentNo', true);
  return {
    registrationId: requiredLeaf<HsbRegistration>(r, 'RegistrationNo'),
    patientId: requiredLeaf<HsbRegistration>(r, 'PatientId'),
    scheduleId: requiredLeaf<HsbRegistration>(r, 'ScheduleCode'),
    slotId: requiredLeaf<HsbRegistration>(r, 'SlotCode'),
    doctorName: leaf<HsbRegistration>(r, 'DoctorName', true),
    title: leaf<HsbRegistration>(r, 'Title', true),
    deptName: leaf<HsbRegistration>(r, 'DeptName', true),
    date: hospitalDay(leaf<HsbRegistration>(r, 'ClinicDate'), 'ClinicDate'),
    period: oneOf(PERIODS, leaf<HsbRegistration>(r, 'TimeFlag'), 'TimeFlag'),
    startTime: clockTime(leaf<HsbRegistration>(r, 'BeginTime'), 'BeginTime'),
    endTime: clockTime(leaf<HsbRegistration>(r, 'EndTime'), 'EndTime'),
    fee: yuanToFen(leaf<HsbRegistration>(r, 'RegFee')),
    location: leaf<HsbRegistration>(r, 'Location', true),
    status: oneOf(REGISTRATION_STATUSES, leaf<HsbRegistration>(r, 'Status'), 'Status'),
    source: oneOf(REGISTRATION_SOURCES, leaf<HsbRegistration>(r, 'Source'), 'Source'),
    appointmentId: appointmentNo === '' ? null : appointmentNo,
    outTradeNo: requiredLeaf<HsbRegistration>(r, 'TradeNo'),
    queueNo: queueNumber(leaf<HsbRegistration>(r, 'QueueNo'), 'QueueNo'),
  };
}

/** TakeNumber: the registration made of a prepaid appointment. */
export function toTakenNumber(body: XmlNode): HospitalRegistration {
  return oneRegistration(body);
}

function oneRegistration(body: XmlNode): HospitalRegistration {
  const r = body['Registration' satisfies keyof ConfirmRegistrationResponse];
  if (!isNode(r)) throw new HsbProtocolError('<Registration> is missing');
  return toRegistration(r);
}

export function toRegistrationReceipt(body: XmlNode): { receiptNo: string; registration: HospitalRegistration } {
  return { receiptNo: requiredLeaf<ConfirmRegistrationResponse>(body, 'ReceiptNo'), registration: oneRegistration(body) };
}

export function toRegistrations(body: XmlNode): HospitalRegistration[] {
  return items<QueryRegistrationsResponse>(body, 'Registrations', 'Registration').map(toRegistration);
}

export function toRegistrationRefund(body: XmlNode): { registration: HospitalRegistration; refundAmount: Fen } {
  return { registration: oneRegistration(body), refundAmount: yuanToFen(leaf<RefundRegistrationResponse>(body, 'RefundFee')) };
}

export function toQueueStatus(body: XmlNode): QueueStatus {
  const q = body['Queue' satisfies keyof QueryQueueResponse];
  if (!isNode(q)) throw new HsbProtocolError('<Queue> is missing');
  type Q = QueryQueueResponse['Queue'];
  return {
    registrationId: requiredLeaf<Q>(q, 'RegistrationNo'),
    state: oneOf(QUEUE_STATES, leaf<Q>(q, 'State'), 'State'),
    queueNo: count(leaf<Q>(q, 'QueueNo'), 'QueueNo'),
    currentNo: count(leaf<Q>(q, 'CurrentNo'), 'CurrentNo'),
    ahead: count(leaf<Q>(q, 'AheadCount'), 'AheadCount'),
    room: leaf<Q>(q, 'Room', true),
  };
}

// ---- Records and reports (issue 13, typings/hsb-records.ts)
// Clinical text: protocol errors below name the tag and codes, never a diagnosis, drug or value.

/** An ISO instant from a Shanghai wall time leaf. */
function wallInstant(wall: string, tag: string): string {
  const ms = wallTimeInstant(wall);
  if (ms === undefined) throw new HsbProtocolError(`<${tag}> is not a Shanghai wall time`);
  return new Date(ms).toISOString();
}

function toVisitSummary(v: XmlNode): VisitSummary {
  return {
    visitId: requiredLeaf<HsbVisitSummary>(v, 'VisitNo'),
    visitDate: hospitalDay(leaf<HsbVisitSummary>(v, 'VisitDate'), 'VisitDate'),
    deptName: leaf<HsbVisitSummary>(v, 'DeptName'),
    doctorName: leaf<HsbVisitSummary>(v, 'DoctorName'),
    diagnosis: leaf<HsbVisitSummary>(v, 'Diagnosis'),
  };
}

export function toVisitSummaries(body: XmlNode): VisitSummary[] {
  return items<QueryVisitsResponse>(body, 'Visits', 'Visit').map(toVisitSummary);
}

type RecordNode = QueryVisitRecordResponse['Record'];

/** QueryVisitRecord → the visit and its record. */
export function toVisitRecord(body: XmlNode): { visit: VisitSummary; record: OutpatientRecord } {
  const r = body.Record;
  if (!isNode(r)) throw new HsbProtocolError('<Record> is missing');
  // Diagnoses are text leaves, not nodes: read them from the container directly.
  const list: unknown = isNode(r.Diagnoses) ? r.Diagnoses.Diagnosis : undefined;
  if (!Array.isArray(list) || list.length === 0 || !list.every((d): d is string => typeof d === 'string')) {
    throw new HsbProtocolError('<Diagnoses>/<Diagnosis> is missing or not text');
  }
  return {
    visit: toVisitSummary(r),
    record: {
      chiefComplaint: leaf<RecordNode>(r, 'ChiefComplaint'),
      presentIllness: leaf<RecordNode>(r, 'PresentIllness'),
      physicalExam: leaf<RecordNode>(r, 'PhysicalExam'),
      diagnoses: list,
      advice: leaf<RecordNode>(r, 'Advice'),
    },
  };
}

function toPrescriptionItem(d: XmlNode): PrescriptionItem {
  return {
    drugName: requiredLeaf<HsbPrescriptionDrug>(d, 'DrugName'),
    spec: leaf<HsbPrescriptionDrug>(d, 'Spec'),
    dose: leaf<HsbPrescriptionDrug>(d, 'Dose'),
    route: leaf<HsbPrescriptionDrug>(d, 'Route'),
    frequency: leaf<HsbPrescriptionDrug>(d, 'Frequency'),
    days: count(leaf<HsbPrescriptionDrug>(d, 'Days'), 'Days'),
    quantity: quantity(leaf<HsbPrescriptionDrug>(d, 'Quantity')),
    unit: leaf<HsbPrescriptionDrug>(d, 'Unit'),
  };
}

export function toPrescriptions(body: XmlNode): Prescription[] {
  return items<QueryPrescriptionsResponse>(body, 'Prescriptions', 'Prescription').map((p) => ({
    prescriptionId: requiredLeaf<HsbPrescription>(p, 'PrescriptionNo'),
    doctorName: leaf<HsbPrescription>(p, 'DoctorName'),
    items: items<HsbPrescription>(p, 'Drugs', 'Drug').map(toPrescriptionItem),
  }));
}

const REPORT_KINDS: Record<string, ReportKind> = { L: 'lab', E: 'exam', P: 'pathology' };
const REPORT_STATUSES: Record<string, ReportStatus> = { '0': 'pending', '1': 'finished' };
const LAB_FLAGS: Record<string, LabFlag> = { N: 'normal', H: 'high', L: 'low', A: 'abnormal' };

function toReportSummary(r: XmlNode): ReportSummary {
  const status = oneOf(REPORT_STATUSES, leaf<HsbReportSummary>(r, 'Status'), 'Status');
  const time = leaf<HsbReportSummary>(r, 'ReportTime', true);
  if (status === 'finished' && time === '') throw new HsbProtocolError('<ReportTime> is empty on a finished report');
  return {
    reportId: requiredLeaf<HsbReportSummary>(r, 'ReportNo'),
    kind: oneOf(REPORT_KINDS, leaf<HsbReportSummary>(r, 'ReportType'), 'ReportType'),
    title: requiredLeaf<HsbReportSummary>(r, 'ReportTitle'),
    visitId: leaf<HsbReportSummary>(r, 'VisitNo'),
    deptName: leaf<HsbReportSummary>(r, 'DeptName'),
    orderedDate: hospitalDay(leaf<HsbReportSummary>(r, 'OrderDate'), 'OrderDate'),
    status,
    reportedAt: status === 'finished' ? wallInstant(time, 'ReportTime') : null,
  };
}

export function toReportSummaries(body: XmlNode): ReportSummary[] {
  return items<QueryReportsResponse>(body, 'Reports', 'Report').map(toReportSummary);
}

function toLabResult(x: XmlNode): LabResult {
  return {
    itemCode: requiredLeaf<HsbLabResult>(x, 'ItemCode'),
    itemName: requiredLeaf<HsbLabResult>(x, 'ItemName'),
    value: leaf<HsbLabResult>(x, 'Value'),
    unit: leaf<HsbLabResult>(x, 'Unit'),
    referenceRange: leaf<HsbLabResult>(x, 'RefRange'),
    flag: oneOf(LAB_FLAGS, leaf<HsbLabResult>(x, 'Flag'), 'Flag'),
    critical: flag(leaf<HsbLabResult>(x, 'Critical'), 'Critical'),
    numeric: flag(leaf<HsbLabResult>(x, 'Numeric'), 'Numeric'),
  };
}

type ReportNode = QueryReportResponse['Report'];

function section(r: XmlNode, tag: 'Exam' | 'Pathology'): XmlNode {
  const s = r[tag];
  if (!isNode(s)) throw new HsbProtocolError(`<${tag}> is missing`);
  return s;
}

/** QueryReport → a finished report with the content of its kind. */
export function toReportDetail(body: XmlNode): ReportDetail {
  const r = body.Report;
  if (!isNode(r)) throw new HsbProtocolError('<Report> is missing');
  const report = toReportSummary(r);
  if (report.status !== 'finished') throw new HsbProtocolError('<Status> of a report answered in full is not 1');
  let content: ReportContent;
  if (report.kind === 'lab') {
    content = { kind: 'lab', specimen: leaf<ReportNode>(r, 'Specimen', true), results: items<ReportNode>(r, 'Results', 'Result').map(toLabResult) };
  } else if (report.kind === 'exam') {
    const e = section(r, 'Exam');
    const tag = (t: 'BodyPart' | 'Method' | 'Findings' | 'Conclusion') => leaf<NonNullable<ReportNode['Exam']>>(e, t);
    content = { kind: 'exam', bodyPart: tag('BodyPart'), method: tag('Method'), findings: tag('Findings'), conclusion: tag('Conclusion') };
  } else {
    const p = section(r, 'Pathology');
    const tag = (t: 'Gross' | 'Microscopic' | 'Diagnosis') => leaf<NonNullable<ReportNode['Pathology']>>(p, t);
    content = { kind: 'pathology', specimen: leaf<ReportNode>(r, 'Specimen', true), gross: tag('Gross'), microscopic: tag('Microscopic'), diagnosis: tag('Diagnosis') };
  }
  return { report, reporter: leaf<ReportNode>(r, 'Reporter', true), reviewer: leaf<ReportNode>(r, 'Reviewer', true), content };
}

function bound(s: string, tag: string): number | null {
  if (s === '') return null;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new HsbProtocolError(`<${tag}> is not a number`);
  return n;
}

/** QueryLabTrend → the item and its points, oldest first. */
export function toLabTrend(body: XmlNode): LabTrend {
  const t = body.Trend;
  if (!isNode(t)) throw new HsbProtocolError('<Trend> is missing');
  type T = QueryLabTrendResponse['Trend'];
  const points = items<QueryLabTrendResponse>(body, 'Points', 'Point').map((p) => {
    const value = bound(leaf<HsbTrendPoint>(p, 'Value'), 'Value');
    if (value === null) throw new HsbProtocolError('<Value> of a trend point is empty');
    return {
      reportId: requiredLeaf<HsbTrendPoint>(p, 'ReportNo'),
      reportedAt: wallInstant(leaf<HsbTrendPoint>(p, 'ReportTime'), 'ReportTime'),
      value,
      flag: oneOf(LAB_FLAGS, leaf<HsbTrendPoint>(p, 'Flag'), 'Flag'),
    };
  });
  return {
    itemCode: requiredLeaf<T>(t, 'ItemCode'),
    itemName: requiredLeaf<T>(t, 'ItemName'),
    unit: leaf<T>(t, 'Unit'),
    referenceRange: leaf<T>(t, 'RefRange'),
    low: bound(leaf<T>(t, 'RefLow', true), 'RefLow'),
    high: bound(leaf<T>(t, 'RefHigh', true), 'RefHigh'),
    points,
  };
}
