/**
 * HSB shapes → domain shapes of the after-the-visit services (typings/hsb-services.ts →
 * typings/services.ts): test applications, surveys, e-invoices. Names are masked here, so nothing
 * above the adapter sees a full name; results pass through, never cached.
 */
import type { HsbInvoice, HsbNatApplication, HsbSurvey, GetInvoicePdfResponse, GetSurveyResponse, QueryNatTermsResponse, SubmitSurveyResponse } from '../../../typings/hsb-services';
import type { Invoice, NatApplication, NatMode, NatResult, NatStatus, NatTerms, PendingSurvey, SurveyGetResponse, SurveyQuestion } from '../../../typings/services';
import { maskName } from '../../../miniprogram/core/mask';
import { HsbProtocolError } from './envelope';
import { hospitalDay, isNode, items, leaf, requiredLeaf, wallTimeInstant, yuanToFen, type XmlNode } from './fields';

function oneOf<T>(table: Record<string, T>, s: string, tag: string): T {
  if (!Object.hasOwn(table, s)) throw new HsbProtocolError(`<${tag}> "${s}" is not one of ${Object.keys(table).join(', ')}`);
  return table[s] as T;
}

function instant(wall: string, tag: string): string {
  const ms = wallTimeInstant(wall);
  if (ms === undefined) throw new HsbProtocolError(`<${tag}> "${wall}" is not a Shanghai wall time`);
  return new Date(ms).toISOString();
}

function optionalInstant(wall: string, tag: string): string | null {
  return wall === '' ? null : instant(wall, tag);
}

function node(body: XmlNode, tag: string): XmlNode {
  const n = body[tag];
  if (!isNode(n)) throw new HsbProtocolError(`<${tag}> is missing`);
  return n;
}

// ---- test applications

const PAY_MODES = { ONLINE: 'online', ONSITE: 'onsite' } as const;
const NAT_MODES: Record<string, NatMode> = { '1': 'single', '2': 'mixed' };
const NAT_STATUSES: Record<string, NatStatus> = { '0': 'unpaid', '1': 'waiting', '2': 'sampled', '3': 'reported' };
const NAT_RESULTS: Record<string, NatResult | null> = { '': null, '1': 'negative', '2': 'positive' };

export function toNatTerms(body: XmlNode): NatTerms {
  type T = QueryNatTermsResponse['NatTerms'];
  const t = node(body, 'NatTerms');
  return {
    payMode: oneOf(PAY_MODES, leaf<T>(t, 'PayMode'), 'PayMode'),
    fees: { single: yuanToFen(leaf<T>(t, 'SingleFee')), mixed: yuanToFen(leaf<T>(t, 'MixedFee')) },
  };
}

export function toNatApplication(a: XmlNode): NatApplication {
  type A = HsbNatApplication;
  const status = oneOf(NAT_STATUSES, leaf<A>(a, 'Status'), 'Status');
  const result = oneOf(NAT_RESULTS, leaf<A>(a, 'Result', true), 'Result');
  if ((status === 'reported') !== (result !== null)) throw new HsbProtocolError('<Result> does not match <Status>');
  return {
    applicationId: requiredLeaf<A>(a, 'ApplicationNo'),
    code: requiredLeaf<A>(a, 'SampleCode'),
    mode: oneOf(NAT_MODES, leaf<A>(a, 'Mode'), 'Mode'),
    fee: yuanToFen(leaf<A>(a, 'Fee')),
    payMode: oneOf(PAY_MODES, leaf<A>(a, 'PayMode'), 'PayMode'),
    status,
    result,
    personName: maskName(requiredLeaf<A>(a, 'PersonName')),
    appliedAt: instant(leaf<A>(a, 'ApplyTime'), 'ApplyTime'),
    sampledAt: optionalInstant(leaf<A>(a, 'SampleTime', true), 'SampleTime'),
    reportedAt: optionalInstant(leaf<A>(a, 'ReportTime', true), 'ReportTime'),
  };
}

export function toAppliedNat(body: XmlNode): { application: NatApplication; patientId: string } {
  return { patientId: requiredLeaf<{ PatientId: string }>(body, 'PatientId'), application: toNatApplication(node(body, 'Application')) };
}

export function toNatReceipt(body: XmlNode): { receiptNo: string; application: NatApplication } {
  return { receiptNo: requiredLeaf<{ ReceiptNo: string }>(body, 'ReceiptNo'), application: toNatApplication(node(body, 'Application')) };
}

export function toNatApplications(body: XmlNode): NatApplication[] {
  return items<{ Applications: unknown }>(body, 'Applications', 'Application').map(toNatApplication);
}

// ---- surveys

function toPendingSurvey(s: XmlNode): PendingSurvey {
  type S = HsbSurvey;
  return {
    surveyId: requiredLeaf<S>(s, 'SurveyNo'),
    visitId: requiredLeaf<S>(s, 'VisitNo'),
    visitDate: hospitalDay(leaf<S>(s, 'VisitDate'), 'VisitDate'),
    deptName: leaf<S>(s, 'DeptName'),
    doctorName: leaf<S>(s, 'DoctorName'),
    deadline: instant(leaf<S>(s, 'Deadline'), 'Deadline'),
  };
}

export function toPendingSurveys(body: XmlNode): PendingSurvey[] {
  return items<{ Surveys: unknown }>(body, 'Surveys', 'Survey').map(toPendingSurvey);
}

const QUESTION_TYPES = { '1': 'score', '2': 'text' } as const;

export function toSurvey(body: XmlNode): SurveyGetResponse {
  type Q = GetSurveyResponse['Questions']['Question'][number];
  const survey = node(body, 'Survey');
  const status = oneOf({ '0': 'pending', '1': 'answered', '2': 'expired' } as const, leaf<HsbSurvey>(survey, 'Status'), 'Status');
  const questions: SurveyQuestion[] = items<{ Questions: unknown }>(body, 'Questions', 'Question').map((q) => ({
    questionId: requiredLeaf<Q>(q, 'QuestionId'),
    type: oneOf(QUESTION_TYPES, leaf<Q>(q, 'Type'), 'Type'),
    title: requiredLeaf<Q>(q, 'Title'),
  }));
  return { survey: toPendingSurvey(survey), questions, answered: status === 'answered' };
}

export function toSurveySubmitted(body: XmlNode): { surveyId: string; answeredAt: string } {
  type R = SubmitSurveyResponse;
  return { surveyId: requiredLeaf<R>(body, 'SurveyNo'), answeredAt: instant(leaf<R>(body, 'AnswerTime'), 'AnswerTime') };
}

// ---- e-invoices

function toInvoice(i: XmlNode): Invoice {
  type I = HsbInvoice;
  const invoiceCode = requiredLeaf<I>(i, 'InvoiceCode');
  const invoiceNumber = requiredLeaf<I>(i, 'InvoiceNumber');
  const amount = yuanToFen(leaf<I>(i, 'TotalFee'));
  const lines = items<I>(i, 'Items', 'Item').map((item) => ({ category: requiredLeaf<{ Category: string }>(item, 'Category'), amount: yuanToFen(leaf<{ Amount: string }>(item, 'Amount')) }));
  if (lines.reduce((sum, l) => sum + l.amount, 0) !== amount) throw new HsbProtocolError('<Items> do not add up to <TotalFee>');
  return {
    invoiceId: `${invoiceCode}${invoiceNumber}`,
    invoiceCode,
    invoiceNumber,
    checkCode: requiredLeaf<I>(i, 'CheckCode'),
    payerName: maskName(requiredLeaf<I>(i, 'PayerName')),
    title: requiredLeaf<I>(i, 'Title'),
    items: lines,
    amount,
    issuedAt: instant(leaf<I>(i, 'IssueTime'), 'IssueTime'),
  };
}

export function toInvoices(body: XmlNode): Invoice[] {
  return items<{ Invoices: unknown }>(body, 'Invoices', 'Invoice').map(toInvoice);
}

export function toInvoicePdf(body: XmlNode): { fileName: string; pdfBase64: string } {
  type P = GetInvoicePdfResponse;
  const pdfBase64 = requiredLeaf<P>(body, 'PdfData');
  // A layout file that is not a PDF would reach the patient as a broken download.
  if (!Buffer.from(pdfBase64.slice(0, 12), 'base64').toString('latin1').startsWith('%PDF-')) throw new HsbProtocolError('<PdfData> is not a PDF');
  return { fileName: requiredLeaf<P>(body, 'FileName'), pdfBase64 };
}
