/**
 * The sandbox hospital's after-the-visit services over HSB XML: a visit's survey answered once, an
 * invoice for every recorded payment with a real PDF, and test applications paid online or at the
 * sampling point.
 */
import type { HsbEnvelope } from '../../../typings/hsb';
import { confirmPayment, createVisit } from '../billing';
import { createHospital } from '../hospital';
import type { Hospital } from '../hospital';
import { callHsb, nthIdCard, patient } from '../testing';
import { buildRequest, parseEnvelope } from '../xml';
import { uppercaseYuan } from './invoice-pdf';
import { reportNat, sampleNat, writeNatTerms } from './nat';
import { surveyAnswers, surveyInvitationTime, surveysInvitedBetween } from './surveys';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;

let hospital: Hospital;
beforeEach(() => {
  hospital = createHospital({ seed: 7, now: '2026-11-26 09:30:00' });
  hospital.clock.freeze();
});
afterEach(() => hospital.close());

async function submit(patientId: string, surveyNo: string, answers: Record<string, string>[]): Promise<HsbEnvelope<Record<string, string>>> {
  const xml = await hospital.handle(buildRequest('SubmitSurvey', 'm1', '2026-11-26 09:30:00', { PatientId: patientId, SurveyNo: surveyNo, Answers: { Answer: answers } }));
  return parseEnvelope(xml) as HsbEnvelope<Record<string, string>>;
}

const FULL: Record<string, string>[] = [
  { QuestionId: 'Q1', Score: '5' },
  { QuestionId: 'Q2', Score: '4' },
  { QuestionId: 'Q3', Score: '3' },
  { QuestionId: 'Q4', Score: '5' },
  { QuestionId: 'Q5', Score: '4' },
  { QuestionId: 'Q6', Text: '挂号很方便' },
];

describe('surveys', () => {
  test('a finished visit leaves one survey, invited at 19:00 of the visit day, answered once', async () => {
    const patientId = await patient(hospital, 1);
    const visit = createVisit(hospital.db, 7, patientId, hospital.clock.now());
    if (!visit.ok) throw new Error('visit');
    const pending = await callHsb(hospital, 'QuerySurveys', { PatientId: patientId });
    const surveys = (pending.Body as { Surveys: { Survey: { SurveyNo: string; VisitNo: string; Deadline: string; Status: string }[] } }).Surveys.Survey;
    expect(surveys).toEqual([expect.objectContaining({ VisitNo: visit.visit.visitId, Deadline: '2026-12-03 23:59:59', Status: '0' })]);
    const surveyNo = surveys[0]!.SurveyNo;
    expect(surveyInvitationTime('2026-11-26')).toBe('2026-11-26 19:00:00');
    expect(surveysInvitedBetween(hospital.db, '2026-11-26 18:59:00', '2026-11-26 19:00:00')).toEqual([]);
    expect(surveysInvitedBetween(hospital.db, '2026-11-26 19:00:00', '2026-11-26 19:01:00').map((s) => s.surveyNo)).toEqual([surveyNo]);

    const got = await callHsb(hospital, 'GetSurvey', { PatientId: patientId, SurveyNo: surveyNo });
    expect((got.Body as { Questions: { Question: unknown[] } }).Questions.Question).toHaveLength(6);

    expect((await submit(patientId, surveyNo, [{ QuestionId: 'Q1', Score: '6' }])).Header.ResultCode).toBe('1002');
    expect((await submit(patientId, surveyNo, FULL.slice(1))).Header).toMatchObject({ ResultCode: '1002', ResultMessage: '请为“医生的诊疗与沟通”评分' });
    expect((await submit(patientId, surveyNo, [...FULL.slice(0, 5), { QuestionId: 'Q6', Text: '好'.repeat(201) }])).Header.ResultCode).toBe('1002');
    const answered = await submit(patientId, surveyNo, FULL);
    expect(answered.Header.ResultCode).toBe('0');
    expect(answered.Body).toEqual({ SurveyNo: surveyNo, AnswerTime: '2026-11-26 09:30:00' });
    expect(surveyAnswers(hospital.db, surveyNo)).toHaveLength(6);
    expect((await submit(patientId, surveyNo, FULL)).Header).toMatchObject({ ResultCode: '2001', ResultMessage: '该次就诊已评价，感谢您的反馈' });
    expect(surveyAnswers(hospital.db, surveyNo)).toHaveLength(6);
    const after = await callHsb(hospital, 'QuerySurveys', { PatientId: patientId });
    // An empty list is an empty container.
    expect(after.Body).toEqual({ Surveys: '' });
  });

  test('another patient’s survey is not found; past the deadline it is refused', async () => {
    const owner = await patient(hospital, 1);
    const other = await patient(hospital, 2);
    createVisit(hospital.db, 7, owner, hospital.clock.now());
    const surveyNo = hospital.db.prepare('SELECT survey_no FROM surveys').pluck().get() as string;
    expect((await callHsb(hospital, 'GetSurvey', { PatientId: other, SurveyNo: surveyNo })).Header.ResultCode).toBe('1001');
    expect((await submit(other, surveyNo, FULL)).Header.ResultCode).toBe('1001');
    hospital.clock.set(Date.parse('2026-12-03T16:00:00Z'), true); // 12-04 00:00 in Shanghai
    expect((await submit(owner, surveyNo, FULL)).Header).toMatchObject({ ResultCode: '2001', ResultMessage: '该问卷已过评价期限' });
  });
});

describe('e-invoices', () => {
  test('every recorded payment gets an invoice with its categories, and its PDF holds the amount', async () => {
    const patientId = await patient(hospital, 1);
    const visit = createVisit(hospital.db, 7, patientId, hospital.clock.now());
    if (!visit.ok) throw new Error('visit');
    const total = visit.visit.bills.reduce((s, b) => s + b.amount, 0);
    const paid = confirmPayment(hospital.db, { patientId, billNos: visit.visit.bills.map((b) => b.billId), totalFee: total, tradeNo: 'B0001TRADE', transactionId: 'T1', payTime: '2026-11-26 09:31:00' });
    expect(paid.ok).toBe(true);
    const listed = await callHsb(hospital, 'QueryInvoices', { PatientId: patientId });
    const invoices = (listed.Body as { Invoices: { Invoice: { InvoiceCode: string; InvoiceNumber: string; TotalFee: string; Title: string; Items: { Item: { Amount: string }[] } }[] } }).Invoices.Invoice;
    expect(invoices).toHaveLength(1);
    const invoice = invoices[0]!;
    expect(invoice).toMatchObject({ InvoiceCode: '33010126', InvoiceNumber: '0000000001', Title: '门诊缴费', TotalFee: (total / 100).toFixed(2) });
    expect(invoice.Items.Item.reduce((s, i) => s + Math.round(Number(i.Amount) * 100), 0)).toBe(total);

    const other = await patient(hospital, 2);
    const invoiceId = invoice.InvoiceCode + invoice.InvoiceNumber;
    expect((await callHsb(hospital, 'GetInvoicePdf', { PatientId: other, InvoiceId: invoiceId })).Header.ResultCode).toBe('1001');
    const pdf = await callHsb(hospital, 'GetInvoicePdf', { PatientId: patientId, InvoiceId: invoiceId });
    expect(pdf.Header.ResultCode).toBe('0');
    const bytes = Buffer.from((pdf.Body as { PdfData: string }).PdfData, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await pdfParse(bytes);
    expect(text).toContain(`¥${(total / 100).toFixed(2)}`);
    expect(text).toContain(uppercaseYuan(total));
    expect(text).toContain('测试1');
  });

  test('without the CJK font the hospital answers a clear error and keeps serving', async () => {
    const patientId = await patient(hospital, 1);
    const visit = createVisit(hospital.db, 7, patientId, hospital.clock.now());
    if (!visit.ok) throw new Error('visit');
    const total = visit.visit.bills.reduce((s, b) => s + b.amount, 0);
    confirmPayment(hospital.db, { patientId, billNos: visit.visit.bills.map((b) => b.billId), totalFee: total, tradeNo: 'B0002TRADE', transactionId: 'T2', payTime: '2026-11-26 09:31:00' });
    const saved = process.env.SANDBOX_CJK_FONT;
    process.env.SANDBOX_CJK_FONT = '/nonexistent/font.ttc';
    try {
      const answer = await callHsb(hospital, 'GetInvoicePdf', { PatientId: patientId, InvoiceId: '330101260000000001' });
      expect(answer.Header).toMatchObject({ ResultCode: '9999', ResultMessage: expect.stringContaining('fonts-noto-cjk') });
    } finally {
      if (saved === undefined) delete process.env.SANDBOX_CJK_FONT;
      else process.env.SANDBOX_CJK_FONT = saved;
    }
    expect((await callHsb(hospital, 'QueryInvoices', { PatientId: patientId })).Header.ResultCode).toBe('0');
  });

  test('大写金额', () => {
    expect(uppercaseYuan(12345)).toBe('壹佰贰拾叁元肆角伍分');
    expect(uppercaseYuan(10000)).toBe('壹佰元整');
    expect(uppercaseYuan(100005)).toBe('壹仟元零伍分');
    expect(uppercaseYuan(1000000050)).toBe('壹仟万元伍角');
    expect(uppercaseYuan(10010000)).toBe('壹拾万零壹佰元整');
    expect(uppercaseYuan(35)).toBe('零元叁角伍分');
  });
});

describe('test applications', () => {
  const person = { PersonName: '林小雨', IdCardNo: nthIdCard(500), Phone: '13900001111' };

  test('paid at the sampling point: applied, scanned (fee taken, invoice issued), reported', async () => {
    const patientId = await patient(hospital, 1);
    const applied = await callHsb(hospital, 'ApplyNat', { PatientId: patientId, Mode: '1' });
    const app = (applied.Body as { Application: { ApplicationNo: string; SampleCode: string; Fee: string; Status: string; PayMode: string } }).Application;
    expect(app).toMatchObject({ Fee: '16.00', Status: '1', PayMode: 'ONSITE' });
    // A double tap meets the same application.
    const again = await callHsb(hospital, 'ApplyNat', { PatientId: patientId, Mode: '1' });
    expect((again.Body as { Application: { ApplicationNo: string } }).Application.ApplicationNo).toBe(app.ApplicationNo);
    expect(sampleNat(hospital.db, 'NAT-WRONG', hospital.clock.now())).toMatchObject({ ok: false, reason: 'not_found' });
    expect(sampleNat(hospital.db, app.SampleCode, hospital.clock.now())).toMatchObject({ ok: true, paidOnsite: true });
    expect(sampleNat(hospital.db, app.SampleCode, hospital.clock.now())).toMatchObject({ ok: false, reason: 'sampled' });
    expect(reportNat(hospital.db, app.ApplicationNo, 'negative', hospital.clock.now())).toMatchObject({ ok: true });
    const list = await callHsb(hospital, 'QueryNatApplications', { PatientId: patientId });
    expect((list.Body as { Applications: { Application: unknown[] } }).Applications.Application).toEqual([expect.objectContaining({ Status: '3', Result: '1' })]);
    const invoices = await callHsb(hospital, 'QueryInvoices', { PatientId: patientId });
    expect((invoices.Body as { Invoices: { Invoice: unknown[] } }).Invoices.Invoice).toEqual([expect.objectContaining({ Title: '核酸检测', TotalFee: '16.00' })]);
    // Paid on site, not online: nothing for reconciliation.
    expect((await callHsb(hospital, 'QueryPayments', { Date: '2026-11-26' })).Body).toEqual({ Payments: '' });
  });

  test('paid online: unpaid until ConfirmNatPayment (idempotent by TradeNo), which records the payment and issues the invoice', async () => {
    writeNatTerms(hospital.db, { payMode: 'ONLINE' });
    const applied = await callHsb(hospital, 'ApplyNat', { ...person, Mode: '2' });
    const { PatientId, Application } = applied.Body as { PatientId: string; Application: { ApplicationNo: string; SampleCode: string; Status: string; Fee: string; PersonName: string } };
    expect(Application).toMatchObject({ Status: '0', Fee: '3.50', PersonName: '林小雨' });
    expect(sampleNat(hospital.db, Application.SampleCode, hospital.clock.now())).toMatchObject({ ok: false, reason: 'unpaid' });
    const pay = { PatientId, ApplicationNo: Application.ApplicationNo, TotalFee: '3.50', TradeNo: 'N000TRADE1', TransactionId: 'W1', PayTime: '2026-11-26 09:32:00', PayChannel: 'WECHAT' };
    expect((await callHsb(hospital, 'ConfirmNatPayment', { ...pay, TotalFee: '16.00' })).Header.ResultCode).toBe('2001');
    const first = await callHsb(hospital, 'ConfirmNatPayment', pay);
    expect(first.Header.ResultCode).toBe('0');
    const second = await callHsb(hospital, 'ConfirmNatPayment', pay);
    expect(second.Body).toEqual(first.Body);
    expect((await callHsb(hospital, 'ConfirmNatPayment', { ...pay, TradeNo: 'N000TRADE2' })).Header.ResultCode).toBe('2001');
    expect((await callHsb(hospital, 'QueryPayments', { Date: '2026-11-26' })).Body).toMatchObject({ Payments: { Payment: [expect.objectContaining({ TradeNo: 'N000TRADE1', TotalFee: '3.50' })] } });
    expect((await callHsb(hospital, 'QueryInvoices', { PatientId })).Body).toMatchObject({ Invoices: { Invoice: [expect.objectContaining({ Title: '核酸检测', TotalFee: '3.50' })] } });
    expect(sampleNat(hospital.db, Application.SampleCode, hospital.clock.now())).toMatchObject({ ok: true, paidOnsite: false });
  });

  test('bad input is refused with 1002; a known ID under another name with 2001', async () => {
    expect((await callHsb(hospital, 'ApplyNat', { ...person, Mode: '3' })).Header.ResultCode).toBe('1002');
    expect((await callHsb(hospital, 'ApplyNat', { ...person, Phone: '123', Mode: '1' })).Header.ResultCode).toBe('1002');
    expect((await callHsb(hospital, 'ApplyNat', { ...person, IdCardNo: '110105196001010011', Mode: '1' })).Header.ResultCode).toBe('1002');
    expect((await callHsb(hospital, 'ApplyNat', { Mode: '1' })).Header.ResultCode).toBe('1002');
    await callHsb(hospital, 'ApplyNat', { ...person, Mode: '1' });
    expect((await callHsb(hospital, 'ApplyNat', { ...person, PersonName: '林大雨', Mode: '1' })).Header.ResultCode).toBe('2001');
  });
});
