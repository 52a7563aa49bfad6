/**
 * Journeys through every layer for the after-the-visit services (issue 15): mini program's calls →
 * local cloud `api` → front machine → HSB XML → sandbox hospital. A visit's survey answered once; a
 * payment's e-invoice downloaded as a real PDF from a temporary URL; tests applied, sampled,
 * reported and listed (paid at the sampling point, and online through the payment engine).
 * Another account reaches none of it.
 */
import type { BillPayResponse, OrderView } from '../../typings/payment';
import type { InvoiceDownloadResponse, InvoiceListResponse, NatApplyResponse, NatListResponse, SurveyGetResponse, SurveyPendingResponse } from '../../typings/services';
import type { ApiResult } from '../../typings/api';
import type { RunningStack } from '../../scripts/stack';
import { database } from '../../sandbox/cloud/wx-server-sdk';
import { data, journeyStack, orderAfter, post } from '../support/journey';
import { bindPatient, idCard, pdfText } from './support';
import { sandboxInbox } from '../../scripts/bind-patient';

// 2026-11-26 10:00 in Shanghai (02:00Z).
const NOW = Date.parse('2026-11-26T02:00:00.000Z');
const journey = journeyStack(NOW, 15);
const callA = journey.client('services-a');
const callB = journey.client('services-b');
let stack: RunningStack;
let patientA: string;
let patientB: string;
beforeAll(async () => {
  ({ stack } = journey);
  patientA = await bindPatient(callA, { name: '陈建国', idCardNo: idCard('34010419860214571'), phone: '13812345678' }, stack.hospitalUrl);
  patientB = await bindPatient(callB, { name: '王丽', idCardNo: idCard('11010519900307002'), phone: '13900001111' }, stack.hospitalUrl);
});

function failure(r: ApiResult): { code: string; field?: string } {
  if (r.ok) throw new Error('expected a failure');
  return { code: r.code, field: r.field };
}

const ANSWERS = [
  { questionId: 'Q1', score: 5 },
  { questionId: 'Q2', score: 4 },
  { questionId: 'Q3', score: 3 },
  { questionId: 'Q4', score: 5 },
  { questionId: 'Q5', score: 4 },
  { questionId: 'Q6', text: '医生很耐心' },
];

test('a finished visit leaves a survey the patient answers once; the answers go to the hospital, the cloud keeps only that it was answered', async () => {
  const visit = await post(`${stack.hospitalUrl}/sandbox/visits`, { patientId: patientA });
  expect(visit.status).toBe(200);
  const { surveys } = data<SurveyPendingResponse>(await callA('survey.pending', { patientId: patientA }));
  expect(surveys).toEqual([expect.objectContaining({ visitId: visit.json.visitId, visitDate: '2026-11-26', deadline: '2026-12-03T15:59:59.000Z' })]);
  const surveyId = surveys[0]!.surveyId;

  const got = data<SurveyGetResponse>(await callA('survey.get', { patientId: patientA, surveyId }));
  expect(got.answered).toBe(false);
  expect(got.questions.map((q) => q.type)).toEqual(['score', 'score', 'score', 'score', 'score', 'text']);

  // Bad input is named, never INTERNAL.
  expect(failure(await callA('survey.submit', { patientId: patientA, surveyId, answers: [{ questionId: 'Q1', score: 6 }] }))).toEqual({ code: 'INVALID_INPUT', field: 'answers.0.score' });
  expect(failure(await callA('survey.submit', { patientId: patientA, surveyId, answers: [{ questionId: 'Q1', score: 0 }] }))).toEqual({ code: 'INVALID_INPUT', field: 'answers.0.score' });
  expect(failure(await callA('survey.submit', { patientId: patientA, surveyId, answers: [...ANSWERS.slice(0, 5), { questionId: 'Q6', text: '好'.repeat(201) }] }))).toEqual({ code: 'INVALID_INPUT', field: 'answers.5.text' });
  expect(failure(await callA('survey.submit', { patientId: patientA, surveyId, answers: ANSWERS.slice(1) }))).toEqual({ code: 'INVALID_INPUT', field: 'answers' });

  // Another account: FORBIDDEN for A's patient, NOT_FOUND for A's survey under its own patient.
  expect(failure(await callB('survey.get', { patientId: patientA, surveyId }))).toEqual({ code: 'FORBIDDEN', field: 'patientId' });
  expect(failure(await callB('survey.submit', { patientId: patientA, surveyId, answers: ANSWERS }))).toEqual({ code: 'FORBIDDEN', field: 'patientId' });
  expect(failure(await callB('survey.get', { patientId: patientB, surveyId }))).toMatchObject({ code: 'NOT_FOUND' });
  expect(failure(await callB('survey.submit', { patientId: patientB, surveyId, answers: ANSWERS }))).toMatchObject({ code: 'NOT_FOUND' });

  const submitted = data<{ surveyId: string; answeredAt: string }>(await callA('survey.submit', { patientId: patientA, surveyId, answers: ANSWERS }));
  // Answered on the hospital's clock, which runs on from the journey's start.
  expect(submitted).toEqual({ surveyId, answeredAt: expect.stringMatching(/^2026-11-26T02:0\d:\d\d\.000Z$/) });
  expect(failure(await callA('survey.submit', { patientId: patientA, surveyId, answers: ANSWERS.map((a) => ({ ...a, score: a.score && 1 })) }))).toMatchObject({ code: 'RULE_VIOLATION' });
  expect(data<SurveyPendingResponse>(await callA('survey.pending', { patientId: patientA })).surveys).toEqual([]);
  expect(data<SurveyGetResponse>(await callA('survey.get', { patientId: patientA, surveyId })).answered).toBe(true);

  const atHospital = await fetch(`${stack.hospitalUrl}/sandbox/surveys/${surveyId}`).then((r) => r.json() as Promise<{ answers: { questionId: string; score: number | null; text: string | null }[] }>);
  expect(atHospital.answers).toContainEqual({ questionId: 'Q1', score: 5, text: null });
  expect(atHospital.answers).toContainEqual({ questionId: 'Q6', score: null, text: '医生很耐心' });
  const mark = (await database({ throwOnNotFound: false }).collection('surveyMarks').doc(surveyId).get()).data as Record<string, unknown>;
  expect(Object.keys(mark).sort()).toEqual(['_id', 'answeredAt', 'openid', 'patientId']);
});

test('a confirmed payment gets the hospital’s e-invoice: listed, downloaded from a 10-minute URL as a PDF holding the amount', async () => {
  const visit = await post(`${stack.hospitalUrl}/sandbox/visits`, { patientId: patientA });
  const billIds = (visit.json as { bills: { billId: string }[] }).bills.map((b) => b.billId);
  const { order } = data<BillPayResponse>(await callA('bill.pay', { patientId: patientA, billIds }));
  expect(await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: order.outTradeNo })).toMatchObject({ status: 200 });
  const confirmed = await orderAfter(callA, order.outTradeNo, ['paying', 'paid']);
  expect(confirmed.status).toBe('confirmed');

  const { invoices } = data<InvoiceListResponse>(await callA('invoice.list', { patientId: patientA }));
  const invoice = invoices.find((i) => i.amount === order.amount && i.title === '门诊缴费');
  expect(invoice).toMatchObject({ payerName: '陈*国', invoiceCode: '33010126', checkCode: expect.stringMatching(/^[0-9A-F]{6}$/) });
  expect(invoice!.items.reduce((s, i) => s + i.amount, 0)).toBe(order.amount);

  const download = data<InvoiceDownloadResponse>(await callA('invoice.download', { patientId: patientA, invoiceId: invoice!.invoiceId }));
  expect(Date.parse(download.expiresAt) - NOW).toBeGreaterThanOrEqual(600_000);
  const res = await fetch(download.url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(await pdfText(bytes)).toContain(`¥${(order.amount / 100).toFixed(2)}`);

  // Another account: FORBIDDEN for A's patient, NOT_FOUND for A's invoice under its own patient.
  expect(failure(await callB('invoice.list', { patientId: patientA }))).toEqual({ code: 'FORBIDDEN', field: 'patientId' });
  expect(failure(await callB('invoice.download', { patientId: patientA, invoiceId: invoice!.invoiceId }))).toEqual({ code: 'FORBIDDEN', field: 'patientId' });
  expect(failure(await callB('invoice.download', { patientId: patientB, invoiceId: invoice!.invoiceId }))).toMatchObject({ code: 'NOT_FOUND' });
  expect(failure(await callA('invoice.download', { patientId: patientA, invoiceId: 'abc' }))).toEqual({ code: 'INVALID_INPUT', field: 'invoiceId' });

  // A forged signature is refused; once its ten minutes are over, the URL has expired.
  expect((await fetch(download.url.replace(/sign=[^&]+/, 'sign=forged'))).status).toBe(403);
  expect(await post(`${stack.cloudUrl}/sandbox/clock`, { now: Date.parse(download.expiresAt) + 1000 })).toMatchObject({ status: 200 });
  expect((await fetch(download.url)).status).toBe(403);
  expect(await post(`${stack.cloudUrl}/sandbox/clock`, { now: NOW })).toMatchObject({ status: 200 });
});

test('a test paid at the sampling point: applied, the code scanned (fee taken, invoice issued), reported and listed', async () => {
  expect(data(await callA('nat.terms', {}))).toEqual({ payMode: 'onsite', fees: { single: 1600, mixed: 350 } });
  expect(failure(await callA('nat.apply', { patientId: patientA, mode: 'double' as 'single' }))).toEqual({ code: 'INVALID_INPUT', field: 'mode' });
  expect(failure(await callB('nat.apply', { patientId: patientA, mode: 'single' }))).toEqual({ code: 'FORBIDDEN', field: 'patientId' });
  expect(failure(await callB('nat.list', { patientId: patientA }))).toEqual({ code: 'FORBIDDEN', field: 'patientId' });

  const applied = data<NatApplyResponse>(await callA('nat.apply', { patientId: patientA, mode: 'single' }));
  expect(applied).toMatchObject({ fee: 1600, status: 'waiting', payMode: 'onsite', code: expect.stringMatching(/^NAT/) });
  expect(applied.pay).toBeUndefined();
  // A double tap meets the same application.
  expect(data<NatApplyResponse>(await callA('nat.apply', { patientId: patientA, mode: 'single' })).applicationId).toBe(applied.applicationId);

  expect(await post(`${stack.hospitalUrl}/sandbox/nat/sample`, { code: applied.code })).toMatchObject({ status: 200, json: { paidOnsite: true, status: 'sampled' } });
  expect(data<NatListResponse>(await callA('nat.list', { patientId: patientA })).applications[0]).toMatchObject({ status: 'sampled', result: null });
  expect(await post(`${stack.hospitalUrl}/sandbox/nat/result`, { applicationId: applied.applicationId, result: 'negative' })).toMatchObject({ status: 200 });
  const [listed] = data<NatListResponse>(await callA('nat.list', { patientId: patientA })).applications;
  expect(listed).toMatchObject({ applicationId: applied.applicationId, mode: 'single', status: 'reported', result: 'negative', personName: '陈*国' });
  const { invoices } = data<InvoiceListResponse>(await callA('invoice.list', { patientId: patientA }));
  expect(invoices[0]).toMatchObject({ title: '核酸检测', amount: 1600, items: [{ category: '化验费', amount: 1600 }] });
});

test('a test paid online: the fee is an order through the payment engine, confirmed at the hospital before sampling', async () => {
  expect(await post(`${stack.hospitalUrl}/sandbox/nat/terms`, { payMode: 'online' })).toMatchObject({ status: 200 });
  const applied = data<NatApplyResponse>(await callA('nat.apply', { patientId: patientA, mode: 'mixed' }));
  expect(applied).toMatchObject({ fee: 350, status: 'unpaid', payMode: 'online' });
  expect(applied.pay?.order).toMatchObject({ kind: 'test-application', amount: 350, description: '核酸检测费', status: 'paying' });
  expect(await post(`${stack.hospitalUrl}/sandbox/nat/sample`, { code: applied.code })).toMatchObject({ status: 409 });

  expect(await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: applied.pay!.order.outTradeNo })).toMatchObject({ status: 200 });
  const order: OrderView = await orderAfter(callA, applied.pay!.order.outTradeNo, ['paying', 'paid']);
  expect(order).toMatchObject({ status: 'confirmed', receiptNo: expect.any(String) });
  const app = data<NatListResponse>(await callA('nat.list', { patientId: patientA })).applications.find((a) => a.applicationId === applied.applicationId);
  expect(app).toMatchObject({ status: 'waiting', payMode: 'online' });
  expect(await post(`${stack.hospitalUrl}/sandbox/nat/sample`, { code: applied.code })).toMatchObject({ status: 200, json: { paidOnsite: false } });
  const { invoices } = data<InvoiceListResponse>(await callA('invoice.list', { patientId: patientA }));
  expect(invoices[0]).toMatchObject({ title: '核酸检测', amount: 350 });
  expect(await post(`${stack.hospitalUrl}/sandbox/nat/terms`, { payMode: 'onsite' })).toMatchObject({ status: 200 });
});

test('a visitor who is no patient applies with a phone proven by the hospital’s code; a companion’s result is found only with a code sent to the phone given at application', async () => {
  const callC = journey.client('services-c');
  const inbox = sandboxInbox(stack.hospitalUrl);
  const visitor = { name: '林小雨', idCardNo: idCard('11010519880412002'), phone: '13700002222' };

  // No code yet, or a wrong one: nothing is applied for.
  expect(failure(await callB('nat.apply', { ...visitor, mode: 'single' }))).toEqual({ code: 'INVALID_INPUT', field: 'challengeId' });
  const sent = data<{ challengeId: string; sentTo: string }>(await callB('nat.sendCode', { phone: visitor.phone }));
  expect(sent.sentTo).toBe('137****2222');
  expect(failure(await callB('nat.apply', { ...visitor, mode: 'single', challengeId: sent.challengeId, smsCode: '12345' }))).toEqual({ code: 'INVALID_INPUT', field: 'smsCode' });
  const code = await inbox(visitor.phone, sent.challengeId);
  expect(code).toMatch(/^\d{6}$/);
  const wrong = code === '000000' ? '111111' : '000000';
  expect(failure(await callB('nat.apply', { ...visitor, mode: 'single', challengeId: sent.challengeId, smsCode: wrong }))).toMatchObject({ code: 'RULE_VIOLATION' });
  // Another account cannot use B's challenge.
  expect(failure(await callC('nat.apply', { ...visitor, mode: 'single', challengeId: sent.challengeId, smsCode: code! }))).toMatchObject({ code: 'RULE_VIOLATION' });

  const applied = data<NatApplyResponse>(await callB('nat.apply', { ...visitor, mode: 'single', challengeId: sent.challengeId, smsCode: code! }));
  expect(applied).toMatchObject({ status: 'waiting', fee: 1600, payMode: 'onsite' });
  // The code is used up.
  expect(failure(await callB('nat.apply', { ...visitor, mode: 'mixed', challengeId: sent.challengeId, smsCode: code! }))).toMatchObject({ code: 'RULE_VIOLATION' });
  expect(await post(`${stack.hospitalUrl}/sandbox/nat/sample`, { code: applied.code })).toMatchObject({ status: 200 });
  expect(await post(`${stack.hospitalUrl}/sandbox/nat/result`, { applicationId: applied.applicationId, result: 'negative' })).toMatchObject({ status: 200 });

  // A companion's query: name and ID alone find nothing.
  const asked = data<{ challengeId: string; sentTo: string }>(await callC('nat.sendCode', { name: visitor.name, idCardNo: visitor.idCardNo }));
  expect(asked.sentTo).toBe('申请检测时填写的手机号');
  expect(failure(await callC('nat.reportQuery', { name: visitor.name, idCardNo: visitor.idCardNo, challengeId: asked.challengeId, smsCode: wrong }))).toMatchObject({ code: 'RULE_VIOLATION' });
  const reportCode = await inbox(visitor.phone, asked.challengeId);
  expect(reportCode).toMatch(/^\d{6}$/);
  const { applications } = data<NatListResponse>(await callC('nat.reportQuery', { name: visitor.name, idCardNo: visitor.idCardNo, challengeId: asked.challengeId, smsCode: reportCode! }));
  expect(applications).toEqual([expect.objectContaining({ applicationId: applied.applicationId, status: 'reported', result: 'negative', personName: '林*雨' })]);

  // Someone with no application: the same answer, and no code reaches anyone, so nothing is ever found.
  const stranger = { name: '赵无名', idCardNo: idCard('11010519700101003') };
  const decoy = data<{ challengeId: string; sentTo: string }>(await callC('nat.sendCode', stranger));
  expect(decoy.sentTo).toBe(asked.sentTo);
  for (const guess of ['000000', '123456']) {
    expect(failure(await callC('nat.reportQuery', { ...stranger, challengeId: decoy.challengeId, smsCode: guess }))).toMatchObject({ code: 'RULE_VIOLATION' });
  }
  expect(failure(await callC('nat.reportQuery', { ...stranger, idCardNo: '123', challengeId: decoy.challengeId, smsCode: '000000' }))).toEqual({ code: 'INVALID_INPUT', field: 'idCardNo' });
});
