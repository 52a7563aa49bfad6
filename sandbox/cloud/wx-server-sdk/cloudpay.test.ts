import { formatHospital, hospitalInstant } from '../../../miniprogram/core/time';
import {
  cloudPay,
  configureCloudPay,
  dailyBill,
  ManualScheduler,
  NOTIFY_RETRY_INTERVALS_MS,
  payOrder,
  payRecord,
  REFUSALS,
  releaseHeld,
  resetCloudPay,
  resumeCloudPay,
  setPaySwitches,
  type PayNotifyEvent,
  type UnifiedOrderParams,
} from './cloudpay';
import { runWithContext } from './context';
import { resetDatabase } from './database';

const MCH = '1900000109';
const T0 = hospitalInstant('2026-11-26 09:00:00');
const MINUTE = 60_000;

let now: number;
let scheduler: ManualScheduler;
let calls: { name: string; event: PayNotifyEvent; envId: string }[];
/** What the callback function answers, in turn; the last answer repeats. */
let answers: unknown[];

function invoke(name: string, event: PayNotifyEvent, envId: string): Promise<unknown> {
  calls.push({ name, event, envId });
  const answer = answers.length > 1 ? answers.shift() : answers[0];
  return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
}

beforeEach(() => {
  resetDatabase();
  resetCloudPay();
  now = T0;
  scheduler = new ManualScheduler();
  calls = [];
  answers = [{ errcode: 0, errmsg: 'OK' }];
  configureCloudPay({ clock: () => now, scheduler, invoke });
});

afterAll(() => resetCloudPay());

function order(over: Partial<UnifiedOrderParams> = {}): UnifiedOrderParams {
  return {
    body: '儿童医院-门诊缴费',
    outTradeNo: 'O20261126001',
    spbillCreateIp: '127.0.0.1',
    subMchId: MCH,
    totalFee: 2500,
    envId: 'local',
    functionName: 'payNotify',
    ...over,
  };
}

/** unifiedOrder as a mini program user's invocation, as the api function calls it. */
function place(over: Partial<UnifiedOrderParams> = {}) {
  return runWithContext({ OPENID: 'o-patient', APPID: 'wxapp' }, () => cloudPay.unifiedOrder(order(over)));
}

async function placeAndPay(over: Partial<UnifiedOrderParams> = {}) {
  await place(over);
  const paid = await payOrder(over.outTradeNo ?? 'O20261126001');
  expect(paid.ok).toBe(true);
  await scheduler.advance(0);
}

function refundOf(outRefundNo: string, refundFee: number, over: Record<string, unknown> = {}) {
  return cloudPay.refund({
    subMchId: MCH,
    outTradeNo: 'O20261126001',
    outRefundNo,
    totalFee: 2500,
    refundFee,
    envId: 'local',
    functionName: 'payNotify',
    ...over,
  });
}

describe('unifiedOrder', () => {
  test('answers the wx.requestPayment parameters, and the same order again answers the same prepay', async () => {
    const first = await place();
    expect(first).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', errCode: 0, errMsg: 'cloudPay.unifiedOrder:ok', subMchId: MCH, subAppid: 'wxapp' });
    if (first.resultCode !== 'SUCCESS') throw new Error('unreachable');
    expect(first.payment).toEqual({
      appId: 'wxapp',
      timeStamp: String(Math.floor(T0 / 1000)),
      nonceStr: expect.stringMatching(/^[0-9a-f]{32}$/),
      package: `prepay_id=${first.prepayId}`,
      signType: 'MD5',
      paySign: expect.stringMatching(/^[0-9A-F]{32}$/),
    });
    const again = await place();
    expect(again).toMatchObject({ resultCode: 'SUCCESS', prepayId: first.prepayId, payment: { package: first.payment.package } });
    expect((await payRecord('O20261126001'))?.order).toMatchObject({ totalFee: 2500, subOpenid: 'o-patient', tradeState: 'NOTPAY', createdAt: T0 });
  });

  test('the same order number with another amount or description is refused (INVALID_REQUEST), the order untouched', async () => {
    await place();
    for (const over of [{ totalFee: 2600 }, { body: '别的商品' }]) {
      const r = await place(over);
      expect(r).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'FAIL', errCodeDes: REFUSALS.orderNumberReused.errCodeDes, errCode: 0 });
    }
    expect((await payRecord('O20261126001'))?.order.totalFee).toBe(2500);
  });

  test('a paid or closed order number cannot be ordered again', async () => {
    await placeAndPay();
    await expect(place()).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.orderPaid.errCodeDes });
    await place({ outTradeNo: 'O2' });
    now += 5 * MINUTE;
    await cloudPay.closeOrder({ subMchId: MCH, outTradeNo: 'O2' });
    await expect(place({ outTradeNo: 'O2' })).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.orderClosed.errCodeDes });
  });

  test('amounts must be positive integers in fen; bad parameters resolve FAIL with the reason (never throw) and create nothing', async () => {
    const refused = (reason: RegExp) => ({ returnCode: 'FAIL', resultCode: 'FAIL', returnMsg: expect.stringMatching(reason) });
    for (const totalFee of [25.5, 0, -100, '2500', Number.NaN, 2 ** 53]) {
      await expect(place({ totalFee: totalFee as number })).resolves.toMatchObject(refused(/totalFee/));
    }
    await expect(place({ outTradeNo: 'has space' })).resolves.toMatchObject(refused(/outTradeNo/));
    await expect(place({ outTradeNo: 'x'.repeat(33) })).resolves.toMatchObject(refused(/outTradeNo/));
    await expect(place({ functionName: '' })).resolves.toMatchObject(refused(/functionName/));
    await expect(place({ timeExpire: '20261399000000' })).resolves.toMatchObject(refused(/timeExpire/));
    // No user and no subOpenid: JSAPI needs a payer.
    await expect(cloudPay.unifiedOrder(order())).resolves.toMatchObject(refused(/openid/));
    expect(await payRecord('O20261126001')).toBeUndefined();
  });

  test('a timeExpire under 5 minutes away is refused (PARAM_ERROR), 5 minutes is accepted', async () => {
    const at = (ms: number) => formatHospital(ms, 'YYYYMMDDHHmmss');
    await expect(place({ timeExpire: at(now + 4 * MINUTE + 59_000) })).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.timeExpireTooSoon.errCodeDes });
    expect(await payRecord('O20261126001')).toBeUndefined();
    await expect(place({ timeExpire: at(now + 5 * MINUTE) })).resolves.toMatchObject({ resultCode: 'SUCCESS' });
  });

  test('snake_case parameters are accepted too (the SDK converts camelCase to snake_case)', async () => {
    const r = await runWithContext({ OPENID: 'o-patient' }, () =>
      cloudPay.unifiedOrder({ body: 'x', out_trade_no: 'S1', spbill_create_ip: '1.1.1.1', sub_mch_id: MCH, total_fee: 1, env_id: 'local', function_name: 'payNotify' } as never),
    );
    expect(r.resultCode).toBe('SUCCESS');
  });
});

describe('queryOrder and closeOrder', () => {
  test('query answers NOTPAY, USERPAYING, SUCCESS (with transaction id and time), REFUND, CLOSED', async () => {
    const q = (outTradeNo = 'O20261126001') => cloudPay.queryOrder({ subMchId: MCH, outTradeNo });
    await place();
    await expect(q()).resolves.toMatchObject({ resultCode: 'SUCCESS', tradeState: 'NOTPAY', totalFee: 2500 });
    expect(await q()).not.toHaveProperty('transactionId');
    await payOrder('O20261126001', { userPaying: true });
    await expect(q()).resolves.toMatchObject({ tradeState: 'USERPAYING' });
    now += 90_000;
    await payOrder('O20261126001');
    const paid = await q();
    expect(paid).toMatchObject({ tradeState: 'SUCCESS', tradeStateDesc: '支付成功', totalFee: 2500, cashFee: 2500, subOpenid: 'o-patient', timeEnd: '20261126090130' });
    if (paid.resultCode !== 'SUCCESS') throw new Error('unreachable');
    expect(paid.transactionId).toMatch(/^4200\d{24}$/);
    await expect(cloudPay.queryOrder({ subMchId: MCH, transactionId: paid.transactionId ?? '' })).resolves.toMatchObject({ outTradeNo: 'O20261126001' });
    await refundOf('R1', 100);
    await expect(q()).resolves.toMatchObject({ tradeState: 'REFUND', transactionId: paid.transactionId });
    await place({ outTradeNo: 'O2' });
    now += 5 * MINUTE;
    await cloudPay.closeOrder({ subMchId: MCH, outTradeNo: 'O2' });
    await expect(q('O2')).resolves.toMatchObject({ tradeState: 'CLOSED' });
    await expect(q('nope')).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.orderNotFound.errCodeDes });
    await expect(cloudPay.queryOrder({ subMchId: '1900000999', outTradeNo: 'O2' })).resolves.toMatchObject({ resultCode: 'FAIL' });
  });

  test('close is refused in the first 5 minutes, allowed after, refused once paid; a closed order cannot be paid', async () => {
    const close = (outTradeNo = 'O20261126001') => cloudPay.closeOrder({ subMchId: MCH, outTradeNo });
    await place();
    now += 5 * MINUTE - 1;
    await expect(close()).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.closeTooEarly.errCodeDes });
    now += 1;
    await expect(close()).resolves.toMatchObject({ resultCode: 'SUCCESS', errMsg: 'cloudPay.closeOrder:ok' });
    await expect(close()).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.orderClosed.errCodeDes });
    await expect(payOrder('O20261126001')).resolves.toEqual({ ok: false, reason: 'CLOSED' });

    await placeAndPay({ outTradeNo: 'O2' });
    now += 10 * MINUTE;
    await expect(close('O2')).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.orderPaid.errCodeDes });
    await expect(close('nope')).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.orderNotFound.errCodeDes });
  });

  test('paying twice or paying an unknown order is refused', async () => {
    await placeAndPay();
    await expect(payOrder('O20261126001')).resolves.toEqual({ ok: false, reason: 'ALREADY_PAID' });
    await expect(payOrder('nope')).resolves.toEqual({ ok: false, reason: 'NOT_FOUND' });
  });
});

describe('payment callbacks', () => {
  test('a payment calls the order function once with WeChat fields, as a pay callback', async () => {
    await place({ attach: 'visit-7' });
    await payOrder('O20261126001');
    expect(calls).toHaveLength(0);
    await scheduler.advance(0);
    expect(calls).toHaveLength(1);
    const { name, envId, event } = calls[0]!;
    expect([name, envId]).toEqual(['payNotify', 'local']);
    const q = await cloudPay.queryOrder({ subMchId: MCH, outTradeNo: 'O20261126001' });
    if (q.resultCode !== 'SUCCESS') throw new Error('unreachable');
    expect(event).toEqual({
      returnCode: 'SUCCESS',
      returnMsg: 'OK',
      appid: expect.any(String),
      mchId: expect.any(String),
      subAppid: 'wxapp',
      subMchId: MCH,
      nonceStr: expect.any(String),
      resultCode: 'SUCCESS',
      openid: expect.stringMatching(/^oSP_/),
      isSubscribe: 'N',
      subOpenid: 'o-patient',
      subIsSubscribe: 'N',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      totalFee: 2500,
      feeType: 'CNY',
      cashFee: 2500,
      transactionId: q.transactionId,
      outTradeNo: 'O20261126001',
      attach: 'visit-7',
      timeEnd: '20261126090000',
    });
    await scheduler.runAll();
    expect(calls).toHaveLength(1);
    expect((await payRecord('O20261126001'))?.notifications).toMatchObject([{ kind: 'payment', state: 'delivered', attempts: 1 }]);
  });

  test('the callback function can query WeChat while it handles the callback', async () => {
    const seen: string[] = [];
    configureCloudPay({
      clock: () => now,
      scheduler,
      invoke: async (_name, event) => {
        const q = await cloudPay.queryOrder({ subMchId: event.subMchId, outTradeNo: event.outTradeNo });
        seen.push(q.resultCode === 'SUCCESS' ? q.tradeState : 'FAIL');
        return { errcode: 0 };
      },
    });
    await placeAndPay();
    expect(seen).toEqual(['SUCCESS']);
  });

  test('retried on WeChat schedule (scaled) until the function answers {errcode: 0}', async () => {
    configureCloudPay({ clock: () => now, scheduler, invoke, retryScale: 0.001 });
    answers = [new Error('function crashed'), { errcode: 1, errmsg: 'busy' }, null, 'SUCCESS', { errcode: 0, errmsg: 'OK' }];
    await placeAndPay();
    expect(calls).toHaveLength(1);
    await scheduler.advance(NOTIFY_RETRY_INTERVALS_MS[0]! * 0.001 - 1);
    expect(calls).toHaveLength(1);
    await scheduler.advance(1);
    expect(calls).toHaveLength(2);
    await scheduler.runAll();
    expect(calls).toHaveLength(5);
    const [note] = (await payRecord('O20261126001'))?.notifications ?? [];
    expect(note).toMatchObject({ state: 'delivered', attempts: 5 });
    expect(note?.history.map((h) => h.answer)).toEqual([{ error: 'function crashed' }, { errcode: 1, errmsg: 'busy' }, null, 'SUCCESS', { errcode: 0, errmsg: 'OK' }]);
    // Every attempt carries the same notification.
    expect(new Set(calls.map((c) => JSON.stringify(c.event))).size).toBe(1);
  });

  test('the retry schedule is bounded: after 16 attempts WeChat gives up', async () => {
    answers = [{ errcode: 500 }];
    configureCloudPay({ clock: () => now, scheduler, invoke, retryScale: 0.001 });
    await placeAndPay();
    await scheduler.runAll();
    expect(calls).toHaveLength(NOTIFY_RETRY_INTERVALS_MS.length + 1);
    expect((await payRecord('O20261126001'))?.notifications[0]).toMatchObject({ state: 'abandoned', attempts: 16 });
  });

  test('duplicate switch: the same notification is delivered more than once even when acknowledged', async () => {
    setPaySwitches({ duplicate: 2 }, 'O20261126001');
    await placeAndPay();
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.event.transactionId)).size).toBe(1);
    // Another order is not affected; the global switch is.
    await placeAndPay({ outTradeNo: 'O2' });
    expect(calls).toHaveLength(4);
    setPaySwitches({ duplicate: 1 });
    await placeAndPay({ outTradeNo: 'O3' });
    expect(calls).toHaveLength(6);
  });

  test('late switch: callbacks are held until released', async () => {
    setPaySwitches({ late: true });
    await placeAndPay();
    await placeAndPay({ outTradeNo: 'O2' });
    await scheduler.runAll();
    expect(calls).toHaveLength(0);
    await expect(cloudPay.queryOrder({ subMchId: MCH, outTradeNo: 'O2' })).resolves.toMatchObject({ tradeState: 'SUCCESS' });
    await expect(releaseHeld('O2')).resolves.toBe(1);
    await scheduler.advance(0);
    expect(calls.map((c) => c.event.outTradeNo)).toEqual(['O2']);
    await expect(releaseHeld()).resolves.toBe(1);
    await scheduler.advance(0);
    expect(calls.map((c) => c.event.outTradeNo)).toEqual(['O2', 'O20261126001']);
  });

  test('out-of-order switch: the refund callback arrives before the payment callback', async () => {
    setPaySwitches({ outOfOrder: true }, 'O20261126001');
    await placeAndPay();
    expect(calls).toHaveLength(0);
    // The merchant learns of the payment by querying, and refunds.
    await expect(refundOf('R1', 2500)).resolves.toMatchObject({ resultCode: 'SUCCESS' });
    await scheduler.runAll();
    expect(calls.map((c) => ('refundStatus' in c.event ? 'refund' : 'payment'))).toEqual(['refund', 'payment']);
  });

  test('pay-after-expiry switch: WeChat takes the money after timeExpire when the order was not closed', async () => {
    await place({ timeExpire: '20261126091000' });
    now = hospitalInstant('2026-11-26 09:10:01');
    await expect(payOrder('O20261126001')).resolves.toEqual({ ok: false, reason: 'EXPIRED' });
    setPaySwitches({ payAfterExpiry: true }, 'O20261126001');
    await expect(payOrder('O20261126001')).resolves.toMatchObject({ ok: true, order: { tradeState: 'SUCCESS' } });
    await scheduler.advance(0);
    expect(calls).toHaveLength(1);
    // Without timeExpire WeChat knows nothing of the merchant's expiry: a late payment simply lands.
    await place({ outTradeNo: 'O2' });
    now += 24 * 60 * MINUTE;
    await expect(payOrder('O2')).resolves.toMatchObject({ ok: true });
  });

  test('pending callbacks resume after a restart (stored state, new configuration)', async () => {
    answers = [{ errcode: 1 }];
    await placeAndPay();
    expect(calls).toHaveLength(1);
    const restarted = new ManualScheduler();
    answers = [{ errcode: 0 }];
    configureCloudPay({ clock: () => now, scheduler: restarted, invoke });
    await scheduler.runAll();
    expect(calls).toHaveLength(1);
    await resumeCloudPay();
    await restarted.advance(0);
    expect(calls).toHaveLength(2);
    expect((await payRecord('O20261126001'))?.notifications[0]).toMatchObject({ state: 'delivered', attempts: 2 });
  });
});

describe('refunds', () => {
  test('a refund is PROCESSING, then SUCCESS with a callback carrying WeChat refund fields; queryRefund answers the count with empty lists', async () => {
    await placeAndPay();
    calls = [];
    const r = await refundOf('R1', 1000, { refundDesc: '退号' });
    expect(r).toMatchObject({ resultCode: 'SUCCESS', outRefundNo: 'R1', refundFee: 1000, totalFee: 2500, errMsg: 'cloudPay.refund:ok' });
    if (r.resultCode !== 'SUCCESS') throw new Error('unreachable');
    const query = () => cloudPay.queryRefund({ subMchId: MCH, outTradeNo: 'O20261126001' });
    const empty = { refundCount: 1, outRefundNoList: [], refundIdList: [], refundFeeList: [], refundStatusList: [], refundSuccessTimeList: [] };
    await expect(query()).resolves.toMatchObject({ resultCode: 'SUCCESS', ...empty });
    now += 3000;
    await scheduler.advance(0);
    // Finished, and still no per-refund detail: the callback (and the daily bill) prove it.
    await expect(query()).resolves.toMatchObject({ resultCode: 'SUCCESS', ...empty });
    expect((await payRecord('O20261126001'))?.refunds[0]).toMatchObject({ refundStatus: 'SUCCESS' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.event).toMatchObject({
      returnCode: 'SUCCESS',
      subMchId: MCH,
      transactionId: r.transactionId,
      outTradeNo: 'O20261126001',
      refundId: r.refundId,
      outRefundNo: 'R1',
      totalFee: 2500,
      settlementTotalFee: 2500,
      refundFee: 1000,
      settlementRefundFee: 1000,
      refundStatus: 'SUCCESS',
      successTime: '2026-11-26 09:00:03',
      refundRecvAccout: '支付用户零钱',
      refundRequestSource: 'API',
    });
  });

  test.each(['REFUNDCLOSE', 'CHANGE'] as const)('a refund can end %s: the callback, the record and the daily bill say so', async (end) => {
    await placeAndPay();
    setPaySwitches({ refundEnd: end }, 'O20261126001');
    calls = [];
    await refundOf('R1', 2500);
    now += 3000;
    await scheduler.advance(0);
    expect(calls[0]?.event).toMatchObject({ outRefundNo: 'R1', refundStatus: end });
    expect((await payRecord('O20261126001'))?.refunds[0]).toMatchObject({ refundStatus: end });
  });

  test('the same refund number refunds once: a repeat answers the first refund; other amounts are refused', async () => {
    await placeAndPay();
    const first = await refundOf('R1', 1000);
    const again = await refundOf('R1', 1000);
    expect(again).toMatchObject({ resultCode: 'SUCCESS', refundId: (first as { refundId: string }).refundId });
    await expect(refundOf('R1', 900)).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.refundNumberReused.errCodeDes });
    await expect(cloudPay.queryRefund({ subMchId: MCH, outTradeNo: 'O20261126001' })).resolves.toMatchObject({ refundCount: 1 });
    expect((await payRecord('O20261126001'))?.order.refundedFee).toBe(1000);
  });

  test('the refunds never sum above the total; the total must be the order total', async () => {
    await placeAndPay();
    await expect(refundOf('R1', 2000)).resolves.toMatchObject({ resultCode: 'SUCCESS' });
    await expect(refundOf('R2', 501)).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.refundExceedsTotal.errCodeDes });
    await expect(refundOf('R3', 100, { totalFee: 2400 })).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.totalFeeMismatch.errCodeDes });
    await expect(refundOf('R4', 500)).resolves.toMatchObject({ resultCode: 'SUCCESS' });
    await expect(refundOf('R5', 1)).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.refundExceedsTotal.errCodeDes });
  });

  test('at most 50 refunds per order', async () => {
    await placeAndPay({ totalFee: 100 });
    for (let i = 1; i <= 50; i++) await expect(refundOf(`R${i}`, 1, { totalFee: 100 })).resolves.toMatchObject({ resultCode: 'SUCCESS' });
    await expect(refundOf('R51', 1, { totalFee: 100 })).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.refundCountExceeded.errCodeDes });
    await scheduler.runAll();
    await expect(cloudPay.queryRefund({ subMchId: MCH, outTradeNo: 'O20261126001' })).resolves.toMatchObject({ refundCount: 50 });
  });

  test('no refund more than a year after payment', async () => {
    await placeAndPay();
    now = hospitalInstant('2027-11-26 09:00:00');
    await expect(refundOf('R1', 100)).resolves.toMatchObject({ resultCode: 'SUCCESS' });
    now += 1;
    await expect(refundOf('R2', 100)).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.refundOverdue.errCodeDes });
  });

  test('only paid orders refund; unknown refunds are not found; amounts must be fen', async () => {
    await place();
    await expect(refundOf('R1', 100)).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.refundUnpaid.errCodeDes });
    await expect(refundOf('R1', 100, { outTradeNo: 'nope' })).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.orderNotFound.errCodeDes });
    await expect(cloudPay.queryRefund({ subMchId: MCH, outRefundNo: 'R1' })).resolves.toMatchObject({ resultCode: 'FAIL', errCodeDes: REFUSALS.refundNotFound.errCodeDes });
    await expect(refundOf('R1', 1.5)).resolves.toMatchObject({ returnCode: 'FAIL', returnMsg: expect.stringMatching(/refundFee/) });
    await expect(refundOf('R1', 100, { totalFee: '2500' })).resolves.toMatchObject({ returnCode: 'FAIL', returnMsg: expect.stringMatching(/totalFee/) });
  });
});

test('the daily bill lists each payment and refund of a Beijing day with times, amounts and numbers', async () => {
  await placeAndPay();
  await place({ outTradeNo: 'O2', totalFee: 800 });
  now = hospitalInstant('2026-11-26 23:59:59');
  await payOrder('O2');
  await refundOf('R1', 500);
  now = hospitalInstant('2026-11-27 00:00:00');
  await refundOf('R2', 200);
  await scheduler.runAll();
  const bill = await dailyBill('2026-11-26');
  expect(bill.payments.map((p) => [p.time, p.outTradeNo, p.totalFee])).toEqual([
    ['2026-11-26 09:00:00', 'O20261126001', 2500],
    ['2026-11-26 23:59:59', 'O2', 800],
  ]);
  expect(bill.refunds.map((r) => [r.time, r.outRefundNo, r.refundFee])).toEqual([['2026-11-26 23:59:59', 'R1', 500]]);
  expect(bill.totals).toEqual({ paymentCount: 2, paymentFee: 3300, refundCount: 1, refundFee: 500 });
  await expect(dailyBill('2026-11-27')).resolves.toMatchObject({ payments: [], totals: { refundCount: 1, refundFee: 200 } });
});

test('downloadBill: the day bill as WeChat text, from 10:00 the next day, per merchant', async () => {
  await placeAndPay({ attach: 'visit-7' });
  await refundOf('R1', 500);
  await place({ outTradeNo: 'O9', subMchId: '1900000999', totalFee: 100 });
  await payOrder('O9');
  await scheduler.runAll();
  const download = (over: Record<string, unknown> = {}) => cloudPay.downloadBill({ subMchId: MCH, billDate: '20261126', ...over });
  now = hospitalInstant('2026-11-27 09:59:59');
  await expect(download()).resolves.toMatchObject({ returnCode: 'FAIL', returnMsg: 'No Bill Exist' });
  now = hospitalInstant('2026-11-27 10:00:00');
  const all = await download();
  if (!('data' in all) || typeof all.data !== 'string') throw new Error('expected a text bill');
  const lines = all.data.split('\r\n');
  expect(lines[0]?.split(',')).toHaveLength(27);
  expect(lines[0]).toMatch(/^交易时间,公众账号ID,商户号,特约商户号/);
  const rows = lines.slice(1, 3).map((l) => l.split(',').map((v) => v.replace(/^`/, '')));
  expect(rows.map((r) => [r[0], r[3], r[6], r[9], r[12], r[15], r[16], r[19], r[20], r[21]])).toEqual([
    ['2026-11-26 09:00:00', MCH, 'O20261126001', 'SUCCESS', '25.00', '0', '0.00', '', '儿童医院-门诊缴费', 'visit-7'],
    ['2026-11-26 09:00:00', MCH, 'O20261126001', 'REFUND', '0.00', 'R1', '5.00', 'SUCCESS', '儿童医院-门诊缴费', 'visit-7'],
  ]);
  expect(lines[3]).toBe('总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额');
  expect(lines[4]).toBe('`2,`25.00,`5.00,`0.00,`0.12000,`25.00,`5.00');
  const refundsOnly = await download({ billType: 'REFUND' });
  expect('data' in refundsOnly && String(refundsOnly.data).split('\r\n')).toHaveLength(5);
  const gz = await download({ tarType: 'GZIP' });
  expect('data' in gz && Buffer.isBuffer(gz.data)).toBe(true);
  await expect(download({ billDate: '20261125' })).resolves.toMatchObject({ returnCode: 'FAIL', returnMsg: 'No Bill Exist' });
  await expect(download({ billDate: '2026-11-26' })).resolves.toMatchObject({ returnCode: 'FAIL', returnMsg: expect.stringMatching(/billDate/) });
});
