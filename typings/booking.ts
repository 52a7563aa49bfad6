/**
 * Booking (预约), same-day registration (当日挂号), take-number (取号) and the queue (排队叫号) —
 * docs/architecture.md#booking-rules. FHIR-aligned states. Times are ISO instants; dates and clock times are the
 * hospital's (Asia/Shanghai).
 */
import type { Fen, HospitalDate, Period, Schedule } from './hospital';
import type { OrderView, WxPaymentParams } from './payment';

/** A timed slot of a clinic session. */
export type SlotState = 'free' | 'held' | 'booked';

export interface Slot {
  slotId: string;
  scheduleId: string;
  /** `HH:mm` */
  startTime: string;
  endTime: string;
  state: SlotState;
}

/** appointment: held (unpaid, where the hospital charges at booking), booked, checked-in, fulfilled, cancelled, no-show. */
export type AppointmentStatus = 'held' | 'booked' | 'checked-in' | 'fulfilled' | 'cancelled' | 'no-show';

/** The visit an appointment or a registration is for: whose, which session and slot, the fee, where. */
export interface BookedVisit {
  patientId: string;
  scheduleId: string;
  slotId: string;
  doctorName: string;
  title: string;
  deptName: string;
  date: HospitalDate;
  period: Period;
  /** The slot's clock times, `HH:mm`. */
  startTime: string;
  endTime: string;
  fee: Fen;
  /** Where to go, e.g. 门诊楼3楼B区 */
  location: string;
}

/** An appointment as the hospital keeps it (the front machine's shape). */
export interface HospitalAppointment extends BookedVisit {
  appointmentId: string;
  doctorId: string;
  deptId: string;
  status: AppointmentStatus;
  /** Set once the number was taken (the appointment became a registration). */
  registrationId: string | null;
  /** A held appointment (fee paid at booking, unpaid yet) returns its slot then (ISO instant); else null. */
  holdExpiresAt: string | null;
  /** The payment's out_trade_no where the fee was paid at booking; else null. */
  outTradeNo: string | null;
}

/** A short hold on a slot while the patient pays (当日挂号, 10 minutes). */
export interface SlotHold {
  holdId: string;
  patientId: string;
  slotId: string;
  expiresAt: string;
}

/** registration: paid, refunded, visited. */
export type RegistrationStatus = 'paid' | 'refunded' | 'visited';

export interface HospitalRegistration extends BookedVisit {
  registrationId: string;
  status: RegistrationStatus;
  /** 'registration' for 当日挂号, 'take-number' for an appointment's number taken online. */
  source: 'registration' | 'take-number';
  appointmentId: string | null;
  /** The payment's out_trade_no. */
  outTradeNo: string;
  /** The patient's number in the clinic's queue, e.g. 12. */
  queueNo: number;
}

/** 排队叫号 — meaningful once the patient checked in at the kiosk. */
export interface QueueStatus {
  registrationId: string;
  /** 'not-checked-in' until the kiosk scan; 'called' when it is the patient's turn; 'done' after the visit. */
  state: 'not-checked-in' | 'waiting' | 'called' | 'done';
  queueNo: number;
  /** The number being called now, 0 before the session starts calling. */
  currentNo: number;
  /** How many checked-in patients are ahead. */
  ahead: number;
  /** e.g. 呼吸科3诊室 */
  room: string;
}

// ---- API requests and responses (the cloud's `api` actions) ------------------------------------

/** A slot as the patient picks it. */
export interface SlotChoice {
  slotId: string;
  startTime: string;
  endTime: string;
  available: boolean;
}

export interface SlotListRequest {
  scheduleId: string;
}
export interface SlotListResponse {
  schedule: Schedule;
  slots: SlotChoice[];
}

/** An appointment as the patient sees it: masked patient, and what they may do next and until when. */
export interface AppointmentView extends Omit<HospitalAppointment, 'patientId'> {
  patientId: string;
  patientName: string;
  statusLabel: string;
  /** ISO instant: 00:00 of the visit day, Asia/Shanghai. */
  cancelDeadline: string;
  canCancel: boolean;
  /** The take-number window and whether it is open now (a verified card is required online, and a payment unless paid at booking). */
  takeNumber: { opensAt: string; closesAt: string; canTakeNow: boolean };
  /** Held and unpaid: the patient may still pay (appointment.pay) until holdExpiresAt. */
  canPay: boolean;
  /** The fee was paid at booking: taking the number costs nothing more; cancelling refunds it. */
  prepaid: boolean;
}

export interface AppointmentCreateRequest {
  patientId: string;
  slotId: string;
  /** The schedule the slot was picked from; when given, a slot of another schedule is refused. */
  scheduleId?: string;
}
/** Where the hospital charges at booking, the appointment comes back held with the payment to make. */
export type AppointmentCreateResponse = AppointmentView & { pay?: { order: OrderView; payment: WxPaymentParams } };
export interface AppointmentPayResponse {
  order: OrderView;
  payment: WxPaymentParams;
}

export interface AppointmentListRequest {
  patientId?: string;
}
export interface AppointmentListResponse {
  appointments: AppointmentView[];
}

export interface AppointmentRefRequest {
  appointmentId: string;
}
export type AppointmentCancelResponse = AppointmentView;
/** A payment to make, or (paid at booking) the registration made at once. */
export type AppointmentTakeNumberResponse = { order: OrderView; payment: WxPaymentParams } | { registration: RegistrationView };

export interface RegistrationCreateRequest {
  patientId: string;
  slotId: string;
  /** The schedule the slot was picked from; when given, a slot of another schedule is refused. */
  scheduleId?: string;
}
export interface RegistrationCreateResponse {
  order: OrderView;
  payment: WxPaymentParams;
  /** The slot is held until then; unpaid, it returns to others. */
  holdExpiresAt: string;
}

export interface RegistrationView extends HospitalRegistration {
  patientName: string;
  statusLabel: string;
  canRefund: boolean;
}
export interface RegistrationListRequest {
  patientId?: string;
}
export interface RegistrationListResponse {
  registrations: RegistrationView[];
}
export interface RegistrationRefRequest {
  registrationId: string;
}
export type RegistrationRefundResponse = RegistrationView;
export type QueueStatusResponse = QueueStatus;
