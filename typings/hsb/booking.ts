/**
 * HSB booking: slots, appointments, holds, registrations, the queue. Leaves are strings (typings/hsb.ts).
 */

import type { HsbYuan } from './envelope';
import type { HsbSchedule, HsbSession } from './reference';

// ---- Booking: slots, appointments, holds, registrations, the queue ------------------------------
/** A slot; State 0 free, 1 held (someone is paying), 2 booked. */
export interface HsbSlot {
  SlotCode: string;
  ScheduleCode: string;
  BeginTime: string;
  EndTime: string;
  State: '0' | '1' | '2';
}
/** Unknown schedule → 1001. Expired holds are released before answering. */
export interface QuerySlotsRequest {
  ScheduleCode: string;
}
export interface QuerySlotsResponse {
  Schedule: HsbSchedule;
  Slots: { Slot: HsbSlot[] };
}

/** One slot with its session (where a slot code is all the caller has): QuerySlots' shape, one slot. Unknown slot → 1001. */
export interface QuerySlotRequest {
  SlotCode: string;
}
export interface QuerySlotResponse {
  Schedule: HsbSchedule;
  Slots: { Slot: HsbSlot[] };
}

/**
 * Appointment Status: 0 held (booked where the fee is paid at booking, awaiting payment until
 * ExpireTime), 1 booked, 2 checked-in, 3 fulfilled, 4 cancelled, 5 no-show.
 */
export interface HsbAppointment extends HsbSession {
  AppointmentNo: string;
  PatientId: string;
  SlotCode: string;
  DoctorCode: string;
  DeptCode: string;
  Location: string;
  Status: '0' | '1' | '2' | '3' | '4' | '5';
  /** Empty until the number was taken. */
  RegistrationNo: string;
  /** Shanghai wall time a held appointment lapses; empty unless Status 0. */
  ExpireTime: string;
  /** The payment's TradeNo where the fee was paid at booking; else empty. */
  TradeNo: string;
}

/**
 * Books a free slot for the patient, in one transaction (never oversells). Slot not free → 2002 (SLOT_TAKEN)
 * 该时段已被预约; stopped session, past slot, a date outside the hospital's booking window, or a
 * second live appointment with the same doctor in the same half-day → 2001 with a Chinese message;
 * the patient's active appointments at the hospital's cap → 2003; unknown patient or slot → 1001.
 * The same patient booking the same slot again answers the existing appointment. Where the fee is
 * paid at booking the appointment is held (Status 0) until ConfirmAppointment or its ExpireTime.
 */
export interface BookAppointmentRequest {
  PatientId: string;
  SlotCode: string;
  Channel: 'WECHAT';
}
export interface BookAppointmentResponse {
  Appointment: HsbAppointment;
}

/**
 * Cancels and frees the slot. On or after the visit day, or not in Status 0/1, or the number taken →
 * 2001; unknown → 1001. RefundFee is what was paid at booking (the caller refunds it to the payment's
 * TradeNo), 0.00 when nothing was paid.
 */
export interface CancelAppointmentRequest {
  AppointmentNo: string;
}
export interface CancelAppointmentResponse {
  Appointment: HsbAppointment;
  RefundFee: HsbYuan;
}

/**
 * Records the fee paid for a held appointment (Status 0 → 1), in one transaction; idempotent by
 * TradeNo. A lapsed hold is still honoured while its slot stayed free; a slot taken meanwhile, a
 * cancelled appointment or a wrong fee → 2001 (the caller refunds).
 */
export interface ConfirmAppointmentRequest {
  PatientId: string;
  AppointmentNo: string;
  TotalFee: HsbYuan;
  TradeNo: string;
  TransactionId: string;
  PayTime: string;
  PayChannel: 'WECHAT';
}
export interface ConfirmAppointmentResponse {
  ReceiptNo: string;
  Appointment: HsbAppointment;
}

/**
 * 取号 of an appointment paid at booking: no new payment; the registration carries the booking's
 * TradeNo. Same window rules as ConfirmRegistration; asked again, answers the same registration.
 */
export interface TakeNumberRequest {
  PatientId: string;
  AppointmentNo: string;
}
export interface TakeNumberResponse {
  Registration: HsbRegistration;
}

/** A patient's appointments (every status), newest visit first. No-shows are marked by the hospital's clock. */
export interface QueryAppointmentsRequest {
  PatientId: string;
}
export interface QueryAppointmentsResponse {
  Appointments: { Appointment: HsbAppointment[] };
}

/**
 * Holds a free slot for HoldMinutes while the patient pays (当日挂号: today's slots only, else 2001).
 * Slot not free → 2002. The hold lapses by the hospital's clock and the slot returns to free.
 */
export interface HoldSlotRequest {
  PatientId: string;
  SlotCode: string;
  HoldMinutes: string;
}
export interface HoldSlotResponse {
  HoldNo: string;
  /** Asia/Shanghai wall time */
  ExpireTime: string;
}

/** Registration Status: 1 paid, 2 refunded, 3 visited. Source: 1 same-day registration, 2 take-number. */
export interface HsbRegistration extends HsbSession {
  RegistrationNo: string;
  PatientId: string;
  SlotCode: string;
  Location: string;
  Status: '1' | '2' | '3';
  Source: '1' | '2';
  AppointmentNo: string;
  TradeNo: string;
  QueueNo: string;
}

/**
 * Records the fee paid and makes the registration, in one transaction; idempotent by TradeNo.
 * Either HoldNo (当日挂号: the hold must still be live and the patient's) or AppointmentNo
 * (取号: on the visit day, Status 1, within the take-number window). A lapsed hold whose slot was
 * taken, a wrong fee, or a closed window → 2001 (the caller refunds).
 */
export interface ConfirmRegistrationRequest {
  PatientId: string;
  HoldNo?: string;
  AppointmentNo?: string;
  TotalFee: HsbYuan;
  TradeNo: string;
  TransactionId: string;
  PayTime: string;
  PayChannel: 'WECHAT';
}
export interface ConfirmRegistrationResponse {
  ReceiptNo: string;
  Registration: HsbRegistration;
}

export interface QueryRegistrationsRequest {
  PatientId: string;
}
export interface QueryRegistrationsResponse {
  Registrations: { Registration: HsbRegistration[] };
}

/** 退号: before the session starts and not checked in, else 2001; frees the slot. The caller refunds. */
export interface RefundRegistrationRequest {
  RegistrationNo: string;
  TradeNo: string;
}
export interface RefundRegistrationResponse {
  Registration: HsbRegistration;
  RefundFee: HsbYuan;
}

/** State: 0 not checked in, 1 waiting, 2 called, 3 done. */
export interface QueryQueueRequest {
  RegistrationNo: string;
}
export interface QueryQueueResponse {
  Queue: {
    RegistrationNo: string;
    State: '0' | '1' | '2' | '3';
    QueueNo: string;
    CurrentNo: string;
    AheadCount: string;
    Room: string;
  };
}


/** Booking services. */
export interface HsbBookingServices {
  QuerySlots: { request: QuerySlotsRequest; response: QuerySlotsResponse };
  BookAppointment: { request: BookAppointmentRequest; response: BookAppointmentResponse };
  CancelAppointment: { request: CancelAppointmentRequest; response: CancelAppointmentResponse };
  QueryAppointments: { request: QueryAppointmentsRequest; response: QueryAppointmentsResponse };
  QuerySlot: { request: QuerySlotRequest; response: QuerySlotResponse };
  ConfirmAppointment: { request: ConfirmAppointmentRequest; response: ConfirmAppointmentResponse };
  TakeNumber: { request: TakeNumberRequest; response: TakeNumberResponse };
  HoldSlot: { request: HoldSlotRequest; response: HoldSlotResponse };
  ConfirmRegistration: { request: ConfirmRegistrationRequest; response: ConfirmRegistrationResponse };
  QueryRegistrations: { request: QueryRegistrationsRequest; response: QueryRegistrationsResponse };
  RefundRegistration: { request: RefundRegistrationRequest; response: RefundRegistrationResponse };
  QueryQueue: { request: QueryQueueRequest; response: QueryQueueResponse };
}
