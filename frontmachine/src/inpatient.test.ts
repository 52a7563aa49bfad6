/**
 * The inpatient operations end to end: signed JSON in, HSB XML to the real sandbox hospital (on a
 * random port), whose ward controls admit and discharge. Stays, daily lists and deposits are live:
 * every read reaches the hospital, and a retried deposit is recorded once.
 */
import type { DailyList, HospitalStay } from '../../typings/inpatient';
import { hospitalInstant } from '../../miniprogram/core/time';
import { STAY_CATEGORY_LABELS } from '../../miniprogram/core/inpatient';
import type { RunningHospital } from '../../sandbox/hospital';
import { inpatientData } from '../../sandbox/hospital/inpatient';
import { validIdCard } from '../../sandbox/hospital/testing';
import type { RunningFrontMachine } from './index';
import { registerThroughCode, sandboxControl, signedCall, startAgainstSandbox, type AgainstSandbox } from '../testing/against-sandbox';

const T0 = hospitalInstant('2026-11-26 09:30:00');
const PAID_AT = '2026-11-26T02:00:00.000Z'; // 10:00 in Shanghai
const ADULT = validIdCard('11010519900307123');
const OTHER = validIdCard('44030519851201002');

interface Answer {
  status: number;
  body: { ok: boolean; data?: unknown; code?: string; message?: string; field?: string };
}

describe('inpatient stays, daily lists and deposits against the sandbox hospital', () => {
  let running: AgainstSandbox;
  let sandbox: RunningHospital;
  let fm: RunningFrontMachine;
  let logText: string[];
  let patientId: string;
  let admission: { stayId: string; admissionNo: string };

  const call = (operation: string, data: unknown, idempotencyKey?: string): Promise<Answer> => signedCall<Answer['body']>(fm.url, operation, data, T0, idempotencyKey);
  const hsbCalls = (service: string) => sandbox.hospital.stats.snapshot().calls[service] ?? 0;
  const register = (name: string, idCardNo: string) => registerThroughCode(running, { name, idCardNo, phone: '13812345678' }, T0);
  const deposit = (o: { amount: number; outTradeNo: string; stayId?: string; pid?: string }) =>
    call('inpatient.deposit', { patientId: o.pid ?? patientId, stayId: o.stayId ?? admission.stayId, amount: o.amount, outTradeNo: o.outTradeNo, transactionId: `4200${o.outTradeNo}`, paidAt: PAID_AT }, o.outTradeNo);

  beforeEach(async () => {
    running = await startAgainstSandbox(T0, { captureLog: true });
    ({ sandbox, fm, logText } = running);
    patientId = await register('王小明', ADULT);
    admission = (await sandboxControl(sandbox.url, '/sandbox/admissions', { patientId, deposit: 200_000 })) as unknown as typeof admission;
  });
  afterEach(() => running.close());

  it('finds the patient’s stay by 住院号, with ward, bed, doctor, times as ISO instants and money in fen', async () => {
    const answer = await call('inpatient.stay', { patientId, admissionNo: admission.admissionNo });
    const { stay } = answer.body.data as { stay: HospitalStay };
    expect(stay).toMatchObject({ stayId: admission.stayId, admissionNo: admission.admissionNo, patientId, status: 'in-hospital', admittedAt: '2026-11-26T01:30:00.000Z', dischargedAt: null, deposits: 200_000, settlement: null, lowBalanceThreshold: 100_000 });
    expect(inpatientData.wards.map((w) => w.name)).toContain(stay.wardName);
    expect(stay.balance).toBe(stay.deposits - stay.charges);
    expect(stay.doctorName).not.toBe('');

    const list = (await call('inpatient.stays', { patientId })).body.data as { stays: HospitalStay[] };
    expect(list.stays).toEqual([stay]);
  });

  it('answers a wrong number and another patient’s number alike: NOT_FOUND on admissionNo', async () => {
    const other = await register('李四', OTHER);
    const byOther = await call('inpatient.stay', { patientId: other, admissionNo: admission.admissionNo });
    const wrong = await call('inpatient.stay', { patientId, admissionNo: '39999999' });
    expect(byOther.body).toEqual({ ok: false, code: 'NOT_FOUND', message: '未找到该住院记录，请核对住院号', field: 'admissionNo' });
    expect(wrong.body).toEqual(byOther.body);
    expect((await call('inpatient.stay', { patientId, admissionNo: admission.admissionNo, stayId: admission.stayId })).body).toMatchObject({ code: 'INVALID_INPUT', field: 'admissionNo' });
    expect((await call('inpatient.daily', { patientId: other, stayId: admission.stayId, date: '2026-11-26' })).body).toMatchObject({ code: 'NOT_FOUND', field: 'stayId' });
  });

  it('reads a day’s list with subtotals by category, live each time, and refuses a date outside the stay', async () => {
    const first = (await call('inpatient.daily', { patientId, stayId: admission.stayId, date: '2026-11-26' })).body.data as DailyList;
    expect(first.items[0]).toMatchObject({ category: 'bed', name: '床位费', quantity: 1 });
    expect(first.subtotals.map((s) => s.category)[0]).toBe('bed');
    for (const s of first.subtotals) expect(s.amount).toBe(first.items.filter((i) => i.category === s.category).reduce((a, i) => a + i.amount, 0));
    expect(first.total).toBe(first.subtotals.reduce((a, s) => a + s.amount, 0));
    expect(Object.keys(STAY_CATEGORY_LABELS)).toEqual(expect.arrayContaining(first.subtotals.map((s) => s.category)));
    await call('inpatient.daily', { patientId, stayId: admission.stayId, date: '2026-11-26' });
    expect(hsbCalls('QueryInpatientDailyList')).toBe(2);

    const outside = await call('inpatient.daily', { patientId, stayId: admission.stayId, date: '2026-11-27' });
    expect(outside.body).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'date', message: '所选日期不在住院期间' });
    expect((await call('inpatient.daily', { patientId, stayId: admission.stayId, date: '2026-02-30' })).body).toMatchObject({ code: 'INVALID_INPUT', field: 'date' });
    // Item names are health data: none reaches the log.
    expect(logText.join('\n')).not.toContain(first.items[first.items.length - 1]!.name);
  });

  it('records a deposit once per key and outTradeNo, and refuses one for a discharged stay (the caller refunds)', async () => {
    const paid = await deposit({ amount: 100_000, outTradeNo: 'Z00000000000000000000001N1' });
    const receipt = paid.body.data as { receiptNo: string; stay: HospitalStay };
    expect(receipt.receiptNo).toMatch(/^SJ20261126\d{6}$/);
    expect(receipt.stay.deposits).toBe(300_000);
    const again = await deposit({ amount: 100_000, outTradeNo: 'Z00000000000000000000001N1' });
    expect(again.body).toEqual(paid.body);
    expect(hsbCalls('PayInpatientDeposit')).toBe(1);
    const payments = (await call('payment.list', { date: '2026-11-26' })).body.data as { payments: { outTradeNo: string; amount: number }[] };
    expect(payments.payments).toEqual([expect.objectContaining({ outTradeNo: 'Z00000000000000000000001N1', amount: 100_000 })]);

    await sandboxControl(sandbox.url, `/sandbox/admissions/${admission.admissionNo}/discharge`);
    const refused = await deposit({ amount: 100_000, outTradeNo: 'Z00000000000000000000002N1' });
    expect(refused.body).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'stayId' });
    const { stay } = (await call('inpatient.stay', { patientId, stayId: admission.stayId })).body.data as { stay: HospitalStay };
    expect(stay).toMatchObject({ status: 'discharged', deposits: 300_000, settlement: stay.balance });
  });

  it('refuses deposits without a key, with fractional or missing amounts, before the hospital', async () => {
    const data = { patientId, stayId: admission.stayId, amount: 100_000, outTradeNo: 'Z00000000000000000000003N1', transactionId: '4200x', paidAt: PAID_AT };
    expect((await call('inpatient.deposit', data)).status).toBe(400);
    expect((await call('inpatient.deposit', { ...data, amount: 100.5 }, 'k1')).body).toMatchObject({ code: 'INVALID_INPUT', field: 'amount' });
    expect((await call('inpatient.deposit', { ...data, amount: 0 }, 'k2')).body).toMatchObject({ code: 'INVALID_INPUT', field: 'amount' });
    expect((await call('inpatient.deposit', { ...data, stayId: undefined }, 'k3')).body).toMatchObject({ code: 'INVALID_INPUT', field: 'stayId' });
    expect(hsbCalls('PayInpatientDeposit')).toBe(0);
  });
});
