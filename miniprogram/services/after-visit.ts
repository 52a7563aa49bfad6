/** Typed calls to the after-the-visit actions: tests (核酸), surveys (满意度调查), e-invoices (电子票据). */
import type { ApiResult } from '../../typings/api';
import type { NatMode, SurveyAnswer } from '../../typings/services';
import { callCloud } from './cloud';

/** The hospital's test prices and where the fee is paid. */
export function loadNatTerms(): Promise<ApiResult<'nat.terms'>> {
  return callCloud('nat.terms', {});
}

/** Applies for a bound patient; a double tap meets the same application. */
export function applyNat(patientId: string, mode: NatMode): Promise<ApiResult<'nat.apply'>> {
  return callCloud('nat.apply', { patientId, mode });
}

export function loadNatApplications(patientId: string): Promise<ApiResult<'nat.list'>> {
  return callCloud('nat.list', { patientId });
}

export function loadPendingSurveys(patientId: string): Promise<ApiResult<'survey.pending'>> {
  return callCloud('survey.pending', { patientId });
}

export function loadSurvey(patientId: string, surveyId: string): Promise<ApiResult<'survey.get'>> {
  return callCloud('survey.get', { patientId, surveyId });
}

export function submitSurvey(patientId: string, surveyId: string, answers: SurveyAnswer[]): Promise<ApiResult<'survey.submit'>> {
  return callCloud('survey.submit', { patientId, surveyId, answers });
}

export function loadInvoices(patientId: string): Promise<ApiResult<'invoice.list'>> {
  return callCloud('invoice.list', { patientId });
}

/** A temporary URL (10 minutes) of the invoice's PDF. */
export function invoiceUrl(patientId: string, invoiceId: string): Promise<ApiResult<'invoice.download'>> {
  return callCloud('invoice.download', { patientId, invoiceId });
}

/** An SMS code: to a visitor's typed phone (`{phone}`) or to the phone given at a person's application (`{name, idCardNo}`). */
export function sendNatCode(to: { phone: string } | { name: string; idCardNo: string }): Promise<ApiResult<'nat.sendCode'>> {
  return callCloud('nat.sendCode', to);
}

/** Applies for a companion or visitor who is no patient, the phone proven by the code. */
export function applyNatForVisitor(visitor: { name: string; idCardNo: string; phone: string; challengeId: string; smsCode: string }, mode: NatMode): Promise<ApiResult<'nat.apply'>> {
  return callCloud('nat.apply', { ...visitor, mode });
}

/** A companion's results, with the code sent to the phone given at application. */
export function queryNatReport(query: { name: string; idCardNo: string; challengeId: string; smsCode: string }): Promise<ApiResult<'nat.reportQuery'>> {
  return callCloud('nat.reportQuery', query);
}
