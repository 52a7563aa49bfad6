/**
 * The `api` cloud function's public contract: `{action, data}` in, `Result<response>` out
 * (docs/contracts.md#result-model). Action names are public; tools outside the codebase call them.
 */
import type { MessageListRequest, MessageListResponse, SubscribeRecordRequest, SubscribeRecordResponse, SubscribeTemplatesResponse } from './push';
import type { Department, DepartmentGroup, Doctor, DoctorSummary, HospitalDate, HospitalInfo, Schedule, StaleMark } from './hospital';
import type {
  CardBindRequest,
  CardBindResponse,
  PatientAddRequest,
  PatientAddResponse,
  PatientListRequest,
  PatientListResponse,
  PatientQrcodeResponse,
  PatientRefRequest,
  PatientRemoveResponse,
  PatientSetDefaultResponse,
  PatientSendCodeRequest,
  PatientSendCodeResponse,
  PrivacyConsentRequest,
  PrivacyConsentResponse,
  PrivacyGetRequest,
  PrivacyGetResponse,
} from './patient';
import type {
  AppointmentCancelResponse,
  AppointmentPayResponse,
  AppointmentCreateRequest,
  AppointmentCreateResponse,
  AppointmentListRequest,
  AppointmentListResponse,
  AppointmentRefRequest,
  AppointmentTakeNumberResponse,
  QueueStatusResponse,
  RegistrationCreateRequest,
  RegistrationCreateResponse,
  RegistrationListRequest,
  RegistrationListResponse,
  RegistrationRefRequest,
  RegistrationRefundResponse,
  SlotListRequest,
  SlotListResponse,
} from './booking';
import type {
  BillListRequest,
  BillListResponse,
  BillPayRequest,
  BillPayResponse,
  CostListRequest,
  CostListResponse,
  OrderGetRequest,
  OrderGetResponse,
  OrderListRequest,
  OrderListResponse,
} from './payment';
import type {
  ReportGetRequest,
  ReportGetResponse,
  ReportListRequest,
  ReportListResponse,
  ReportTrendRequest,
  ReportTrendResponse,
  VisitGetRequest,
  VisitGetResponse,
  VisitListRequest,
  VisitListResponse,
} from './records';
import type {
  InpatientBindRequest,
  InpatientBindResponse,
  InpatientDailyRequest,
  InpatientDailyResponse,
  InpatientDepositRequest,
  InpatientDepositResponse,
  InpatientListRequest,
  InpatientListResponse,
} from './inpatient';
import type { Result } from './result';
// After-the-visit services (issue 15): tests, surveys, e-invoices.
import type {
  InvoiceDownloadRequest,
  InvoiceDownloadResponse,
  InvoiceListRequest,
  InvoiceListResponse,
  NatApplyRequest,
  NatApplyResponse,
  NatListRequest,
  NatListResponse,
  NatReportQueryRequest,
  NatReportQueryResponse,
  NatSendCodeRequest,
  NatSendCodeResponse,
  NatTermsRequest,
  NatTermsResponse,
  SurveyGetRequest,
  SurveyGetResponse,
  SurveyPendingRequest,
  SurveyPendingResponse,
  SurveySubmitRequest,
  SurveySubmitResponse,
} from './services';

/** `hospital.info`: the hospital's profile. */
export type HospitalInfoRequest = Record<string, never>;
// Reference reads carry `staleSince` when the hospital did not answer (issue 16): show the data with a banner.
export type HospitalInfoResponse = HospitalInfo & StaleMark;

/**
 * `dept.list`: every department, grouped under its top-level department, in the hospital's order.
 * A group's `children` are the departments a patient books in: a top-level department without
 * sub-specialties lists itself as its only child, so the UI always books a child. Deeper levels
 * join their top-level ancestor's group; a department whose parent is unknown forms its own group.
 */
export type DeptListRequest = Record<string, never>;
export interface DeptListResponse extends StaleMark {
  groups: DepartmentGroup[];
}

/** `doctor.list`: the doctors of a department (a group lists those of all its sub-specialties); without `deptId` every doctor (找医生). */
export interface DoctorListRequest {
  deptId?: string;
}
export interface DoctorListResponse extends StaleMark {
  /** null when every doctor was asked for. */
  department: Department | null;
  doctors: DoctorSummary[];
}

/** `doctor.get`: one doctor's profile. */
export interface DoctorGetRequest {
  doctorId: string;
}
export type DoctorGetResponse = Doctor & StaleMark;

/**
 * `schedule.list`: clinic sessions by department or by doctor (exactly one of the two), for
 * `days` days (1–7, default 7) from `from` (default: today in the hospital's zone).
 */
export interface ScheduleListRequest {
  deptId?: string;
  doctorId?: string;
  from?: HospitalDate;
  days?: number;
}
/** Stale (`staleSince`): the counts are from then; the mini program offers no session as bookable. */
export interface ScheduleListResponse extends StaleMark {
  /** The dates covered, in order, so the UI can show days without sessions. */
  dates: HospitalDate[];
  schedules: Schedule[];
}

/** Every action: its request and response types. */
export interface ApiActions {
  'hospital.info': { request: HospitalInfoRequest; response: HospitalInfoResponse };
  'dept.list': { request: DeptListRequest; response: DeptListResponse };
  'doctor.list': { request: DoctorListRequest; response: DoctorListResponse };
  'doctor.get': { request: DoctorGetRequest; response: DoctorGetResponse };
  'schedule.list': { request: ScheduleListRequest; response: ScheduleListResponse };
  /** Bind a patient to the caller with the SMS code (find or create at the hospital, real-name). At most 5. */
  'patient.add': { request: PatientAddRequest; response: PatientAddResponse };
  /** The caller's patients, masked, default first. */
  'patient.list': { request: PatientListRequest; response: PatientListResponse };
  /** Unbind one of the caller's patients; the next one becomes default if needed. */
  'patient.remove': { request: PatientRefRequest; response: PatientRemoveResponse };
  /** Make one of the caller's patients the default. */
  'patient.setDefault': { request: PatientRefRequest; response: PatientSetDefaultResponse };
  /** Bind a real-name verified hospital card to one of the caller's patients. */
  'card.bind': { request: CardBindRequest; response: CardBindResponse };
  /** A short-lived signed check-in code for one of the caller's patients. */
  'patient.qrcode': { request: PatientRefRequest; response: PatientQrcodeResponse };
  /** A bound patient's pending outpatient bills (门诊缴费), live from the hospital. */
  'bill.list': { request: BillListRequest; response: BillListResponse };
  /** One order for the chosen bills, amount from the hospital; answers wx.requestPayment's parameters. */
  'bill.pay': { request: BillPayRequest; response: BillPayResponse };
  /** One of the caller's orders: where the money is. */
  'order.get': { request: OrderGetRequest; response: OrderGetResponse };
  /** The caller's orders, newest first. */
  'order.list': { request: OrderListRequest; response: OrderListResponse };
  /** A bound patient's visits with their costs (费用查询). */
  'cost.list': { request: CostListRequest; response: CostListResponse };
  /** A session's timed slots and which are still available. */
  'slot.list': { request: SlotListRequest; response: SlotListResponse };
  /** 预约: book a slot in the coming days for a bound patient (card-less patients too). */
  'appointment.create': { request: AppointmentCreateRequest; response: AppointmentCreateResponse };
  /** 我的预约: the caller's appointments, upcoming first, with the take-number window. */
  'appointment.list': { request: AppointmentListRequest; response: AppointmentListResponse };
  /** Cancel until 00:00 of the visit day (Asia/Shanghai); the slot returns to others. */
  'appointment.cancel': { request: AppointmentRefRequest; response: AppointmentCancelResponse };
  /** Pay (again) for an appointment held while unpaid, where the hospital charges at booking. */
  'appointment.pay': { request: AppointmentRefRequest; response: AppointmentPayResponse };
  /** 取号: on the visit day within the window, paid; becomes a registration. */
  'appointment.takeNumber': { request: AppointmentRefRequest; response: AppointmentTakeNumberResponse };
  /** 当日挂号: hold today's slot for 10 minutes and pay at once (verified card required). */
  'registration.create': { request: RegistrationCreateRequest; response: RegistrationCreateResponse };
  /** 我的挂号 */
  'registration.list': { request: RegistrationListRequest; response: RegistrationListResponse };
  /** 退号 before the visit, refunded to the original payment path. */
  'registration.refund': { request: RegistrationRefRequest; response: RegistrationRefundResponse };
  /** 排队叫号 after check-in at the kiosk. */
  'queue.status': { request: RegistrationRefRequest; response: QueueStatusResponse };
  // After-the-visit services (issue 15): tests (核酸), surveys (满意度调查), e-invoices (电子票据).
  /** The hospital's test prices and whether the fee is paid online or at the sampling point. */
  'nat.terms': { request: NatTermsRequest; response: NatTermsResponse };
  /** Apply for a test for a bound patient, or for a companion or visitor proven by an SMS code. */
  'nat.apply': { request: NatApplyRequest; response: NatApplyResponse };
  /** A bound patient's test applications with status and result, live from the hospital. */
  'nat.list': { request: NatListRequest; response: NatListResponse };
  /** An SMS code: to a visitor's typed phone (before nat.apply) or to the phone given at application (before nat.reportQuery). */
  'nat.sendCode': { request: NatSendCodeRequest; response: NatSendCodeResponse };
  /** A companion's results by name, ID number and a code sent to the phone given at application. */
  'nat.reportQuery': { request: NatReportQueryRequest; response: NatReportQueryResponse };
  /** Surveys waiting for a bound patient's answers, one per finished visit. */
  'survey.pending': { request: SurveyPendingRequest; response: SurveyPendingResponse };
  /** One survey's questions. */
  'survey.get': { request: SurveyGetRequest; response: SurveyGetResponse };
  /** Answers go to the hospital, once per visit; the cloud keeps only that it was answered. */
  'survey.submit': { request: SurveySubmitRequest; response: SurveySubmitResponse };
  /** A bound patient's fiscal e-invoices, one per confirmed payment. */
  'invoice.list': { request: InvoiceListRequest; response: InvoiceListResponse };
  /** A temporary URL (10 minutes) of the invoice's PDF. */
  'invoice.download': { request: InvoiceDownloadRequest; response: InvoiceDownloadResponse };
  // push: subscription consents and 消息中心 (typings/push.ts)
  /** The hospital's subscription templates and which to ask for on each tap. */
  'subscribe.templates': { request: Record<string, never>; response: SubscribeTemplatesResponse };
  /** wx.requestSubscribeMessage's results: the quotas the cloud counts for the caller. */
  'subscribe.record': { request: SubscribeRecordRequest; response: SubscribeRecordResponse };
  /** 消息中心: every message for the caller's patients with its delivery state, newest first. */
  'message.list': { request: MessageListRequest; response: MessageListResponse };
  /** 消息中心 opened: the caller's messages count as read. */
  'message.read': { request: Record<string, never>; response: { unread: 0 } };
  // Identity: binding proves possession (an SMS code), privacy consent.
  /** The hospital sends a 6-digit code to the phone on file (the typed one for a person new to it). */
  'patient.sendCode': { request: PatientSendCodeRequest; response: PatientSendCodeResponse };
  /** The privacy guide in force and whether the caller consented. */
  'privacy.get': { request: PrivacyGetRequest; response: PrivacyGetResponse };
  /** Records the caller's consent to the privacy guide's version (before the first patient is added). */
  'privacy.consent': { request: PrivacyConsentRequest; response: PrivacyConsentResponse };
  // Records and reports (issue 13): live from the hospital, never stored in the cloud.
  /** 就诊记录: a bound patient's outpatient visits, newest first. */
  'visit.list': { request: VisitListRequest; response: VisitListResponse };
  /** A visit's outpatient record and prescriptions. */
  'visit.get': { request: VisitGetRequest; response: VisitGetResponse };
  /** 报告查询: lab, exam and pathology reports with their status. */
  'report.list': { request: ReportListRequest; response: ReportListResponse };
  /** A finished report (RULE_VIOLATION while pending). */
  'report.get': { request: ReportGetRequest; response: ReportGetResponse };
  /** A lab item's values across the patient's finished reports. */
  'report.trend': { request: ReportTrendRequest; response: ReportTrendResponse };
  // Inpatient (住院)
  /** Bind a stay of a bound patient by its 住院号 (a wrong number and another patient's answer alike). */
  'inpatient.bind': { request: InpatientBindRequest; response: InpatientBindResponse };
  /** The patient's bound stays: ward, bed, doctor, dates, deposits, charges, balance; current first. */
  'inpatient.list': { request: InpatientListRequest; response: InpatientListResponse };
  /** 每日清单: one day's charges of a bound stay, subtotals by category. */
  'inpatient.daily': { request: InpatientDailyRequest; response: InpatientDailyResponse };
  /** A deposit (100–50,000 yuan) for a bound stay in hospital, paid with WeChat Pay, confirmed at the hospital. */
  'inpatient.deposit': { request: InpatientDepositRequest; response: InpatientDepositResponse };
}

export type ActionName = keyof ApiActions;
export type ActionRequest<A extends ActionName> = ApiActions[A]['request'];
export type ActionResponse<A extends ActionName> = ApiActions[A]['response'];

/** What the mini program sends to the `api` cloud function. */
export interface ApiEvent<A extends ActionName = ActionName> {
  action: A;
  data: ActionRequest<A>;
}

/** What the `api` cloud function answers. */
export type ApiResult<A extends ActionName = ActionName> = Result<ActionResponse<A>>;
