/**
 * The inpatient actions against the emulated cloud and a stub ward: binding (no oracle), the list of
 * bound stays only (current first), the day's list, and deposits (limits, refused once discharged
 * with nothing placed, one order per tap until it is done, confirmed and refunded by the engine).
 */
import type { InpatientBindResponse, InpatientDepositResponse, InpatientListResponse } from '../../../../typings/inpatient';
import type { PatientAddResponse } from '../../../../typings/patient';
import { payOrder, resetCloudPay } from '../../../../sandbox/cloud/wx-server-sdk/cloudpay';
import { idCard } from '../../../testing/patient-hospital';
import { wardHospital, type WardHospital } from '../../../testing/ward-hospital';
import { dataOf, harness, type Harness } from '../../../testing/harness';

let h: Harness;
let ward: WardHospital;
let patientId: string;

async function addPatient(openid: string, first8: string): Promise<string> {
  return dataOf<PatientAddResponse>(await h.bind(openid, { name: '张小明', idCardNo: idCard(first8, 123), phone: '13812345678', relation: '本人' })).patientId;
}

beforeEach(async () => {
  ward = wardHospital(() => h.billing);
  h = harness({ answers: ward.answers });
  patientId = await addPatient('o-a', '19800101');
});
afterEach(() => resetCloudPay());

test('binds only a stay the hospital has for that patient; the list shows bound stays only, current first', async () => {
  const older = ward.admit(patientId);
  ward.discharge(older.stayId);
  ward.stays.set(older.stayId, { ...ward.stays.get(older.stayId)!, status: 'discharged', admittedAt: '2026-01-05T01:00:00.000Z' });
  const current = ward.admit(patientId);
  const unbound = ward.admit(patientId);
  ward.stays.set(unbound.stayId, { ...unbound, status: 'discharged' });

  expect(await h.call('o-a', 'inpatient.bind', { patientId, admissionNo: '39999999' })).toEqual({ ok: false, code: 'NOT_FOUND', message: '未找到该住院记录，请核对住院号', field: 'admissionNo' });
  for (const stay of [older, current]) dataOf<InpatientBindResponse>(await h.call('o-a', 'inpatient.bind', { patientId, admissionNo: ` ${stay.admissionNo} ` }));
  // Bound again: the same stay, still one index document.
  dataOf(await h.call('o-a', 'inpatient.bind', { patientId, admissionNo: current.admissionNo }));

  const { stays } = dataOf<InpatientListResponse>(await h.call('o-a', 'inpatient.list', { patientId }));
  expect(stays.map((s) => [s.stayId, s.status, s.canDeposit])).toEqual([
    [current.stayId, 'in-hospital', true],
    [older.stayId, 'discharged', false],
  ]);
  // Owing 480 yuan with a 1,000 yuan threshold: the card says the balance is low.
  expect(stays[0]).toMatchObject({ balance: -48_000, lowBalance: true, firstDate: '2026-03-09', lastDate: '2026-03-09' });
});

test('a patient with nothing bound lists nothing and asks the hospital nothing', async () => {
  ward.admit(patientId);
  h.fm.calls.length = 0;
  expect(dataOf<InpatientListResponse>(await h.call('o-a', 'inpatient.list', { patientId })).stays).toEqual([]);
  expect(h.fm.calls).toEqual([]);
});

test('deposits: limits, one order per tap until it is done, confirmed; refused before payment once discharged; refunded when the hospital refuses', async () => {
  const stay = ward.admit(patientId);
  dataOf(await h.call('o-a', 'inpatient.bind', { patientId, admissionNo: stay.admissionNo }));
  const deposit = (amount: unknown) => h.call('o-a', 'inpatient.deposit', { patientId, stayId: stay.stayId, amount } as never);

  for (const amount of [0, 9_999, 5_000_001, 12_345.5, '100000']) expect(await deposit(amount)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'amount' });
  expect(h.payCalls).toEqual([]);

  const first = dataOf<InpatientDepositResponse>(await deposit(100_000));
  expect(first.order).toMatchObject({ kind: 'inpatient-deposit', amount: 100_000, description: '住院押金', status: 'paying' });
  expect(dataOf<InpatientDepositResponse>(await deposit(100_000)).order.outTradeNo).toBe(first.order.outTradeNo);
  expect(first.order.outTradeNo).toMatch(/^Z[0-9a-f]{24}N1$/);

  await payOrder(first.order.outTradeNo);
  await h.advance(0);
  expect(await h.ports.ledger.get(first.order.outTradeNo)).toMatchObject({ status: 'confirmed', receiptNo: expect.any(String) });
  expect(ward.deposits.get(first.order.outTradeNo)?.amount).toBe(100_000);
  const listed = dataOf<InpatientListResponse>(await h.call('o-a', 'inpatient.list', { patientId })).stays[0];
  expect(listed).toMatchObject({ deposits: 100_000, balance: 52_000, lowBalance: true });

  // The same amount again is a new deposit; the ward discharges before it is paid: refused, refunded.
  const second = dataOf<InpatientDepositResponse>(await deposit(100_000));
  expect(second.order.outTradeNo).toMatch(/N2$/);
  ward.discharge(stay.stayId);
  await payOrder(second.order.outTradeNo);
  await h.advance(0);
  await h.advance(0);
  expect(await h.ports.ledger.get(second.order.outTradeNo)).toMatchObject({ status: 'refunded', refundAmount: 100_000 });
  expect(ward.deposits.has(second.order.outTradeNo)).toBe(false);

  // Discharged: refused before anything is placed at WeChat.
  const calls = h.payCalls.length;
  expect(await deposit(200_000)).toEqual({ ok: false, code: 'RULE_VIOLATION', message: '该住院已出院或正在办理出院结算，押金请到住院处办理', field: 'stayId' });
  expect(h.payCalls.length).toBe(calls);
});

test('a paid deposit not yet confirmed is not placed twice', async () => {
  const stay = ward.admit(patientId);
  dataOf(await h.call('o-a', 'inpatient.bind', { patientId, admissionNo: stay.admissionNo }));
  const placed = dataOf<InpatientDepositResponse>(await h.call('o-a', 'inpatient.deposit', { patientId, stayId: stay.stayId, amount: 200_000 }));
  h.billing.down = true;
  await payOrder(placed.order.outTradeNo);
  await h.advance(0);
  h.billing.down = false;
  expect(await h.ports.ledger.get(placed.order.outTradeNo)).toMatchObject({ status: 'paid' });
  expect(await h.call('o-a', 'inpatient.deposit', { patientId, stayId: stay.stayId, amount: 200_000 })).toMatchObject({ ok: false, code: 'CONFLICT', field: 'amount' });
});

test('the day’s list of a bound stay, with the stay for its header', async () => {
  const stay = ward.admit(patientId);
  dataOf(await h.call('o-a', 'inpatient.bind', { patientId, admissionNo: stay.admissionNo }));
  const day = await h.call('o-a', 'inpatient.daily', { patientId, stayId: stay.stayId, date: '2026-03-09' });
  expect(day).toMatchObject({ ok: true, data: { stayId: stay.stayId, date: '2026-03-09', total: 4500, subtotals: [{ category: 'bed', amount: 4500 }], stay: { stayId: stay.stayId, wardName: '呼吸科病区' } } });
  expect(await h.call('o-a', 'inpatient.daily', { patientId, stayId: stay.stayId, date: '2026-03-01' })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'date' });
});
