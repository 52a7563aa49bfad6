/**
 * The service table: HSB ServiceName → handler over the db. A new service (slot locking …) is a
 * new row here and a new entry in `HsbServices` (typings/hsb.ts).
 */
import type { HsbServiceName, HsbServices } from '../../../typings/hsb';
import type { ServiceHandler } from './context';
import { confirmPayment, queryCosts, queryPayments, queryPendingBills } from './billing';
import { queryEvents } from './events';
import { queryDepartments } from './departments';
import { queryDoctors } from './doctors';
import { getHospitalInfo } from './hospital-info';
import { getPatientQrCode, queryCard, registerPatient } from './patients';
import { querySchedules } from './schedules';
import { checkVerificationCode, sendVerificationCode } from './verification';
import {
  bookAppointmentService,
  cancelAppointmentService,
  confirmAppointmentService,
  confirmRegistrationService,
  holdSlotService,
  queryAppointments,
  queryQueue,
  queryRegistrations,
  querySlot,
  querySlots,
  refundRegistrationService,
  takeNumberService,
} from './booking';
import { queryLabTrend, queryPrescriptions, queryReport, queryReports, queryVisitRecord, queryVisits } from './records';
import { payInpatientDeposit, queryInpatientDailyList, queryInpatientStay, queryInpatientStays } from './inpatient';
import {
  applyNatService,
  confirmNatPaymentService,
  getInvoicePdf,
  getSurvey,
  queryInvoices,
  queryNatApplications,
  queryNatTerms,
  queryNatReport,
  querySurveys,
  sendNatReportCode,
  submitSurveyService,
} from './after-visit';

export type ServiceTable = { [K in HsbServiceName]: ServiceHandler<HsbServices[K]['response']> };

export const SERVICES: ServiceTable = {
  GetHospitalInfo: getHospitalInfo,
  QueryDepartments: queryDepartments,
  QueryDoctors: queryDoctors,
  QuerySchedules: querySchedules,
  RegisterPatient: registerPatient,
  // Verification codes (binding proves possession).
  SendVerificationCode: sendVerificationCode,
  CheckVerificationCode: checkVerificationCode,
  QueryCard: queryCard,
  GetPatientQrCode: getPatientQrCode,
  QueryPendingBills: queryPendingBills,
  ConfirmPayment: confirmPayment,
  QueryPayments: queryPayments,
  QueryCosts: queryCosts,
  QuerySlots: querySlots,
  BookAppointment: bookAppointmentService,
  CancelAppointment: cancelAppointmentService,
  QueryAppointments: queryAppointments,
  QuerySlot: querySlot,
  ConfirmAppointment: confirmAppointmentService,
  TakeNumber: takeNumberService,
  HoldSlot: holdSlotService,
  ConfirmRegistration: confirmRegistrationService,
  QueryRegistrations: queryRegistrations,
  RefundRegistration: refundRegistrationService,
  QueryQueue: queryQueue,
  // Records and reports (issue 13): EMR, prescriptions, LIS / PACS / pathology.
  QueryVisits: queryVisits,
  QueryVisitRecord: queryVisitRecord,
  QueryPrescriptions: queryPrescriptions,
  QueryReports: queryReports,
  QueryReport: queryReport,
  QueryLabTrend: queryLabTrend,
  // Inpatient (住院)
  QueryInpatientStays: queryInpatientStays,
  QueryInpatientStay: queryInpatientStay,
  QueryInpatientDailyList: queryInpatientDailyList,
  PayInpatientDeposit: payInpatientDeposit,
  // After the visit (issue 15): tests, surveys, e-invoices.
  QueryNatTerms: queryNatTerms,
  ApplyNat: applyNatService,
  ConfirmNatPayment: confirmNatPaymentService,
  QueryNatApplications: queryNatApplications,
  QuerySurveys: querySurveys,
  GetSurvey: getSurvey,
  SubmitSurvey: submitSurveyService,
  QueryInvoices: queryInvoices,
  GetInvoicePdf: getInvoicePdf,
  SendNatReportCode: sendNatReportCode,
  QueryNatReport: queryNatReport,
  // push: hospital events since a sequence
  QueryEvents: queryEvents,
};

export function isServiceName(name: string): name is HsbServiceName {
  return Object.prototype.hasOwnProperty.call(SERVICES, name);
}

export type { ServiceContext, ServiceHandler, ServiceOutcome } from './context';
