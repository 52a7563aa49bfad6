/**
 * The hospital as the front machine's operations see it, in the domain's words. One adapter speaks
 * HSB XML (src/hsb/); the cache decorates any implementation. Failures are thrown as `AppError`
 * (NOT_FOUND with the field at fault, INVALID_INPUT, RULE_VIOLATION, HOSPITAL_UNAVAILABLE).
 */
import type { OperationRequest, OperationResponse } from '../../../typings/frontmachine';
import type { Department, Doctor, DoctorSummary, HospitalDate, HospitalInfo, Schedule } from '../../../typings/hospital';
import type { Bill, CostVisit } from '../../../typings/payment';
import type { HospitalAppointment, HospitalRegistration, QueueStatus, SlotHold } from '../../../typings/booking';
import type { LabTrend, ReportDetail, ReportSummary, VisitDetail, VisitSummary } from '../../../typings/records';
import type { DailyList, HospitalStay } from '../../../typings/inpatient';
import type { AfterVisitHospital } from './after-visit-port';

/** Sessions of a department (with its sub-specialties) or of one doctor, dates inclusive. */
export type ScheduleQuery = ({ deptId: string; doctorId?: undefined } | { doctorId: string; deptId?: undefined }) & {
  from: HospitalDate;
  to: HospitalDate;
};

/** Who to find or create at the hospital: real name, ID number (normalised), mobile, a minor's guardian. */
export type PatientRegistration = OperationRequest<'patient.register'>;
/** The hospital patient found or created. */
export type RegisteredPatient = OperationResponse<'patient.register'>;
/** A binding's code request: who, and the caller's opaque id. */
export type BindingCodeRequest = OperationRequest<'patient.sendCode'>;
/** An open verification challenge (where the code went, masked; ISO instants). */
export type CodeChallenge = OperationResponse<'patient.sendCode'>;
/** A phone's code check. */
export type PhoneCodeCheck = OperationRequest<'phone.verify'>;

/** A hospital card, its owner and state (verified, unverified, cancelled). */
export type HospitalCard = OperationResponse<'card.get'>;
/** A short-lived check-in code signed by the hospital; `expiresAt` an ISO instant. */
export type PatientQrCode = OperationResponse<'patient.qrcode'>;

/** A payment WeChat Pay took, for the hospital to record against the bills (amount in fen, `paidAt` ISO). */
export type PaymentConfirmation = OperationRequest<'bill.confirm'>;
/** The hospital's receipt of a recorded payment. */
export type PaymentReceipt = OperationResponse<'bill.confirm'>;
/** One online payment as the hospital recorded it (reconciliation); `paidAt` ISO. */
export type HospitalPayment = OperationResponse<'payment.list'>['payments'][number];

/** A session and its timed slots. */
export type SessionSlots = OperationResponse<'slot.list'>;
/** A registration fee WeChat Pay took: for a hold (当日挂号) or an appointment (取号); amount in fen, `paidAt` ISO. */
export type RegistrationConfirmation = OperationRequest<'registration.confirm'>;
/** The hospital's receipt and the registration made. */
export type RegistrationReceipt = OperationResponse<'registration.confirm'>;
/** A held appointment's fee WeChat Pay took (amount in fen, `paidAt` ISO). */
export type AppointmentConfirmation = OperationRequest<'appointment.confirm'>;
/** The hospital's receipt and the appointment now booked. */
export type AppointmentReceipt = OperationResponse<'appointment.confirm'>;
/** A cancelled appointment and what was paid at booking, to refund (0 when nothing was). */
export type AppointmentCancellation = OperationResponse<'appointment.cancel'>;
/** One slot and its session. */
export type SlotInSession = OperationResponse<'slot.get'>;
/** A refunded registration and the amount to return to the patient, in fen. */
export type RegistrationRefund = OperationResponse<'registration.refund'>;

/** A deposit WeChat Pay took for a stay (amount in fen, `paidAt` ISO). */
export type DepositConfirmation = OperationRequest<'inpatient.deposit'>;
/** The hospital's receipt and the stay with the deposit counted. */
export type DepositReceipt = OperationResponse<'inpatient.deposit'>;

/** The after-the-visit questions (tests, surveys, e-invoices) join through `extends` (after-visit-port.ts). */
export interface Hospital extends AfterVisitHospital {
  hospitalInfo(): Promise<HospitalInfo>;
  /** Every department, flat; top-level ones have `parentId` null. */
  departments(): Promise<Department[]>;
  /** Doctors of a department and its sub-specialties; NOT_FOUND (field deptId) for an unknown one. */
  doctors(deptId: string): Promise<DoctorSummary[]>;
  /** NOT_FOUND (field doctorId) for an unknown doctor. */
  doctor(doctorId: string): Promise<Doctor>;
  schedules(query: ScheduleQuery): Promise<Schedule[]>;
  /**
   * Checks the challenge's code, then finds the patient with this document or creates one. Every
   * "who exists" failure → RULE_VIOLATION with the neutral message; a new person while `allowNew` is
   * false → LIMIT_REACHED; a refused field (a minor without guardian …) → INVALID_INPUT.
   */
  registerPatient(registration: PatientRegistration): Promise<RegisteredPatient>;
  /** Sends a binding's code (to the phone on file, the typed one for a new person, or none: the same answer). LIMIT_REACHED when asked too often. */
  sendBindingCode(request: BindingCodeRequest): Promise<CodeChallenge>;
  /** Sends a code to a typed phone. */
  sendPhoneCode(caller: string, phone: string): Promise<CodeChallenge>;
  /** Checks and uses up a phone code; any failure → RULE_VIOLATION with the neutral message. */
  checkPhoneCode(check: PhoneCodeCheck): Promise<{ verified: true }>;
  /** NOT_FOUND (field cardNo) for an unknown card. */
  card(cardNo: string): Promise<HospitalCard>;
  /** NOT_FOUND (field patientId) for an unknown patient. */
  patientQrCode(patientId: string): Promise<PatientQrCode>;
  /** A patient's pending outpatient bills with their items; NOT_FOUND (field patientId) for an unknown patient. */
  pendingBills(patientId: string): Promise<Bill[]>;
  /**
   * Records a payment against the bills, idempotent by `outTradeNo` (the same one again answers the
   * first receipt). RULE_VIOLATION (field billIds) when a bill is no longer pending or the amount is
   * not their sum — the money must be refunded; NOT_FOUND (field patientId) for an unknown patient.
   */
  confirmPayment(confirmation: PaymentConfirmation): Promise<PaymentReceipt>;
  /** One hospital date's online payments, by pay time in Shanghai. */
  payments(date: HospitalDate): Promise<HospitalPayment[]>;
  /** Every visit's bills, paid or pending (voided ones left out); NOT_FOUND (field patientId) for an unknown patient. */
  costs(patientId: string): Promise<CostVisit[]>;

  /** A session's slots; NOT_FOUND (field scheduleId) for an unknown session. */
  slots(scheduleId: string): Promise<SessionSlots>;
  /** One slot and its session; NOT_FOUND (field slotId) for an unknown slot. */
  slot(slotId: string): Promise<SlotInSession>;
  /**
   * Books a free slot (预约), held while unpaid where the fee is paid at booking. SOLD_OUT (field slotId)
   * when it is taken; RULE_VIOLATION (field slotId) for the hospital's rules (window, past slot, stopped
   * session, one per doctor per half-day); LIMIT_REACHED for the active-appointment cap; NOT_FOUND.
   */
  bookAppointment(patientId: string, slotId: string): Promise<HospitalAppointment>;
  /** Records a held appointment's fee, idempotent by outTradeNo; RULE_VIOLATION → the caller refunds. */
  confirmAppointment(confirmation: AppointmentConfirmation): Promise<AppointmentReceipt>;
  /** Cancels before 00:00 of the visit day, freeing the slot; else RULE_VIOLATION (field appointmentId). */
  cancelAppointment(appointmentId: string): Promise<AppointmentCancellation>;
  /** 取号 of an appointment paid at booking (no payment); RULE_VIOLATION (field appointmentId) outside the window. */
  takeNumber(patientId: string, appointmentId: string): Promise<HospitalRegistration>;
  /** A patient's appointments, every status, newest visit first (live, never cached). */
  appointments(patientId: string): Promise<HospitalAppointment[]>;
  /** Holds one of today's free slots for `minutes` while the patient pays; SOLD_OUT (field slotId) when taken. */
  holdSlot(patientId: string, slotId: string, minutes: number): Promise<SlotHold>;
  /** Records the fee and makes the registration, idempotent by outTradeNo; RULE_VIOLATION → the caller refunds. */
  confirmRegistration(confirmation: RegistrationConfirmation): Promise<RegistrationReceipt>;
  /** A patient's registrations, newest first (live). */
  registrations(patientId: string): Promise<HospitalRegistration[]>;
  /** 退号 before the session starts and before check-in, freeing the slot; else RULE_VIOLATION (field registrationId). */
  refundRegistration(registrationId: string, outTradeNo: string): Promise<RegistrationRefund>;
  /** Where the patient stands in the clinic's queue (live). */
  queueStatus(registrationId: string): Promise<QueueStatus>;

  // Records and reports (issue 13). Each names the patient; the hospital answers NOT_FOUND for
  // another patient's visit or report. Never cached: clinical data lives one request here.
  /** The patient's outpatient visits, newest first; NOT_FOUND (field patientId) for an unknown patient. */
  visits(patientId: string): Promise<VisitSummary[]>;
  /** A visit's record and prescriptions; NOT_FOUND (field visitId) when it is not this patient's. */
  visit(patientId: string, visitId: string): Promise<VisitDetail>;
  /** The patient's lab, exam and pathology reports, pending ones too, newest first. */
  reports(patientId: string): Promise<ReportSummary[]>;
  /** A finished report; NOT_FOUND (field reportId) when not this patient's, RULE_VIOLATION (field reportId) while pending. */
  report(patientId: string, reportId: string): Promise<ReportDetail>;
  /** A numeric lab item across the patient's finished reports; NOT_FOUND (field itemCode) when there is none. */
  labTrend(patientId: string, itemCode: string): Promise<LabTrend>;
  // Inpatient (住院): personal and live money, never cached.
  /** A patient's stays, newest admission first; NOT_FOUND (field patientId) for an unknown patient. */
  stays(patientId: string): Promise<HospitalStay[]>;
  /** The patient's stay by 住院号 or stay id; unknown or another patient's → NOT_FOUND alike (field admissionNo or stayId). */
  stay(patientId: string, by: { admissionNo: string } | { stayId: string }): Promise<HospitalStay>;
  /** 每日清单 of one day of the stay; a date outside it → RULE_VIOLATION (field date). */
  dailyList(patientId: string, stayId: string, date: HospitalDate): Promise<DailyList>;
  /** Records a deposit, idempotent by outTradeNo; discharged or settling → RULE_VIOLATION (field stayId): the caller refunds. */
  payDeposit(confirmation: DepositConfirmation): Promise<DepositReceipt>;
}

// Issue 16: reference reads that survive a hospital that does not answer.
/** A reference read's answer; `staleSince` (ISO) when it is the last good copy, fetched then. */
export interface ReferenceRead<T> {
  value: T;
  staleSince?: string;
}

/**
 * The reference reads (hospital, departments, doctors, schedules) answered from the last good copy,
 * however old, when the hospital is unavailable. Slot lists are not among them: never offered stale.
 */
export interface ReferenceReads {
  hospitalInfo(): Promise<ReferenceRead<HospitalInfo>>;
  departments(): Promise<ReferenceRead<Department[]>>;
  doctors(deptId: string): Promise<ReferenceRead<DoctorSummary[]>>;
  doctor(doctorId: string): Promise<ReferenceRead<Doctor>>;
  schedules(query: ScheduleQuery): Promise<ReferenceRead<Schedule[]>>;
}
