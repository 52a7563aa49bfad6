/**
 * The Hospital port spoken as HSB XML: one method per domain question, result codes mapped to the
 * contract's errors. A hospital with a different bus replaces this folder only.
 */
import type { Department, Doctor, DoctorSummary, HospitalDate, HospitalInfo, Schedule } from '../../../typings/hospital';
import type { Bill, CostVisit } from '../../../typings/payment';
import { HsbResultCode, type HsbServiceName, type HsbServices } from '../../../typings/hsb';
import { AppError } from '../../../miniprogram/core/errors';
import { formatYuan } from '../../../miniprogram/core/money';
import { formatHospital } from '../../../miniprogram/core/time';
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
} from '../hospital/port';
import type { HospitalAppointment, HospitalRegistration, QueueStatus, SlotHold } from '../../../typings/booking';
import type { LabTrend, ReportDetail, ReportSummary, VisitDetail, VisitSummary } from '../../../typings/records';
import type { DailyList, HospitalStay } from '../../../typings/inpatient';
import type { DepositConfirmation, DepositReceipt } from '../hospital/port';
import { toDailyList, toDepositReceipt, toStay1, toStays } from './inpatient-mapping';
import type { Logger } from 'pino';
import { HsbUnavailableError, type HsbClient, type HsbReply } from './client';
import { HsbProtocolError } from './envelope';
import {
  toBills,
  toCostVisits,
  toDepartments,
  toDoctors,
  toDoctorSummaries,
  toHospitalCard,
  toHospitalInfo,
  toPatientQrCode,
  toPaymentReceipt,
  toPayments,
  toRegisteredPatient,
  toSchedules,
  toAppointments,
  toOneAppointment,
  toQueueStatus,
  toRegistrationReceipt,
  toRegistrationRefund,
  toRegistrations,
  toSessionSlots,
  toSlotHold,
  toSlotInSession,
  toAppointmentCancellation,
  toAppointmentReceipt,
  toTakenNumber,
  toLabTrend,
  toPrescriptions,
  toReportDetail,
  toReportSummaries,
  toVisitRecord,
  toVisitSummaries,
} from './mapping';
import { toAppliedNat, toInvoicePdf, toInvoices, toNatApplications, toNatReceipt, toNatTerms, toPendingSurveys, toSurvey, toSurveySubmitted } from './after-visit-mapping';
import type { NatApplicationRequest, NatPaymentConfirmation, SurveySubmission } from '../hospital/after-visit-port';
import type { OperationRequest } from '../../../typings/frontmachine';
import { personFields, toCodeChallenge } from './identity';
import { failureOf, NOT_FOUND_MESSAGES, unknownOf } from './failures';

export { failureOf, SLOT_TAKEN_MESSAGE } from './failures';

/** A WeChat payment as the HSB records a registration fee: yuan, Shanghai wall time. */
function paymentFields(c: { amount: number; outTradeNo: string; transactionId: string; paidAt: string }) {
  return { TotalFee: formatYuan(c.amount), TradeNo: c.outTradeNo, TransactionId: c.transactionId, PayTime: formatHospital(Date.parse(c.paidAt)), PayChannel: 'WECHAT' as const };
}

export class HsbHospital implements Hospital {
  constructor(
    private readonly client: HsbClient,
    private readonly logger?: Logger,
  ) {}

  hospitalInfo(): Promise<HospitalInfo> {
    return this.ask('GetHospitalInfo', {}, undefined, toHospitalInfo);
  }

  departments(): Promise<Department[]> {
    return this.ask('QueryDepartments', {}, undefined, toDepartments);
  }

  doctors(deptId: string): Promise<DoctorSummary[]> {
    return this.ask('QueryDoctors', { DeptCode: deptId }, 'deptId', toDoctorSummaries);
  }

  async doctor(doctorId: string): Promise<Doctor> {
    const doctors = await this.ask('QueryDoctors', { DoctorCode: doctorId }, 'doctorId', toDoctors);
    // Asked by code, the HSB answers that doctor only; anything else is not the doctor we asked for.
    const found = doctors.find((d) => d.doctorId === doctorId);
    if (found === undefined) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGES.doctorId, 'doctorId');
    return found;
  }

  schedules(query: ScheduleQuery): Promise<Schedule[]> {
    const by = query.deptId !== undefined ? { DeptCode: query.deptId } : { DoctorCode: query.doctorId };
    const field = query.deptId !== undefined ? 'deptId' : 'doctorId';
    return this.ask('QuerySchedules', { ...by, BeginDate: query.from, EndDate: query.to }, field, toSchedules);
  }

  registerPatient(registration: PatientRegistration): Promise<RegisteredPatient> {
    const { caller, challengeId, code, allowNew } = registration;
    const request = { ...personFields(registration), Caller: caller, ChallengeNo: challengeId, VerifyCode: code, AllowNew: allowNew === false ? ('0' as const) : ('1' as const) };
    // 2001 here is the neutral refusal (no field: naming one would say which detail was wrong); 1002 names its problem in the message.
    return this.ask('RegisterPatient', request, undefined, toRegisteredPatient);
  }

  sendBindingCode(request: BindingCodeRequest): Promise<CodeChallenge> {
    return this.ask('SendVerificationCode', { Purpose: 'BIND', Caller: request.caller, ...personFields(request) }, undefined, toCodeChallenge);
  }

  sendPhoneCode(caller: string, phone: string): Promise<CodeChallenge> {
    return this.ask('SendVerificationCode', { Purpose: 'PHONE', Caller: caller, Phone: phone }, 'phone', toCodeChallenge);
  }

  async checkPhoneCode(check: PhoneCodeCheck): Promise<{ verified: true }> {
    await this.ask('CheckVerificationCode', { ChallengeNo: check.challengeId, Caller: check.caller, Phone: check.phone, VerifyCode: check.code }, undefined, () => true);
    return { verified: true };
  }

  async card(cardNo: string): Promise<HospitalCard> {
    const card = await this.ask('QueryCard', { CardNo: cardNo }, 'cardNo', toHospitalCard);
    // Another card than the one asked for would show the patient someone else's card: the HSB is off protocol.
    if (card.cardNo !== cardNo) {
      this.logger?.error({ service: 'QueryCard', problem: '<CardNo> differs from the card asked for' }, 'hsb answer off protocol');
      throw new AppError('HOSPITAL_UNAVAILABLE');
    }
    return card;
  }

  patientQrCode(patientId: string): Promise<PatientQrCode> {
    return this.ask('GetPatientQrCode', { PatientId: patientId }, 'patientId', toPatientQrCode);
  }

  pendingBills(patientId: string): Promise<Bill[]> {
    return this.ask('QueryPendingBills', { PatientId: patientId }, 'patientId', toBills);
  }

  async confirmPayment(c: PaymentConfirmation): Promise<PaymentReceipt> {
    const request = {
      PatientId: c.patientId,
      BizType: 'BILL' as const,
      BillNos: { BillNo: c.billIds },
      TotalFee: formatYuan(c.amount),
      TradeNo: c.outTradeNo,
      TransactionId: c.transactionId,
      PayTime: formatHospital(Date.parse(c.paidAt)),
      PayChannel: 'WECHAT' as const,
    };
    try {
      // 2001 means the bills changed (paid, voided) or the amount differs: the bills are what to look at again.
      return await this.ask('ConfirmPayment', request, 'patientId', toPaymentReceipt, 'billIds');
    } catch (e) {
      // A 1002 may concern any field (amount, pay time …): its message says which, so none is named.
      if (e instanceof AppError && e.code === 'INVALID_INPUT') throw new AppError('INVALID_INPUT', e.message);
      throw e;
    }
  }

  payments(date: HospitalDate): Promise<HospitalPayment[]> {
    return this.ask('QueryPayments', { Date: date }, 'date', toPayments);
  }

  costs(patientId: string): Promise<CostVisit[]> {
    return this.ask('QueryCosts', { PatientId: patientId }, 'patientId', toCostVisits);
  }

  slots(scheduleId: string): Promise<SessionSlots> {
    return this.ask('QuerySlots', { ScheduleCode: scheduleId }, 'scheduleId', toSessionSlots);
  }

  slot(slotId: string): Promise<SlotInSession> {
    return this.ask('QuerySlot', { SlotCode: slotId }, 'slotId', (body) => toSlotInSession(body, slotId));
  }

  bookAppointment(patientId: string, slotId: string): Promise<HospitalAppointment> {
    return this.ask('BookAppointment', { PatientId: patientId, SlotCode: slotId, Channel: 'WECHAT' }, unknownOf('slotId'), toOneAppointment, 'slotId');
  }

  confirmAppointment(c: AppointmentConfirmation): Promise<AppointmentReceipt> {
    const request = { PatientId: c.patientId, AppointmentNo: c.appointmentId, ...paymentFields(c) };
    return this.ask('ConfirmAppointment', request, unknownOf('appointmentId'), toAppointmentReceipt, 'appointmentId');
  }

  cancelAppointment(appointmentId: string): Promise<AppointmentCancellation> {
    return this.ask('CancelAppointment', { AppointmentNo: appointmentId }, 'appointmentId', toAppointmentCancellation, 'appointmentId');
  }

  takeNumber(patientId: string, appointmentId: string): Promise<HospitalRegistration> {
    return this.ask('TakeNumber', { PatientId: patientId, AppointmentNo: appointmentId }, unknownOf('appointmentId'), toTakenNumber, 'appointmentId');
  }

  appointments(patientId: string): Promise<HospitalAppointment[]> {
    return this.ask('QueryAppointments', { PatientId: patientId }, 'patientId', toAppointments);
  }

  holdSlot(patientId: string, slotId: string, minutes: number): Promise<SlotHold> {
    const request = { PatientId: patientId, SlotCode: slotId, HoldMinutes: String(minutes) };
    return this.ask('HoldSlot', request, unknownOf('slotId'), (body) => toSlotHold(body, patientId, slotId), 'slotId');
  }

  confirmRegistration(c: RegistrationConfirmation): Promise<RegistrationReceipt> {
    const request = { PatientId: c.patientId, HoldNo: c.holdId, AppointmentNo: c.appointmentId, ...paymentFields(c) };
    const about = c.holdId !== undefined ? 'holdId' : 'appointmentId';
    return this.ask('ConfirmRegistration', request, unknownOf(about), toRegistrationReceipt, about);
  }

  registrations(patientId: string): Promise<HospitalRegistration[]> {
    return this.ask('QueryRegistrations', { PatientId: patientId }, 'patientId', toRegistrations);
  }

  refundRegistration(registrationId: string, outTradeNo: string): Promise<RegistrationRefund> {
    return this.ask('RefundRegistration', { RegistrationNo: registrationId, TradeNo: outTradeNo }, 'registrationId', toRegistrationRefund, 'registrationId');
  }

  queueStatus(registrationId: string): Promise<QueueStatus> {
    return this.ask('QueryQueue', { RegistrationNo: registrationId }, 'registrationId', toQueueStatus, 'registrationId');
  }

  // ---- Records and reports (issue 13): every lookup names the patient; the hospital checks the pair.

  visits(patientId: string): Promise<VisitSummary[]> {
    return this.ask('QueryVisits', { PatientId: patientId }, 'patientId', toVisitSummaries);
  }

  async visit(patientId: string, visitId: string): Promise<VisitDetail> {
    const by = { PatientId: patientId, VisitNo: visitId };
    const [{ visit, record }, prescriptions] = await Promise.all([
      this.ask('QueryVisitRecord', by, unknownOf('visitId'), toVisitRecord),
      this.ask('QueryPrescriptions', by, unknownOf('visitId'), toPrescriptions),
    ]);
    // Another visit than the one asked for would show someone else's record: the HSB is off protocol.
    if (visit.visitId !== visitId) throw this.offProtocol('QueryVisitRecord', '<VisitNo> differs from the visit asked for');
    return { visit, record, prescriptions };
  }

  reports(patientId: string): Promise<ReportSummary[]> {
    return this.ask('QueryReports', { PatientId: patientId }, 'patientId', toReportSummaries);
  }

  async report(patientId: string, reportId: string): Promise<ReportDetail> {
    // 2001 is a report not yet finished: the report is what the patient must wait for.
    const detail = await this.ask('QueryReport', { PatientId: patientId, ReportNo: reportId }, unknownOf('reportId'), toReportDetail, 'reportId');
    if (detail.report.reportId !== reportId) throw this.offProtocol('QueryReport', '<ReportNo> differs from the report asked for');
    return detail;
  }

  labTrend(patientId: string, itemCode: string): Promise<LabTrend> {
    return this.ask('QueryLabTrend', { PatientId: patientId, ItemCode: itemCode }, unknownOf('itemCode'), toLabTrend);
  }

  private offProtocol(service: string, problem: string): AppError {
    this.logger?.error({ service, problem }, 'hsb answer off protocol');
    return new AppError('HOSPITAL_UNAVAILABLE');
  }

  // ---- Inpatient (住院)

  stays(patientId: string): Promise<HospitalStay[]> {
    return this.ask('QueryInpatientStays', { PatientId: patientId }, 'patientId', toStays);
  }

  stay(patientId: string, by: { admissionNo: string } | { stayId: string }): Promise<HospitalStay> {
    const request = 'admissionNo' in by ? { PatientId: patientId, AdmissionNo: by.admissionNo } : { PatientId: patientId, StayNo: by.stayId };
    return this.ask('QueryInpatientStay', request, unknownOf('admissionNo' in by ? 'admissionNo' : 'stayId'), (body) => toStay1(body, patientId, by));
  }

  dailyList(patientId: string, stayId: string, date: HospitalDate): Promise<DailyList> {
    return this.ask('QueryInpatientDailyList', { PatientId: patientId, StayNo: stayId, ChargeDate: date }, unknownOf('stayId'), (body) => toDailyList(body, stayId, date), 'date');
  }

  payDeposit(c: DepositConfirmation): Promise<DepositReceipt> {
    const request = { PatientId: c.patientId, StayNo: c.stayId, ...paymentFields(c) };
    return this.ask('PayInpatientDeposit', request, unknownOf('stayId'), toDepositReceipt, 'stayId');
  }

  // ---- after the visit (issue 15): tests, surveys, e-invoices

  natTerms(): ReturnType<Hospital['natTerms']> {
    return this.ask('QueryNatTerms', {}, undefined, toNatTerms);
  }

  applyNat(r: NatApplicationRequest): ReturnType<Hospital['applyNat']> {
    const request = { Mode: r.mode === 'single' ? ('1' as const) : ('2' as const), PatientId: r.patientId, PersonName: r.person?.name, IdCardNo: r.person?.idCardNo, Phone: r.person?.phone };
    // 2001 is the real-name mismatch of a person known under another name.
    return this.ask('ApplyNat', request, 'patientId', toAppliedNat, 'name');
  }

  confirmNat(c: NatPaymentConfirmation): ReturnType<Hospital['confirmNat']> {
    const request = { PatientId: c.patientId, ApplicationNo: c.applicationId, ...paymentFields(c) };
    return this.ask('ConfirmNatPayment', request, unknownOf('applicationId'), toNatReceipt, 'applicationId');
  }

  natApplications(patientId: string): ReturnType<Hospital['natApplications']> {
    return this.ask('QueryNatApplications', { PatientId: patientId }, 'patientId', toNatApplications);
  }

  pendingSurveys(patientId: string): ReturnType<Hospital['pendingSurveys']> {
    return this.ask('QuerySurveys', { PatientId: patientId }, 'patientId', toPendingSurveys);
  }

  survey(patientId: string, surveyId: string): ReturnType<Hospital['survey']> {
    return this.ask('GetSurvey', { PatientId: patientId, SurveyNo: surveyId }, unknownOf('surveyId'), toSurvey);
  }

  submitSurvey(s: SurveySubmission): ReturnType<Hospital['submitSurvey']> {
    // Nested absent fields are left out, not sent empty (the envelope drops only top-level ones).
    const answers = s.answers.map((a) => ({ QuestionId: a.questionId, ...(a.score !== undefined ? { Score: String(a.score) } : {}), ...(a.text !== undefined ? { Text: a.text } : {}) }));
    const request = { PatientId: s.patientId, SurveyNo: s.surveyId, Answers: { Answer: answers } };
    // A 1002 names its problem (which question) in the message: the answers are the field.
    return this.ask('SubmitSurvey', request, (message) => (message.includes('患者') ? 'patientId' : message.includes('问卷') ? 'surveyId' : 'answers'), toSurveySubmitted, 'surveyId');
  }

  invoices(patientId: string): ReturnType<Hospital['invoices']> {
    return this.ask('QueryInvoices', { PatientId: patientId }, 'patientId', toInvoices);
  }

  invoicePdf(patientId: string, invoiceId: string): ReturnType<Hospital['invoicePdf']> {
    return this.ask('GetInvoicePdf', { PatientId: patientId, InvoiceId: invoiceId }, unknownOf('invoiceId'), toInvoicePdf);
  }

  natReportCode(r: OperationRequest<'nat.reportCode'>): ReturnType<Hospital['natReportCode']> {
    return this.ask('SendNatReportCode', { PersonName: r.name, IdCardNo: r.idCardNo, Caller: r.caller }, undefined, toCodeChallenge);
  }

  natReport(r: OperationRequest<'nat.report'>): ReturnType<Hospital['natReport']> {
    const request = { PersonName: r.name, IdCardNo: r.idCardNo, Caller: r.caller, ChallengeNo: r.challengeId, VerifyCode: r.code };
    // 2001 is the neutral refusal of a wrong, expired or foreign code: the code is the field to correct.
    return this.ask('QueryNatReport', request, undefined, toNatApplications, 'smsCode');
  }

  /**
   * One HSB call: transport and protocol failures → HOSPITAL_UNAVAILABLE, result codes → the contract.
   * `field` is the request field a 1001/1002 concerns, `ruleField` the one a 2001 does.
   */
  private async ask<S extends HsbServiceName, T>(
    service: S,
    request: HsbServices[S]['request'],
    field: string | undefined | ((message: string) => string),
    map: (body: Record<string, unknown>) => T,
    ruleField?: string,
  ): Promise<T> {
    let reply: HsbReply;
    try {
      reply = await this.client.call(service, request);
    } catch (e) {
      if (e instanceof HsbUnavailableError) throw new AppError('HOSPITAL_UNAVAILABLE');
      throw e;
    }
    if (reply.resultCode !== HsbResultCode.OK) throw failureOf(reply, field, ruleField);
    try {
      return map(reply.body);
    } catch (e) {
      if (e instanceof HsbProtocolError) {
        // Mapping errors name a tag, and its value only where that is not personal (a code, an amount), so they are safe to log.
        this.logger?.error({ service, problem: e.message }, 'hsb answer off protocol');
        throw new AppError('HOSPITAL_UNAVAILABLE');
      }
      throw e;
    }
  }
}
