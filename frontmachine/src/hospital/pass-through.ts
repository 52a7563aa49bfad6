/**
 * The pass-through half of a Hospital decorator: appointments, registrations and the queue, visits and
 * reports, after-the-visit services, patients, cards, check-in codes, verification codes, bills,
 * payments, costs and stays are personal, live, clinical or money. They always go to the hospital and
 * are never kept; the decorator (CachedHospital) implements the rest.
 */
import type { Department, Doctor, DoctorSummary, HospitalDate, HospitalInfo, Schedule } from '../../../typings/hospital';
import type { Bill, CostVisit } from '../../../typings/payment';
import type { LabTrend, ReportDetail, ReportSummary, VisitDetail, VisitSummary } from '../../../typings/records';
import type { HospitalAppointment, HospitalRegistration, QueueStatus, SlotHold } from '../../../typings/booking';
import type { DailyList, HospitalStay } from '../../../typings/inpatient';
import type {
  AppointmentCancellation,
  AppointmentConfirmation,
  AppointmentReceipt,
  BindingCodeRequest,
  CodeChallenge,
  Hospital,
  HospitalCard,
  PhoneCodeCheck,
  HospitalPayment,
  PatientQrCode,
  PatientRegistration,
  PaymentConfirmation,
  PaymentReceipt,
  RegisteredPatient,
  RegistrationConfirmation,
  RegistrationReceipt,
  RegistrationRefund,
  ScheduleQuery,
  SessionSlots,
  SlotInSession,
  DepositConfirmation,
  DepositReceipt,
} from './port';

export abstract class PassThroughHospital implements Hospital {
  constructor(protected readonly inner: Hospital) {}

  // The reference reads, slots and slot-taking writes: the decorator's own.
  abstract hospitalInfo(): Promise<HospitalInfo>;
  abstract departments(): Promise<Department[]>;
  abstract doctors(deptId: string): Promise<DoctorSummary[]>;
  abstract doctor(doctorId: string): Promise<Doctor>;
  abstract schedules(query: ScheduleQuery): Promise<Schedule[]>;
  abstract slots(scheduleId: string): Promise<SessionSlots>;
  abstract slot(slotId: string): Promise<SlotInSession>;
  abstract bookAppointment(patientId: string, slotId: string): Promise<HospitalAppointment>;
  abstract holdSlot(patientId: string, slotId: string, minutes: number): Promise<SlotHold>;
  abstract confirmAppointment(confirmation: AppointmentConfirmation): Promise<AppointmentReceipt>;
  abstract cancelAppointment(appointmentId: string): Promise<AppointmentCancellation>;
  abstract confirmRegistration(confirmation: RegistrationConfirmation): Promise<RegistrationReceipt>;
  abstract refundRegistration(registrationId: string, outTradeNo: string): Promise<RegistrationRefund>;

  takeNumber(patientId: string, appointmentId: string): Promise<HospitalRegistration> {
    return this.inner.takeNumber(patientId, appointmentId);
  }

  appointments(patientId: string): Promise<HospitalAppointment[]> {
    return this.inner.appointments(patientId);
  }

  registrations(patientId: string): Promise<HospitalRegistration[]> {
    return this.inner.registrations(patientId);
  }

  queueStatus(registrationId: string): Promise<QueueStatus> {
    return this.inner.queueStatus(registrationId);
  }

  // Records and reports (issue 13): clinical data passes through, never kept beyond the request.
  visits(patientId: string): Promise<VisitSummary[]> {
    return this.inner.visits(patientId);
  }

  visit(patientId: string, visitId: string): Promise<VisitDetail> {
    return this.inner.visit(patientId, visitId);
  }

  reports(patientId: string): Promise<ReportSummary[]> {
    return this.inner.reports(patientId);
  }

  report(patientId: string, reportId: string): Promise<ReportDetail> {
    return this.inner.report(patientId, reportId);
  }

  labTrend(patientId: string, itemCode: string): Promise<LabTrend> {
    return this.inner.labTrend(patientId, itemCode);
  }

  // After the visit (issue 15): personal and live, passed through uncached.
  natTerms(): ReturnType<Hospital['natTerms']> {
    return this.inner.natTerms();
  }
  applyNat(request: Parameters<Hospital['applyNat']>[0]): ReturnType<Hospital['applyNat']> {
    return this.inner.applyNat(request);
  }
  confirmNat(confirmation: Parameters<Hospital['confirmNat']>[0]): ReturnType<Hospital['confirmNat']> {
    return this.inner.confirmNat(confirmation);
  }
  natApplications(patientId: string): ReturnType<Hospital['natApplications']> {
    return this.inner.natApplications(patientId);
  }
  pendingSurveys(patientId: string): ReturnType<Hospital['pendingSurveys']> {
    return this.inner.pendingSurveys(patientId);
  }
  survey(patientId: string, surveyId: string): ReturnType<Hospital['survey']> {
    return this.inner.survey(patientId, surveyId);
  }
  submitSurvey(submission: Parameters<Hospital['submitSurvey']>[0]): ReturnType<Hospital['submitSurvey']> {
    return this.inner.submitSurvey(submission);
  }
  invoices(patientId: string): ReturnType<Hospital['invoices']> {
    return this.inner.invoices(patientId);
  }
  invoicePdf(patientId: string, invoiceId: string): ReturnType<Hospital['invoicePdf']> {
    return this.inner.invoicePdf(patientId, invoiceId);
  }
  natReportCode(request: Parameters<Hospital['natReportCode']>[0]): ReturnType<Hospital['natReportCode']> {
    return this.inner.natReportCode(request);
  }
  natReport(request: Parameters<Hospital['natReport']>[0]): ReturnType<Hospital['natReport']> {
    return this.inner.natReport(request);
  }

  registerPatient(registration: PatientRegistration): Promise<RegisteredPatient> {
    return this.inner.registerPatient(registration);
  }

  // Verification codes are personal and live: passed through.
  sendBindingCode(request: BindingCodeRequest): Promise<CodeChallenge> {
    return this.inner.sendBindingCode(request);
  }

  sendPhoneCode(caller: string, phone: string): Promise<CodeChallenge> {
    return this.inner.sendPhoneCode(caller, phone);
  }

  checkPhoneCode(check: PhoneCodeCheck): Promise<{ verified: true }> {
    return this.inner.checkPhoneCode(check);
  }

  card(cardNo: string): Promise<HospitalCard> {
    return this.inner.card(cardNo);
  }

  patientQrCode(patientId: string): Promise<PatientQrCode> {
    return this.inner.patientQrCode(patientId);
  }

  pendingBills(patientId: string): Promise<Bill[]> {
    return this.inner.pendingBills(patientId);
  }

  confirmPayment(confirmation: PaymentConfirmation): Promise<PaymentReceipt> {
    return this.inner.confirmPayment(confirmation);
  }

  payments(date: HospitalDate): Promise<HospitalPayment[]> {
    return this.inner.payments(date);
  }

  costs(patientId: string): Promise<CostVisit[]> {
    return this.inner.costs(patientId);
  }

  // Inpatient (住院): personal and live money, never cached.
  stays(patientId: string): Promise<HospitalStay[]> {
    return this.inner.stays(patientId);
  }

  stay(patientId: string, by: { admissionNo: string } | { stayId: string }): Promise<HospitalStay> {
    return this.inner.stay(patientId, by);
  }

  dailyList(patientId: string, stayId: string, date: HospitalDate): Promise<DailyList> {
    return this.inner.dailyList(patientId, stayId, date);
  }

  payDeposit(confirmation: DepositConfirmation): Promise<DepositReceipt> {
    return this.inner.payDeposit(confirmation);
  }
}
