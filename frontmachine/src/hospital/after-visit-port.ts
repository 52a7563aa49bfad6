/**
 * The after-the-visit questions the front machine asks the hospital (issue 15): test applications
 * (LIS), satisfaction surveys and fiscal e-invoices. Part of the Hospital port (port.ts). All
 * personal and live: never cached.
 */
import type { OperationRequest, OperationResponse } from '../../../typings/frontmachine';
import type { Invoice, NatApplication, NatTerms, PendingSurvey, SurveyGetResponse } from '../../../typings/services';

/** An application for a bound patient (`patientId`) or a person who is none (`person`), exactly one. */
export type NatApplicationRequest = OperationRequest<'nat.apply'>;
/** An online test fee WeChat Pay took (amount in fen, `paidAt` ISO). */
export type NatPaymentConfirmation = OperationRequest<'nat.confirm'>;
export type SurveySubmission = OperationRequest<'survey.submit'>;

export interface AfterVisitHospital {
  /** The test prices and whether the fee is paid online or at the sampling point. */
  natTerms(): Promise<NatTerms>;
  /** Applies (a live application of the same person and mode is answered again); NOT_FOUND (patientId), INVALID_INPUT, RULE_VIOLATION (name). */
  applyNat(request: NatApplicationRequest): Promise<OperationResponse<'nat.apply'>>;
  /** Records an online test fee, idempotent by outTradeNo; RULE_VIOLATION → the caller refunds. */
  confirmNat(confirmation: NatPaymentConfirmation): Promise<OperationResponse<'nat.confirm'>>;
  /** A patient's applications, newest first, with results. */
  natApplications(patientId: string): Promise<NatApplication[]>;
  /** A patient's surveys still to answer. */
  pendingSurveys(patientId: string): Promise<PendingSurvey[]>;
  /** One of the patient's surveys; another patient's → NOT_FOUND (field surveyId). */
  survey(patientId: string, surveyId: string): Promise<SurveyGetResponse>;
  /** Answers once; RULE_VIOLATION (field surveyId) when answered before or past the deadline. */
  submitSurvey(submission: SurveySubmission): Promise<OperationResponse<'survey.submit'>>;
  /** A patient's fiscal e-invoices, newest first. */
  invoices(patientId: string): Promise<Invoice[]>;
  /** A code to the phone given at the person's application (a decoy when there is none); LIMIT_REACHED when sent too often. */
  natReportCode(request: OperationRequest<'nat.reportCode'>): Promise<OperationResponse<'nat.reportCode'>>;
  /** The person's applications once the code is right; else RULE_VIOLATION with the neutral message. */
  natReport(request: OperationRequest<'nat.report'>): Promise<NatApplication[]>;
  /** The invoice's PDF; another patient's → NOT_FOUND (field invoiceId). */
  invoicePdf(patientId: string, invoiceId: string): Promise<OperationResponse<'invoice.pdf'>>;
}
