/**
 * HSB booking answers → domain shapes: slots, appointments, holds, registrations, the queue.
 * Appointments and registrations are personal: protocol errors name the tag and a code, never a name.
 */
import type { Fen, Period, Schedule } from '../../../typings/hospital';
import type { AppointmentStatus, HospitalAppointment, HospitalRegistration, QueueStatus, RegistrationStatus, Slot, SlotHold, SlotState } from '../../../typings/booking';
import type {
  BookAppointmentResponse,
  CancelAppointmentResponse,
  ConfirmAppointmentResponse,
  ConfirmRegistrationResponse,
  HoldSlotResponse,
  HsbAppointment,
  HsbRegistration,
  HsbSlot,
  QueryAppointmentsResponse,
  QueryQueueResponse,
  QueryRegistrationsResponse,
  QuerySlotResponse,
  QuerySlotsResponse,
  RefundRegistrationResponse,
} from '../../../typings/hsb';
import { HsbProtocolError } from './envelope';
import { clockTime, count, hospitalDay, isNode, items, leaf, oneOf, requiredLeaf, wallTimeInstant, yuanToFen, type XmlNode } from './fields';
import { toSchedule } from './reference-mapping';

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
