import { startLocalCloud, type RunningLocalCloud } from './host';
import * as cloud from './wx-server-sdk';
import { resetCloudPay, type PayNotifyEvent } from './wx-server-sdk/cloudpay';

const MCH = '1900000109';

let host: RunningLocalCloud;
let received: { event: PayNotifyEvent; source: string | undefined; openid: string | undefined }[];
let notifyAnswers: unknown[];

beforeEach(async () => {
  received = [];
  notifyAnswers = [{ errcode: 0, errmsg: 'OK' }];
  host = await startLocalCloud({
    port: 0,
    env: { CLOUDPAY_RETRY_SCALE: '0.0001' },
    functions: {
      // The api function's part: place an order as the calling user.
      pay: {
        main: async (event) =>
          cloud.cloudPay.unifiedOrder({
            body: '门诊缴费',
            outTradeNo: (event as { outTradeNo: string }).outTradeNo,
            spbillCreateIp: '127.0.0.1',
            subMchId: MCH,
            totalFee: (event as { totalFee: number }).totalFee,
            envId: cloud.getWXContext().ENV ?? 'local',
            functionName: 'payNotify',
          }),
      },
      payNotify: {
        main: async (event) => {
          const ctx = cloud.getWXContext();
          received.push({ event: event as PayNotifyEvent, source: ctx.SOURCE, openid: ctx.OPENID });
          return notifyAnswers.length > 1 ? notifyAnswers.shift() : notifyAnswers[0];
        },
      },
    },
  });
});

afterEach(async () => {
  await host.close();
  resetCloudPay();
});

async function post(path: string, body: unknown, openid?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${host.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function get(path: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${host.url}${path}`);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Waits (bounded) for asynchronous callbacks; asserts on what happened, never on how long it took. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

async function placeOrder(outTradeNo: string, totalFee = 2500): Promise<Record<string, unknown>> {
  const r = await post('/functions/pay', { outTradeNo, totalFee }, 'o-patient');
  expect(r.json).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', payment: { package: expect.stringMatching(/^prepay_id=/) } });
  return r.json;
}

test('POST /sandbox/pay pays, then WeChat calls the order function as a pay callback with the payment', async () => {
  await placeOrder('H1');
  const paid = await post('/sandbox/pay', { outTradeNo: 'H1' });
  expect(paid).toMatchObject({ status: 200, json: { outTradeNo: 'H1', tradeState: 'SUCCESS', totalFee: 2500, transactionId: expect.stringMatching(/^\d{28}$/) } });
  await until(() => received.length === 1, 'the payment callback');
  expect(received[0]).toMatchObject({
    source: 'wx_paycallback',
    openid: undefined,
    event: { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: 'H1', totalFee: 2500, subOpenid: 'o-patient', subMchId: MCH, transactionId: paid.json.transactionId },
  });
  const record = await get('/sandbox/pay/orders/H1');
  expect(record.json).toMatchObject({ order: { tradeState: 'SUCCESS' }, notifications: [{ kind: 'payment', state: 'delivered', attempts: 1 }] });
});

test('paying an unknown, closed or already paid order fails with a Chinese message', async () => {
  await expect(post('/sandbox/pay', { outTradeNo: 'nope' })).resolves.toEqual({ status: 404, json: { code: 'NOT_FOUND', message: '订单不存在' } });
  await expect(post('/sandbox/pay', {})).resolves.toMatchObject({ status: 400, json: { message: expect.stringContaining('outTradeNo') } });
  await placeOrder('H1');
  await post('/sandbox/pay', { outTradeNo: 'H1' });
  await expect(post('/sandbox/pay', { outTradeNo: 'H1' })).resolves.toEqual({ status: 409, json: { code: 'ALREADY_PAID', message: '订单已支付，请勿重复支付' } });
  await placeOrder('H2');
  await post('/sandbox/clock', { now: Date.now() + 6 * 60_000 });
  await expect(cloud.cloudPay.closeOrder({ subMchId: MCH, outTradeNo: 'H2' })).resolves.toMatchObject({ resultCode: 'SUCCESS' });
  await expect(post('/sandbox/pay', { outTradeNo: 'H2' })).resolves.toEqual({ status: 409, json: { code: 'CLOSED', message: '订单已关闭，无法支付' } });
});

test('callbacks are retried until the function answers {errcode: 0}', async () => {
  notifyAnswers = [{ errcode: -1, errmsg: 'later' }, undefined, { errcode: 0, errmsg: 'OK' }];
  await placeOrder('H1');
  await post('/sandbox/pay', { outTradeNo: 'H1' });
  await until(() => received.length === 3, 'three attempts');
  const record = await get('/sandbox/pay/orders/H1');
  expect(record.json).toMatchObject({ notifications: [{ state: 'delivered', attempts: 3 }] });
});

test('switches: late callbacks are held until POST /sandbox/pay/release; duplicates arrive twice', async () => {
  await expect(post('/sandbox/pay/switches', { late: 'yes' })).resolves.toMatchObject({ status: 400 });
  await expect(post('/sandbox/pay/switches', { outTradeNo: 'H1', late: true })).resolves.toMatchObject({
    status: 200,
    json: { outTradeNo: 'H1', switches: { late: true, duplicate: 0, outOfOrder: false, payAfterExpiry: false } },
  });
  await placeOrder('H1');
  await post('/sandbox/pay', { outTradeNo: 'H1' });
  expect((await get('/sandbox/pay/orders/H1')).json).toMatchObject({ notifications: [{ state: 'held', heldBy: 'late' }] });
  expect(received).toHaveLength(0);
  await expect(post('/sandbox/pay/release', { outTradeNo: 'H1' })).resolves.toEqual({ status: 200, json: { released: 1 } });
  await until(() => received.length === 1, 'the released callback');

  await post('/sandbox/pay/switches', { duplicate: true });
  await placeOrder('H2');
  await post('/sandbox/pay', { outTradeNo: 'H2' });
  await until(() => received.filter((r) => r.event.outTradeNo === 'H2').length === 2, 'two copies');
  expect((await get('/sandbox/pay/switches')).json).toMatchObject({ duplicate: 1, late: false });
});

test('a refund callback reaches the function named in the refund', async () => {
  await placeOrder('H1');
  await post('/sandbox/pay', { outTradeNo: 'H1' });
  await until(() => received.length === 1, 'the payment callback');
  const refund = await cloud.cloudPay.refund({ subMchId: MCH, outTradeNo: 'H1', outRefundNo: 'H1-R1', totalFee: 2500, refundFee: 2500, envId: 'local', functionName: 'payNotify' });
  expect(refund).toMatchObject({ resultCode: 'SUCCESS' });
  await until(() => received.length === 2, 'the refund callback');
  expect(received[1]?.event).toMatchObject({ outRefundNo: 'H1-R1', refundStatus: 'SUCCESS', refundFee: 2500 });
});

test('GET /sandbox/pay/bill lists the day; bad dates and unknown orders are 400/404', async () => {
  await placeOrder('H1', 1200);
  await post('/sandbox/pay', { outTradeNo: 'H1' });
  const today = (await get('/sandbox/clock')).json.today as string;
  const bill = await get(`/sandbox/pay/bill?date=${today}`);
  expect(bill.json).toMatchObject({ date: today, payments: [{ outTradeNo: 'H1', totalFee: 1200 }], refunds: [], totals: { paymentCount: 1, paymentFee: 1200 } });
  await expect(get('/sandbox/pay/bill?date=2026-02-30')).resolves.toMatchObject({ status: 400 });
  await expect(get('/sandbox/pay/orders/none')).resolves.toEqual({ status: 404, json: { message: '订单不存在' } });
});
