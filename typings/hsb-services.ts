/**
 * HSB messages of the after-the-visit services (issue 15): test applications (LIS), satisfaction
 * surveys and fiscal e-invoices. Same conventions as typings/hsb.ts: every leaf a string, money in
 * yuan ("16.00"), times Shanghai wall time, repeated elements always arrays.
 */
import type { HsbYuan } from './hsb';

// ---- test applications (核酸检测) ---------------------------------------------------------------

/** Mode 1 单检, 2 混检; PayMode ONLINE (paid at application) or ONSITE (paid at the sampling point). */
export interface QueryNatTermsResponse {
  NatTerms: { PayMode: 'ONLINE' | 'ONSITE'; SingleFee: HsbYuan; MixedFee: HsbYuan };
}

/**
 * Status 0 unpaid (online fee due), 1 waiting for sampling, 2 sampled, 3 reported;
 * Result "" until reported, 1 negative, 2 positive. PersonName is the person tested (full: the HSB is trusted).
 */
export interface HsbNatApplication {
  ApplicationNo: string;
  SampleCode: string;
  Mode: '1' | '2';
  Fee: HsbYuan;
  PayMode: 'ONLINE' | 'ONSITE';
  Status: '0' | '1' | '2' | '3';
  Result: '' | '1' | '2';
  PersonName: string;
  ApplyTime: string;
  SampleTime: string;
  ReportTime: string;
}

/** Exactly one of PatientId and the person (PersonName, IdCardNo, Phone): a person is found or registered by ID number. */
export interface ApplyNatRequest {
  Mode: '1' | '2';
  PatientId?: string;
  PersonName?: string;
  IdCardNo?: string;
  Phone?: string;
}
export interface ApplyNatResponse {
  PatientId: string;
  Application: HsbNatApplication;
}

/** An online fee WeChat Pay took; idempotent by TradeNo; an application not unpaid or a wrong fee → 2001 (the caller refunds). */
export interface ConfirmNatPaymentRequest {
  PatientId: string;
  ApplicationNo: string;
  TotalFee: HsbYuan;
  TradeNo: string;
  TransactionId: string;
  PayTime: string;
  PayChannel: 'WECHAT';
}
export interface ConfirmNatPaymentResponse {
  ReceiptNo: string;
  Application: HsbNatApplication;
}

export interface QueryNatApplicationsRequest {
  PatientId: string;
}
export interface QueryNatApplicationsResponse {
  Applications: { Application: HsbNatApplication[] };
}

// ---- satisfaction surveys (满意度调查) -----------------------------------------------------------

/** Status 0 pending, 1 answered, 2 expired (past Deadline). */
export interface HsbSurvey {
  SurveyNo: string;
  VisitNo: string;
  VisitDate: string;
  DeptName: string;
  DoctorName: string;
  Deadline: string;
  Status: '0' | '1' | '2';
}

export interface QuerySurveysRequest {
  PatientId: string;
}
/** Pending surveys only, newest visit first. */
export interface QuerySurveysResponse {
  Surveys: { Survey: HsbSurvey[] };
}

export interface GetSurveyRequest {
  PatientId: string;
  SurveyNo: string;
}
/** Type 1 a score 1–5, 2 a text. */
export interface GetSurveyResponse {
  Survey: HsbSurvey;
  Questions: { Question: { QuestionId: string; Type: '1' | '2'; Title: string }[] };
}

/** Every score question answered (Score 1–5), text optional (at most 200 characters); once per survey (2001 after). */
export interface SubmitSurveyRequest {
  PatientId: string;
  SurveyNo: string;
  Answers: { Answer: { QuestionId: string; Score?: string; Text?: string }[] };
}
export interface SubmitSurveyResponse {
  SurveyNo: string;
  AnswerTime: string;
}

// ---- fiscal e-invoices (医疗电子票据) ------------------------------------------------------------

export interface HsbInvoice {
  InvoiceCode: string;
  InvoiceNumber: string;
  CheckCode: string;
  PayerName: string;
  Title: string;
  TotalFee: HsbYuan;
  IssueTime: string;
  Items: { Item: { Category: string; Amount: HsbYuan }[] };
}

export interface QueryInvoicesRequest {
  PatientId: string;
}
/** Newest first. */
export interface QueryInvoicesResponse {
  Invoices: { Invoice: HsbInvoice[] };
}

/** InvoiceId = InvoiceCode + InvoiceNumber; another patient's → 1001. */
export interface GetInvoicePdfRequest {
  PatientId: string;
  InvoiceId: string;
}
/** PdfData: the PDF, base64. */
export interface GetInvoicePdfResponse {
  FileName: string;
  PdfData: string;
}

/** The services of this file, joined into `HsbServices`. */
export interface HsbAfterVisitServices extends HsbNatReportServices {
  QueryNatTerms: { request: Record<string, never>; response: QueryNatTermsResponse };
  ApplyNat: { request: ApplyNatRequest; response: ApplyNatResponse };
  ConfirmNatPayment: { request: ConfirmNatPaymentRequest; response: ConfirmNatPaymentResponse };
  QueryNatApplications: { request: QueryNatApplicationsRequest; response: QueryNatApplicationsResponse };
  QuerySurveys: { request: QuerySurveysRequest; response: QuerySurveysResponse };
  GetSurvey: { request: GetSurveyRequest; response: GetSurveyResponse };
  SubmitSurvey: { request: SubmitSurveyRequest; response: SubmitSurveyResponse };
  QueryInvoices: { request: QueryInvoicesRequest; response: QueryInvoicesResponse };
  GetInvoicePdf: { request: GetInvoicePdfRequest; response: GetInvoicePdfResponse };
}

// ---- a companion's results, by a code sent to the phone given at application ---------------------

/** The code goes to the phone of the person's latest application (none: a decoy); the answer never says which. */
export interface SendNatReportCodeRequest {
  PersonName: string;
  IdCardNo: string;
  Caller: string;
}
export interface SendNatReportCodeResponse {
  Challenge: { ChallengeNo: string; SentTo: string; ExpireTime: string; ResendTime: string };
}

/** The person's applications once the code is right; any failure is 2001 with the neutral message. */
export interface QueryNatReportRequest {
  PersonName: string;
  IdCardNo: string;
  Caller: string;
  ChallengeNo: string;
  VerifyCode: string;
}
export type QueryNatReportResponse = QueryNatApplicationsResponse;

export interface HsbNatReportServices {
  SendNatReportCode: { request: SendNatReportCodeRequest; response: SendNatReportCodeResponse };
  QueryNatReport: { request: QueryNatReportRequest; response: QueryNatReportResponse };
}
