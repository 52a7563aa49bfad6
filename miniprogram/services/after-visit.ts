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
