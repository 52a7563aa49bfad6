/**
 * After-the-visit services (issue 15): test applications (核酸检测), satisfaction surveys
 * (满意度调查) and fiscal e-invoices (医疗电子票据). Domain shapes, the API's requests and responses,
 * and the front machine's operations. Amounts are integers in fen; instants are ISO strings.
 */
import type { Fen, HospitalDate } from './hospital';
import type { OrderView, WxPaymentParams } from './payment';
import type { CodeChallenge } from './frontmachine';

// ---- test applications (核酸检测) ---------------------------------------------------------------

/** 单检 (one swab, one tube) or 混检 (pooled with others). */
export type NatMode = 'single' | 'mixed';
/** How the hospital takes the fee: online at application (through the payment engine) or at the sampling point. */
export type NatPayMode = 'online' | 'onsite';
/**
 * An application's life: `unpaid` (the online fee not yet paid; applying again meets the same
 * application) → `waiting` (to be sampled) → `sampled` → `reported`.
 */
export type NatStatus = 'unpaid' | 'waiting' | 'sampled' | 'reported';
export type NatResult = 'negative' | 'positive';

/** The hospital's terms: the price of each mode and where it is paid. */
export interface NatTerms {
  payMode: NatPayMode;
  fees: Record<NatMode, Fen>;
}

/** One application as the hospital keeps it. Results are clinical: passed through, never stored in the cloud. */
export interface NatApplication {
  applicationId: string;
  /** What the QR code at the sampling point shows. */
  code: string;
  mode: NatMode;
  fee: Fen;
  payMode: NatPayMode;
  status: NatStatus;
  result: NatResult | null;
  /** Masked name of the person tested. */
  personName: string;
  appliedAt: string;
  sampledAt: string | null;
  reportedAt: string | null;
}

/**
 * `nat.apply`: for a bound patient `{patientId, mode}`; for a companion or visitor who is no
 * patient `{name, idCardNo, phone, mode, challengeId, smsCode}` (the phone proven by a code).
 */
export interface NatApplyRequest {
  mode: NatMode;
  patientId?: string;
  name?: string;
  idCardNo?: string;
  phone?: string;
  challengeId?: string;
  smsCode?: string;
}
export interface NatApplyResponse {
  applicationId: string;
  code: string;
  fee: Fen;
  status: NatStatus;
  payMode: NatPayMode;
  /** Present where the hospital takes the fee online: the order and wx.requestPayment's parameters. */
  pay?: { order: OrderView; payment: WxPaymentParams };
}

/** `nat.terms`: the hospital's prices and where the fee is paid (hospital information, public). */
export type NatTermsRequest = Record<string, never>;
export type NatTermsResponse = NatTerms;

export interface NatListRequest {
  patientId: string;
}
export interface NatListResponse {
  applications: NatApplication[];
}

/**
 * `nat.sendCode`: a code by SMS, either to a visitor's typed phone before `nat.apply` (`{phone}`),
 * or to the phone given at a person's application before `nat.reportQuery` (`{name, idCardNo}`).
 */
export interface NatSendCodeRequest {
  phone?: string;
  name?: string;
  idCardNo?: string;
}
export type NatSendCodeResponse = CodeChallenge;

/** `nat.reportQuery`: a companion's results by name and ID plus a code sent to the phone given at application. */
export interface NatReportQueryRequest {
  name: string;
  idCardNo: string;
  challengeId: string;
  smsCode: string;
}
export interface NatReportQueryResponse {
  applications: NatApplication[];
}

// ---- satisfaction surveys (满意度调查) -----------------------------------------------------------

export type SurveyQuestionType = 'score' | 'text';

export interface SurveyQuestion {
  questionId: string;
  type: SurveyQuestionType;
  title: string;
}

/** A survey waiting for the patient's answers, one per finished visit. */
export interface PendingSurvey {
  surveyId: string;
  visitId: string;
  visitDate: HospitalDate;
  deptName: string;
  doctorName: string;
  /** The last instant answers are taken. */
  deadline: string;
}

export interface SurveyPendingRequest {
  patientId: string;
}
export interface SurveyPendingResponse {
  surveys: PendingSurvey[];
}

export interface SurveyGetRequest {
  patientId: string;
  surveyId: string;
}
export interface SurveyGetResponse {
  survey: PendingSurvey;
  questions: SurveyQuestion[];
  /** True once answered: a second submission is refused. */
  answered: boolean;
}

/** A score of 1–5 for a `score` question, a text of at most 200 characters for a `text` one. */
export interface SurveyAnswer {
  questionId: string;
  score?: number;
  text?: string;
}
export interface SurveySubmitRequest {
  patientId: string;
  surveyId: string;
  answers: SurveyAnswer[];
}
export interface SurveySubmitResponse {
  surveyId: string;
  answeredAt: string;
}

// ---- fiscal e-invoices (医疗电子票据) ------------------------------------------------------------

/** One line of an invoice: a charge category (西药费, 检查费, 挂号费 …) and its amount. */
export interface InvoiceItem {
  category: string;
  amount: Fen;
}

export interface Invoice {
  /** 票据代码 + 票据号码: the id to download it by. */
  invoiceId: string;
  /** 票据代码 (8 digits). */
  invoiceCode: string;
  /** 票据号码 (10 digits). */
  invoiceNumber: string;
  /** 校验码 (6 characters). */
  checkCode: string;
  /** Masked payer name. */
  payerName: string;
  /** What was paid for: 门诊缴费, 挂号, 核酸检测 … */
  title: string;
  items: InvoiceItem[];
  amount: Fen;
  issuedAt: string;
}

export interface InvoiceListRequest {
  patientId: string;
}
export interface InvoiceListResponse {
  invoices: Invoice[];
}

export interface InvoiceDownloadRequest {
  patientId: string;
  invoiceId: string;
}
export interface InvoiceDownloadResponse {
  /** A temporary URL of the PDF, valid until `expiresAt` (10 minutes). */
  url: string;
  expiresAt: string;
  fileName: string;
}

// ---- front machine operations (typings/frontmachine.ts joins these) -------------------------------

/** A person who is no bound patient (a companion, a visitor), as the hospital needs them for a test. */
export interface NatPerson {
  name: string;
  idCardNo: string;
  phone: string;
}

export interface ServicesOperations {
  'nat.terms': { request: Record<string, never>; response: NatTerms };
  /** WRITE. Exactly one of patientId / person. */
  'nat.apply': {
    request: { mode: NatMode; patientId?: string; person?: NatPerson };
    response: { application: NatApplication; patientId: string };
  };
  /** WRITE (Idempotency-Key: the outTradeNo). An online fee WeChat Pay took; RULE_VIOLATION → the caller refunds. */
  'nat.confirm': {
    request: { patientId: string; applicationId: string; amount: Fen; outTradeNo: string; transactionId: string; paidAt: string };
    response: { receiptNo: string; application: NatApplication };
  };
  'nat.list': { request: { patientId: string }; response: { applications: NatApplication[] } };
  'survey.pending': { request: { patientId: string }; response: { surveys: PendingSurvey[] } };
  'survey.get': { request: { patientId: string; surveyId: string }; response: SurveyGetResponse };
  /** WRITE. RULE_VIOLATION when answered before or past the deadline. */
  'survey.submit': { request: SurveySubmitRequest; response: SurveySubmitResponse };
  'invoice.list': { request: { patientId: string }; response: { invoices: Invoice[] } };
  /** The invoice's PDF, base64. */
  'invoice.pdf': { request: { patientId: string; invoiceId: string }; response: { fileName: string; pdfBase64: string } };
  /** A code to the phone given at the person's application (a decoy when there is none: the same answer). Limits as patient.sendCode. */
  'nat.reportCode': { request: { caller: string; name: string; idCardNo: string }; response: CodeChallenge };
  /** The person's applications once the code is right; any failure is RULE_VIOLATION with the neutral message. */
  'nat.report': { request: { caller: string; name: string; idCardNo: string; challengeId: string; code: string }; response: { applications: NatApplication[] } };
}
