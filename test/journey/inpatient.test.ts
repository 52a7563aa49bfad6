/**
 * Journey through every layer for a child in hospital: the ward admits (sandbox control) → the
 * parent binds the stay by 住院号 (local cloud api → front machine → HSB QueryInpatientStay) → the
 * day's list → a deposit paid with WeChat Pay and confirmed at the hospital (PayInpatientDeposit) →
 * the balance grows. Bad amounts and another account's stay are refused with nothing charged; a
 * discharged stay refuses deposits, and one paid while the ward discharged is refunded. A deposit the
 * hospital recorded after the front machine stopped waiting (late commit) is confirmed by the janitor.
 */
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import type { InpatientBindResponse, InpatientDailyResponse, InpatientDepositResponse, InpatientListResponse } from '../../typings/inpatient';
import type { OrderListResponse } from '../../typings/payment';
import type { RunningStack } from '../../scripts/stack';
import { data, journeyStack, orderAfter, post } from '../support/journey';
import { runWithContext } from '../../sandbox/cloud/wx-server-sdk';
import { admit, bindPatient, discharge } from '../support/inpatient';

// 2026-11-26 10:00 in Shanghai (02:00Z).
const NOW = Date.parse('2026-11-26T02:00:00.000Z');
const DAY = 24 * 3600_000;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const CHILD = { name: '林小雨', idCardNo: id('34010420190614572'), phone: '13812345678', relation: '子女' as const, guardian: { name: '林建国', idCardNo: id('34010419860214571') } };
const STRANGER = { name: '周大海', idCardNo: id('11010519900307123'), phone: '13900001111', relation: '本人' as const };
const SECOND_CHILD = { name: '许小禾', idCardNo: id('34010420200315581'), phone: '13812345679', relation: '子女' as const, guardian: { name: '许明', idCardNo: id('34010419880708572') } };

const journey = journeyStack(NOW, 14);
const parent = journey.client('journey-parent');
const other = journey.client('journey-other');
let stack: RunningStack;
beforeAll(() => ({ stack } = journey));

test('admit → bind by 住院号 → daily list → deposit paid and confirmed → balance; another account and bad amounts refused, nothing charged', async () => {
  const patientId = await bindPatient(parent, CHILD, stack.hospitalUrl);
  const othersPatient = await bindPatient(other, STRANGER, stack.hospitalUrl);
  const { stayId, admissionNo } = await admit(stack.hospitalUrl, patientId, 200_000);

  // Nothing bound yet: the list is empty.
  expect(data<InpatientListResponse>(await parent('inpatient.list', { patientId })).stays).toEqual([]);
  // A wrong number and someone else's number answer alike.
  const wrong = await parent('inpatient.bind', { patientId, admissionNo: '39999999' });
  const notTheirs = await other('inpatient.bind', { patientId: othersPatient, admissionNo });
  expect(wrong).toEqual({ ok: false, code: 'NOT_FOUND', message: '未找到该住院记录，请核对住院号', field: 'admissionNo' });
  expect(notTheirs).toEqual(wrong);

  const { stay } = data<InpatientBindResponse>(await parent('inpatient.bind', { patientId, admissionNo }));
  expect(stay).toMatchObject({ stayId, admissionNo, status: 'in-hospital', deposits: 200_000, canDeposit: true, firstDate: '2026-11-26', lastDate: '2026-11-26', dischargedAt: null });
  expect(stay.wardName).not.toBe('');
  expect(stay.balance).toBe(200_000 - stay.charges);

  // The day's list: its total is what the stay has been charged on its first day.
  const day1 = data<InpatientDailyResponse>(await parent('inpatient.daily', { patientId, stayId, date: '2026-11-26' }));
  expect(day1.total).toBe(stay.charges);
  expect(day1.subtotals.reduce((s, c) => s + c.amount, 0)).toBe(day1.total);
  expect(day1.items[0]).toMatchObject({ category: 'bed', name: '床位费' });

  // A day later the next day is charged too (the cloud's clock control moves the hospital's as well).
  expect(await post(`${stack.cloudUrl}/sandbox/clock`, { now: NOW + DAY })).toMatchObject({ status: 200 });
  const day2 = data<InpatientDailyResponse>(await parent('inpatient.daily', { patientId, stayId, date: '2026-11-27' }));
  expect(day2.stay).toMatchObject({ lastDate: '2026-11-27', charges: day1.total + day2.total });

  // Bad amounts: INVALID_INPUT naming amount, and no order anywhere.
  for (const amount of [0, -100_000, 100_000.5, 5_000_001, 9_999, '100000', null]) {
    const refused = await parent('inpatient.deposit', { patientId, stayId, amount } as never);
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'amount' });
  }
  // Another account, with the stay id or its own patient's id: FORBIDDEN, nothing of the stay shown.
  for (const attempt of [
    other('inpatient.daily', { patientId, stayId, date: '2026-11-26' }),
    other('inpatient.deposit', { patientId, stayId, amount: 100_000 }),
    other('inpatient.deposit', { patientId: othersPatient, stayId, amount: 100_000 }),
    other('inpatient.list', { patientId }),
  ]) {
    expect(await attempt).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  }
  expect(data<OrderListResponse>(await parent('order.list', {})).orders).toEqual([]);
  expect(data<OrderListResponse>(await other('order.list', {})).orders).toEqual([]);

  // The deposit: paid in WeChat, confirmed at the hospital, the balance grows by it.
  const before = data<InpatientListResponse>(await parent('inpatient.list', { patientId })).stays[0]!;
  const placed = data<InpatientDepositResponse>(await parent('inpatient.deposit', { patientId, stayId, amount: 100_000 }));
  expect(placed.order).toMatchObject({ kind: 'inpatient-deposit', status: 'paying', amount: 100_000, description: '住院押金', patientName: '林*雨' });
  // Tapped twice before paying: the same order.
  expect(data<InpatientDepositResponse>(await parent('inpatient.deposit', { patientId, stayId, amount: 100_000 })).order.outTradeNo).toBe(placed.order.outTradeNo);
  expect(await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: placed.order.outTradeNo })).toMatchObject({ status: 200 });
  const confirmed = await orderAfter(parent, placed.order.outTradeNo, ['paying', 'paid']);
  expect(confirmed).toMatchObject({ status: 'confirmed', receiptNo: expect.any(String) });
  const after = data<InpatientListResponse>(await parent('inpatient.list', { patientId })).stays[0]!;
  expect(after.deposits).toBe(before.deposits + 100_000);
  expect(after.balance).toBe(before.balance + 100_000);

  // The next tap of the same amount is a new deposit, not the confirmed one.
  const second = data<InpatientDepositResponse>(await parent('inpatient.deposit', { patientId, stayId, amount: 100_000 }));
  expect(second.order.outTradeNo).not.toBe(placed.order.outTradeNo);

  // The ward discharges before that one is paid: the hospital refuses it, the engine refunds.
  await discharge(stack.hospitalUrl, admissionNo, false);
  expect(await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: second.order.outTradeNo })).toMatchObject({ status: 200 });
  const refunded = await orderAfter(parent, second.order.outTradeNo, ['paying', 'paid', 'refunding']);
  expect(refunded).toMatchObject({ status: 'refunded', refundAmount: 100_000, receiptNo: null });
  // Settling (and later discharged): no deposit is even placed.
  expect(await parent('inpatient.deposit', { patientId, stayId, amount: 200_000 })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'stayId' });
  await discharge(stack.hospitalUrl, admissionNo);
  const past = data<InpatientListResponse>(await parent('inpatient.list', { patientId })).stays[0]!;
  expect(past).toMatchObject({ status: 'discharged', canDeposit: false, lowBalance: false, deposits: after.deposits, lastDate: '2026-11-27' });
  expect(past.settlement).toBe(past.balance);
  expect(await parent('inpatient.deposit', { patientId, stayId, amount: 200_000 })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'stayId' });
}, 60_000);

test('a deposit the hospital recorded while its answer was lost stays paid, then the janitor confirms it under the same key: recorded once, never refunded', async () => {
  const call = journey.client('journey-late-deposit');
  const patientId = await bindPatient(call, SECOND_CHILD, stack.hospitalUrl);
  const { stayId, admissionNo } = await admit(stack.hospitalUrl, patientId, 0);
  data(await call('inpatient.bind', { patientId, admissionNo }));
  // The hospital writes the deposit, then the connection drops: the front machine never hears back.
  expect(await post(`${stack.hospitalUrl}/sandbox/faults`, { service: 'PayInpatientDeposit', mode: 'late-commit', delayMs: 0 })).toMatchObject({ status: 200 });
  const placed = data<InpatientDepositResponse>(await call('inpatient.deposit', { patientId, stayId, amount: 300_000 }));
  expect(await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: placed.order.outTradeNo })).toMatchObject({ status: 200 });
  expect(await orderAfter(call, placed.order.outTradeNo, ['paying'])).toMatchObject({ status: 'paid', statusLabel: '已支付，正在向医院确认' });
  await fetch(`${stack.hospitalUrl}/sandbox/faults`, { method: 'DELETE' });

  // Minutes later the timer's janitor asks again with the same key: the hospital answers the deposit it holds.
  const clock = (await (await fetch(`${stack.cloudUrl}/sandbox/clock`)).json()) as { now: string };
  expect(await post(`${stack.cloudUrl}/sandbox/clock`, { now: Date.parse(clock.now) + 3 * 60_000 })).toMatchObject({ status: 200 });
  const scheduler = (await import('../../cloudfunctions/scheduler/src/index')) as { main(e: unknown, c: unknown): Promise<unknown> };
  await runWithContext({ SOURCE: 'wx_trigger' }, () => scheduler.main({ job: 'janitor' }, {}));
  expect(data<OrderListResponse>(await call('order.list', {})).orders[0]).toMatchObject({ outTradeNo: placed.order.outTradeNo, status: 'confirmed', refundAmount: null });
  const stay = data<InpatientListResponse>(await call('inpatient.list', { patientId })).stays[0]!;
  expect(stay.deposits).toBe(300_000);
}, 60_000);
