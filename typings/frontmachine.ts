/**
 * The front machine's signed JSON API (docs/architecture.md#trust), called by the cloud functions.
 *
 * `POST {FRONT_MACHINE_URL}/v1/<operation>` with a JSON body; answers `Result<response>` as JSON.
 * Every path but `GET /health` (`{ok, version}`) is authenticated before routing (see protocol/signature.ts);
 * `GET /metrics` (signed, empty body) answers the operators' numbers.
 * Refusals of authentication answer HTTP 401 `{ok: false, code: 'UNAUTHENTICATED', message, reason}`.
 * Writes carry an `Idempotency-Key` header; a retried write returns the first answer.
 */
import type { HospitalAppointment, HospitalRegistration, QueueStatus, Slot, SlotHold } from './booking';
import type { Bill, CostVisit } from './payment';
import type { HospitalEvent } from './events';
import type { DocType } from './patient';
import type { Department, Fen, Doctor, DoctorSummary, HospitalDate, HospitalInfo, Schedule, StaleMark } from './hospital';
import type { LabTrend, ReportDetail, ReportSummary, VisitDetail, VisitSummary } from './records';
import type { ServicesOperations } from './services';

/**
 * Who a binding is about, as the cloud sends it: the document (居民身份证 by default; birth date and
 * sex for the others), the real name, the typed phone, a minor's guardian (居民身份证).
 */
export interface PersonIdentity {
  name: string;
  docType?: DocType;
  idCardNo: string;
  birthDate?: HospitalDate;
  sex?: 'M' | 'F';
  phone: string;
  guardian?: { name: string; idCardNo: string };
}

/** An open verification challenge: its id, where the code went (masked), its expiry and when a new code may be asked (ISO instants). */
export interface CodeChallenge {
  challengeId: string;
  sentTo: string;
  expiresAt: string;
  resendAfter: string;
}
import type { DailyList, HospitalStay } from './inpatient';

/** Why the front machine refused a request's authentication. */
export type AuthRefusal = 'unsigned' | 'bad_signature' | 'stale_timestamp' | 'replayed_nonce';

/** The operations of typings/services.ts (tests, surveys, e-invoices) join through `extends`. */
export interface FrontMachineOperations extends ServicesOperations {
  // Reference reads carry `staleSince` when answered from the last good copy (the hospital down).
  'hospital.info': { request: Record<string, never>; response: HospitalInfo & StaleMark };
  /** All departments, flat (the cloud groups them). */
  'dept.list': { request: Record<string, never>; response: { departments: Department[] } & StaleMark };
  /** Doctors of a department and its sub-specialties. NOT_FOUND for an unknown department. */
  'doctor.list': { request: { deptId: string }; response: { doctors: DoctorSummary[] } & StaleMark };
  /** NOT_FOUND for an unknown doctor. */
  'doctor.get': { request: { doctorId: string }; response: Doctor & StaleMark };
  /** Sessions of a department (with sub-specialties) or a doctor, inclusive dates. */
  'schedule.list': {
    request: { deptId?: string; doctorId?: string; from: HospitalDate; to: HospitalDate };
    response: { schedules: Schedule[] } & StaleMark;
  };
  /**
   * Binding proves possession: the hospital sends a 6-digit code to the phone on file (the typed one
   * for a person new to it; none when the record does not match — the answer is the same).
   * LIMIT_REACHED with when to retry: the same caller and person within a minute, the person's 5
   * sends per hour, the caller's 20 per day (counted here).
   */
  'patient.sendCode': { request: PersonIdentity & { caller: string }; response: CodeChallenge };
  /**
   * Checks the code at the hospital, then finds or creates the patient (real-name); nothing on file
   * changes. RULE_VIOLATION with the one neutral message for every "who exists" failure; LIMIT_REACHED
   * when `allowNew` is false and the person is new. WRITE: needs Idempotency-Key.
   */
  'patient.register': {
    request: PersonIdentity & { caller: string; challengeId: string; code: string; allowNew?: boolean };
    response: { patientId: string; sex: 'M' | 'F'; birthDate: HospitalDate; isNew: boolean; hasGuardian: boolean };
  };
  /** Proves possession of a typed phone (a visitor's): the code goes to it. Limits as patient.sendCode. */
  'phone.sendCode': { request: { caller: string; phone: string }; response: CodeChallenge };
  /** Checks and uses up a phone.sendCode challenge; any failure is RULE_VIOLATION with the neutral message. */
  'phone.verify': { request: { caller: string; challengeId: string; phone: string; code: string }; response: { verified: true } };
  /** A hospital card's owner and state; NOT_FOUND (field cardNo) for an unknown card. With `caller`, 10 tries per caller an hour (LIMIT_REACHED). */
  'card.get': {
    request: { cardNo: string; caller?: string };
    response: { cardNo: string; patientId: string; state: 'verified' | 'unverified' | 'cancelled' };
  };
  /** A short-lived signed check-in code issued by the hospital; NOT_FOUND for an unknown patient. */
  'patient.qrcode': {
    request: { patientId: string };
    response: { code: string; expiresAt: string };
  };
  /** A patient's pending outpatient bills, live (never cached). NOT_FOUND (patientId) for an unknown patient. */
  'bill.pending': { request: { patientId: string }; response: { bills: Bill[] } };
  /**
   * The hospital records a payment WeChat Pay took. WRITE (Idempotency-Key: use the outTradeNo);
   * idempotent by outTradeNo at the hospital too. RULE_VIOLATION when a bill is no longer pending or
   * the amount differs — the caller refunds.
   */
  'bill.confirm': {
    request: { patientId: string; billIds: string[]; amount: Fen; outTradeNo: string; transactionId: string; paidAt: string };
    response: { receiptNo: string };
  };
  /** The hospital's record of one day's online payments, for reconciliation. */
  'payment.list': {
    request: { date: HospitalDate };
    response: { payments: { outTradeNo: string; transactionId: string; patientId: string; amount: Fen; paidAt: string; receiptNo: string }[] };
  };
  /** Every visit's bills, paid or pending (费用查询). */
  'cost.list': { request: { patientId: string }; response: { visits: CostVisit[] } };
  /** A session's slots (cached for FM_SCHEDULE_TTL_S; bookings through this front machine invalidate it). */
  'slot.list': { request: { scheduleId: string }; response: { schedule: Schedule; slots: Slot[] } };
  /** One slot and its session, for a caller that has only the slot's id (served from the slot cache when it knows the slot). */
  'slot.get': { request: { slotId: string }; response: { schedule: Schedule; slot: Slot } };
  /**
   * WRITE. SOLD_OUT (field slotId) when the slot is taken — answered without a hospital call when the
   * cache already knows the slot or the whole session is gone; RULE_VIOLATION for the hospital's rules.
   */
  'appointment.book': { request: { patientId: string; slotId: string }; response: { appointment: HospitalAppointment } };
  /**
   * WRITE. RULE_VIOLATION on or after the visit day. `refundAmount` is what was paid at booking (the
   * caller refunds it to the appointment's outTradeNo), 0 when nothing was.
   */
  'appointment.cancel': { request: { appointmentId: string }; response: { appointment: HospitalAppointment; refundAmount: Fen } };
  /** WRITE (Idempotency-Key: the outTradeNo). A held appointment paid (held → booked). RULE_VIOLATION → the caller refunds. */
  'appointment.confirm': {
    request: { patientId: string; appointmentId: string; amount: Fen; outTradeNo: string; transactionId: string; paidAt: string };
    response: { receiptNo: string; appointment: HospitalAppointment };
  };
  /** WRITE. 取号 of an appointment paid at booking: no payment; the registration carries the booking's outTradeNo. */
  'appointment.takeNumber': { request: { patientId: string; appointmentId: string }; response: { registration: HospitalRegistration } };
  'appointment.list': { request: { patientId: string }; response: { appointments: HospitalAppointment[] } };
  /** WRITE. SOLD_OUT (field slotId) when the slot is not free. */
  'slot.hold': { request: { patientId: string; slotId: string; minutes: number }; response: { hold: SlotHold } };
  /** WRITE (Idempotency-Key: the outTradeNo). Exactly one of holdId / appointmentId. RULE_VIOLATION → the caller refunds. */
  'registration.confirm': {
    request: {
      patientId: string;
      holdId?: string;
      appointmentId?: string;
      amount: Fen;
      outTradeNo: string;
      transactionId: string;
      paidAt: string;
    };
    response: { receiptNo: string; registration: HospitalRegistration };
  };
  'registration.list': { request: { patientId: string }; response: { registrations: HospitalRegistration[] } };
  /** WRITE. RULE_VIOLATION once the session started or the patient checked in. */
  'registration.refund': {
    request: { registrationId: string; outTradeNo: string };
    response: { registration: HospitalRegistration; refundAmount: Fen };
  };
  'queue.status': { request: { registrationId: string }; response: QueueStatus };
  // Records and reports (issue 13): live, never cached; every lookup names the patient, and another
  // patient's visit or report is NOT_FOUND. A pending report: RULE_VIOLATION (field reportId).
  'visit.list': { request: { patientId: string }; response: { visits: VisitSummary[] } };
  'visit.get': { request: { patientId: string; visitId: string }; response: VisitDetail };
  'report.list': { request: { patientId: string }; response: { reports: ReportSummary[] } };
  'report.get': { request: { patientId: string; reportId: string }; response: ReportDetail };
  /** NOT_FOUND (field itemCode) when the patient has no finished numeric result of the item. */
  'report.trend': { request: { patientId: string; itemCode: string }; response: LabTrend };
  // Inpatient (住院): personal, live money, never cached.
  /** A patient's stays, newest admission first, charges posted up to now. NOT_FOUND (patientId) for an unknown patient. */
  'inpatient.stays': { request: { patientId: string }; response: { stays: HospitalStay[] } };
  /** The patient's stay by 住院号 or stay id (exactly one); unknown or another patient's → NOT_FOUND (admissionNo / stayId), alike. */
  'inpatient.stay': { request: { patientId: string; admissionNo?: string; stayId?: string }; response: { stay: HospitalStay } };
  /** 每日清单 of a day of the stay; a date outside it → RULE_VIOLATION (date). */
  'inpatient.daily': { request: { patientId: string; stayId: string; date: HospitalDate }; response: DailyList };
  /** WRITE (Idempotency-Key: the outTradeNo). A deposit WeChat Pay took; discharged or settling → RULE_VIOLATION, the caller refunds. */
  'inpatient.deposit': {
    request: { patientId: string; stayId: string; amount: Fen; outTradeNo: string; transactionId: string; paidAt: string };
    response: { receiptNo: string; stay: HospitalStay };
  };
  // push: the event outbox (frontmachine/src/outbox/)
  /** Events after the outbox sequence `after` (the scheduler's cursor), oldest first; `limit` 1..100 (50). */
  'event.list': { request: { after: number; limit?: number }; response: { events: HospitalEvent[] } };
  /** WRITE. An event only the cloud sees (退款到账) joins the outbox, once by `key`; answers its seq. */
  'event.publish': {
    request: { kind: 'refund.done'; patientId: string; key: string; occurredAt: string; fields: Record<string, string> };
    response: { seq: number };
  };
  /** Kept events by outbox sequence (消息中心 renders what it lists); unknown ones left out. */
  'event.get': { request: { seqs: number[] }; response: { events: HospitalEvent[] } };
}
export type OperationName = keyof FrontMachineOperations;
/** Served by the front machine's event outbox rather than the hospital port (push). */
export type OutboxOperationName = 'event.list' | 'event.get' | 'event.publish';
export type OperationRequest<O extends OperationName> = FrontMachineOperations[O]['request'];
export type OperationResponse<O extends OperationName> = FrontMachineOperations[O]['response'];
