/**
 * Journey through every layer with money: a visit leaves bills at the sandbox hospital → bill.list →
 * bill.pay (local cloud api → cloudPay.unifiedOrder) → the patient pays (`POST /sandbox/pay`) →
 * WeChat calls payNotify → the hospital confirms (front machine → HSB ConfirmPayment) → confirmed,
 * and cost.list shows the bills paid. Then the hospital fails ConfirmPayment: the order stays paid,
 * and the scheduler's janitor confirms it once the fault clears.
 */
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import type { BillListResponse, BillPayResponse, CostListResponse, OrderView } from '../../typings/payment';
import type { RunningStack } from '../../scripts/stack';
import { data, journeyStack, orderAfter, post } from '../support/journey';
import { runWithContext } from '../../sandbox/cloud/wx-server-sdk';

// 2026-11-26 10:00 in Shanghai (02:00Z).
const NOW = Date.parse('2026-11-26T02:00:00.000Z');
const first17 = '34010419860214571';
const PATIENT = { name: '陈建国', idCardNo: first17 + idCardCheckChar(first17), phone: '13812345678' };

const journey = journeyStack(NOW, 11);
const call = journey.client('journey-payer');
let stack: RunningStack;
beforeAll(() => ({ stack } = journey));

async function visitBills(patientId: string): Promise<string[]> {
  const visit = await post(`${stack.hospitalUrl}/sandbox/visits`, { patientId });
  expect(visit.status).toBe(200);
  return (visit.json as { bills: { billId: string }[] }).bills.map((b) => b.billId);
}

test('a visit’s bills paid through WeChat Pay and confirmed at the hospital; a failed confirmation is finished by the janitor', async () => {
  const { patientId } = data<{ patientId: string }>(await journey.bind('journey-payer', { ...PATIENT, relation: '本人' }));

  const billIds = await visitBills(patientId);
  const listed = data<BillListResponse>(await call('bill.list', { patientId }));
  expect(listed.bills.map((b) => b.billId).sort()).toEqual([...billIds].sort());
  expect(listed.total).toBe(listed.bills.reduce((s, b) => s + b.amount, 0));

  const { order, payment } = data<BillPayResponse>(await call('bill.pay', { patientId, billIds }));
  expect(order).toMatchObject({ status: 'paying', amount: listed.total, description: `门诊缴费（${billIds.length}项）`, patientName: '陈*国' });
  expect(payment.package).toMatch(/^prepay_id=/);

  expect(await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: order.outTradeNo })).toMatchObject({ status: 200 });
  const confirmed = await orderAfter(call, order.outTradeNo, ['paying', 'paid']);
  expect(confirmed).toMatchObject({ status: 'confirmed', statusLabel: '已完成', receiptNo: expect.any(String) });
  const costs = data<CostListResponse>(await call('cost.list', { patientId }));
  const paidBills = costs.visits.flatMap((v) => v.bills).filter((b) => billIds.includes(b.billId));
  expect(paidBills.map((b) => b.status)).toEqual(billIds.map(() => 'paid'));

  // The hospital fails ConfirmPayment: the money is recorded and waits, never lost.
  const more = await visitBills(patientId);
  const second = data<BillPayResponse>(await call('bill.pay', { patientId, billIds: more })).order;
  expect(await post(`${stack.hospitalUrl}/sandbox/faults`, { service: 'ConfirmPayment', mode: 'error' })).toMatchObject({ status: 200 });
  expect(await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: second.outTradeNo })).toMatchObject({ status: 200 });
  const waiting = await orderAfter(call, second.outTradeNo, ['paying']);
  expect(waiting).toMatchObject({ status: 'paid', statusLabel: '已支付，正在向医院确认' });

  // The fault clears; two minutes later the janitor (as the timer would run it) confirms.
  expect(await post(`${stack.hospitalUrl}/sandbox/faults`, { service: 'ConfirmPayment', mode: 'off' })).toMatchObject({ status: 200 });
  expect(await post(`${stack.cloudUrl}/sandbox/clock`, { now: NOW + 3 * 60_000 })).toMatchObject({ status: 200 });
  // A user cannot drive the scheduler; the timer (no user) can.
  expect(await post(`${stack.cloudUrl}/functions/scheduler`, { job: 'janitor' }, 'journey-payer')).toMatchObject({ status: 200, json: { error: expect.any(String) } });
  const scheduler = (await import('../../cloudfunctions/scheduler/src/index')) as { main(e: unknown, c: unknown): Promise<unknown> };
  const run = await runWithContext({ SOURCE: 'wx_trigger' }, () => scheduler.main({ job: 'janitor' }, {}));
  expect(run).toMatchObject({ janitor: { worked: 1 } });
  const done = data<OrderView>(await call('order.get', { outTradeNo: second.outTradeNo }));
  expect(done).toMatchObject({ status: 'confirmed', receiptNo: expect.any(String) });
  expect(done.history.map((t) => t.to)).toEqual(['created', 'paying', 'paid', 'confirmed']);

  // One-sided cases made on purpose at the hospital, found by the next day's reconciliation.
  expect(await post(`${stack.hospitalUrl}/sandbox/payments/forget`, { tradeNo: order.outTradeNo })).toMatchObject({ status: 200 });
  expect(await post(`${stack.hospitalUrl}/sandbox/payments/phantom`, { patientId, amount: 1234, tradeNo: 'PHANTOM0001' })).toMatchObject({ status: 200 });
  expect(await post(`${stack.cloudUrl}/sandbox/clock`, { now: NOW + 24 * 3600_000 + 5 * 60_000 })).toMatchObject({ status: 200 });
  const report = (await runWithContext({ SOURCE: 'wx_trigger' }, () => scheduler.main({ Type: 'Timer', TriggerName: 'everyMinute' }, {}))) as {
    reconciliation: { date: string; differences: { type: string; outTradeNo: string }[]; wechat: { payments: number } };
  };
  expect(report.reconciliation.date).toBe('2026-11-26');
  expect(report.reconciliation.wechat.payments).toBe(2);
  expect(report.reconciliation.differences.map((d) => [d.type, d.outTradeNo]).sort()).toEqual(
    [
      ['confirmed_missing_at_hospital', order.outTradeNo],
      ['hospital_only', 'PHANTOM0001'],
    ].sort(),
  );
}, 30_000);
