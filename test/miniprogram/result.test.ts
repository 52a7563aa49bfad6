/** 支付结果 packages/payment/result: follows the order to its end state, with backing-off polls. */
import { find, mocked, openPage, resetWx, stateOf, tap, textOf, until, untilText, ZHANG, type PageComponent } from './helpers';
import { answerPaySheet, callsOf, fakePayments, makeOrder, NOW, PAYMENT, servePayments } from './payment-helpers';

beforeEach(() => {
  resetWx();
  jest.useFakeTimers({ now: NOW, advanceTimers: true });
});
afterEach(() => jest.useRealTimers());

const RESULT = 'packages/payment/result/index';
const OUT_TRADE_NO = 'B0001N1';

/** Lets answers and renders queued at the current fake time settle. */
async function settle(): Promise<void> {
  await jest.advanceTimersByTimeAsync(50);
}

function stepsOf(page: PageComponent): { texts: string[]; active: number } {
  const steps = find(page, '.steps');
  return { texts: (steps.data.steps as { text: string }[]).map((s) => s.text), active: steps.data.active as number };
}

describe('支付结果 packages/payment/result', () => {
  it('polls while the hospital confirms, shows 已支付，正在向医院确认, then the receipt, and stops', async () => {
    const payments = fakePayments({ orders: [makeOrder({ outTradeNo: OUT_TRADE_NO, status: 'paid', paidAt: new Date(NOW).toISOString() })] });
    const { calls } = servePayments(payments);
    const page = openPage(RESULT, { outTradeNo: OUT_TRADE_NO });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('已支付，正在向医院确认');
    expect(textOf(page)).toContain('253.00元');
    expect(textOf(page)).toContain('门诊缴费（3项）');
    expect(stepsOf(page)).toEqual({ texts: ['已下单', '已支付', '医院已确认'], active: 1 });
    expect(callsOf(calls, 'order.get')).toEqual([{ outTradeNo: OUT_TRADE_NO }]);

    // Every 2 s at first.
    await jest.advanceTimersByTimeAsync(2000);
    await until(() => callsOf(calls, 'order.get').length === 2);
    await jest.advanceTimersByTimeAsync(2000);
    await until(() => callsOf(calls, 'order.get').length === 3);

    payments.settle(OUT_TRADE_NO, 'confirmed', { confirmedAt: new Date(Date.now()).toISOString(), receiptNo: 'R20261130123' });
    await jest.advanceTimersByTimeAsync(2000);
    await untilText(page, '已完成');
    expect(textOf(page)).toContain('收据号');
    expect(textOf(page)).toContain('R20261130123');
    expect(stepsOf(page)).toEqual({ texts: ['已下单', '已支付', '医院已确认'], active: 2 });

    const polls = callsOf(calls, 'order.get').length;
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(callsOf(calls, 'order.get')).toHaveLength(polls);
  });

  it('backs off, stops at the cap with 刷新, and 刷新 asks again', async () => {
    const payments = fakePayments({ orders: [makeOrder({ outTradeNo: OUT_TRADE_NO, status: 'paid' })] });
    const { calls } = servePayments(payments);
    const page = openPage(RESULT, { outTradeNo: OUT_TRADE_NO });
    await until(() => stateOf(page) === 'ready');
    // Three polls at 2 s, then longer waits: after 10 s only a handful, not five.
    await jest.advanceTimersByTimeAsync(10_000);
    await settle();
    const early = callsOf(calls, 'order.get').length;
    expect(early).toBeGreaterThanOrEqual(4);
    expect(early).toBeLessThanOrEqual(5);

    await jest.advanceTimersByTimeAsync(10 * 60_000);
    await settle();
    await until(() => page.data.capped === true);
    expect(textOf(page)).toContain('仍在处理中，请稍后点击刷新查看最新状态');
    const capped = callsOf(calls, 'order.get').length;
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(callsOf(calls, 'order.get')).toHaveLength(capped);

    payments.settle(OUT_TRADE_NO, 'confirmed', { receiptNo: 'R1' });
    tap(page, '.refresh', '.van-button');
    await untilText(page, '已完成');
    expect(callsOf(calls, 'order.get')).toHaveLength(capped + 1);
    expect(page.data.capped).toBe(false);
  });

  it('stops polling when the page is left, and while it is hidden', async () => {
    const payments = fakePayments({ orders: [makeOrder({ outTradeNo: OUT_TRADE_NO, status: 'paid' })] });
    const { calls } = servePayments(payments);
    const page = openPage(RESULT, { outTradeNo: OUT_TRADE_NO });
    await until(() => stateOf(page) === 'ready');

    page.triggerPageLifeTime('hide');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(callsOf(calls, 'order.get')).toHaveLength(1);
    page.triggerPageLifeTime('show');
    await until(() => callsOf(calls, 'order.get').length === 2);

    page.detach();
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(callsOf(calls, 'order.get')).toHaveLength(2);
  });

  it('says where refunded money goes', async () => {
    const order = makeOrder({ outTradeNo: OUT_TRADE_NO, status: 'refunded', paidAt: new Date(NOW).toISOString(), refundAmount: 25300, refundedAt: new Date(NOW + 60_000).toISOString() });
    const { calls } = servePayments(fakePayments({ orders: [order] }));
    const page = openPage(RESULT, { outTradeNo: OUT_TRADE_NO });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('已退款，已原路退回');
    expect(textOf(page)).toContain('款项将原路退回，一般1-3个工作日到账');
    expect(textOf(find(page, '.refund'))).toContain('253.00元');
    expect(stepsOf(page)).toEqual({ texts: ['已下单', '已支付', '退款中', '已退款'], active: 3 });
    // Final: no polling.
    await jest.advanceTimersByTimeAsync(60_000);
    expect(callsOf(calls, 'order.get')).toHaveLength(1);
  });

  it('shows a refund in progress and a closed order with their steps', async () => {
    const payments = fakePayments({ orders: [makeOrder({ outTradeNo: OUT_TRADE_NO, status: 'refunding' }), makeOrder({ outTradeNo: 'B0002N1', status: 'closed' })] });
    servePayments(payments);
    const refunding = openPage(RESULT, { outTradeNo: OUT_TRADE_NO });
    await until(() => stateOf(refunding) === 'ready');
    expect(textOf(refunding)).toContain('退款中，将原路退回');
    expect(textOf(refunding)).toContain('一般1-3个工作日到账');
    expect(stepsOf(refunding).active).toBe(2);
    refunding.detach();

    const closed = openPage(RESULT, { outTradeNo: 'B0002N1' });
    await until(() => stateOf(closed) === 'ready');
    expect(textOf(closed)).toContain('已关闭（未支付）');
    expect(textOf(closed)).toContain('未扣款');
    expect(stepsOf(closed)).toEqual({ texts: ['已下单', '已关闭'], active: 1 });
    expect(closed.querySelector('.continue')).toBeUndefined();
  });

  it('offers 继续支付 for an order the patient cancelled, which pays the same bills’ order', async () => {
    const payments = fakePayments();
    const { calls, sandbox } = servePayments(payments);
    // The bills page made the order; the patient closed the pay sheet.
    const first = payments.handlers['bill.pay']!({ patientId: ZHANG.patientId, billIds: ['B1001', 'B1002'] });
    if (!first.ok) throw new Error('bill.pay refused');
    const outTradeNo = first.data.order.outTradeNo;
    const page = openPage(RESULT, { outTradeNo, patientId: ZHANG.patientId, billIds: 'B1001,B1002', outcome: 'cancelled' });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('待支付');
    expect(textOf(page)).toContain('您已取消支付，请在09:15前完成支付');
    expect(stepsOf(page).active).toBe(0);

    answerPaySheet('confirm');
    tap(page, '.continue', '.van-button');
    await until(() => sandbox.length === 1);
    expect(callsOf(calls, 'bill.pay')).toEqual([{ patientId: ZHANG.patientId, billIds: ['B1001', 'B1002'] }]);
    expect(sandbox[0]?.data).toEqual({ outTradeNo });
    expect(payments.orders).toHaveLength(1);
    await untilText(page, '已支付，正在向医院确认');
    expect(page.querySelector('.continue')).toBeUndefined();
  });

  it('offers no 继续支付 once the order has expired', async () => {
    const order = makeOrder({ outTradeNo: OUT_TRADE_NO, createdAt: new Date(NOW - 20 * 60_000).toISOString() });
    servePayments(fakePayments({ orders: [order] }));
    const page = openPage(RESULT, { outTradeNo: OUT_TRADE_NO });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('订单已超时未支付，将自动关闭，不会扣款');
    expect(page.querySelector('.continue')).toBeUndefined();
  });

  it('asks again instead of paying when the order expired while the page sat idle', async () => {
    const payments = fakePayments({ orders: [makeOrder({ outTradeNo: OUT_TRADE_NO })] });
    const { calls } = servePayments(payments);
    const page = openPage(RESULT, { outTradeNo: OUT_TRADE_NO, patientId: ZHANG.patientId, billIds: 'B1001', outcome: 'failed' });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('支付未成功，请在09:15前完成支付');
    await jest.advanceTimersByTimeAsync(20 * 60_000);
    await until(() => page.data.capped === true);
    tap(page, '.continue', '.van-button');
    await untilText(page, '订单已超时未支付');
    expect(callsOf(calls, 'bill.pay')).toEqual([]);
    expect(page.querySelector('.continue')).toBeUndefined();
  });

  it('opened from 我的订单 without the bills, 继续支付 leads to 门诊缴费', async () => {
    servePayments(fakePayments({ orders: [makeOrder({ outTradeNo: OUT_TRADE_NO })] }));
    const page = openPage(RESULT, { outTradeNo: OUT_TRADE_NO });
    await until(() => stateOf(page) === 'ready');
    tap(page, '.continue', '.van-button');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/payment/bills/index' });
  });

  it('shows an unknown order’s error with 重试', async () => {
    const { calls } = servePayments(fakePayments());
    const page = openPage(RESULT, { outTradeNo: 'B9999N1' });
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('未找到该订单');
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => callsOf(calls, 'order.get').length === 2);
  });
});

describe('支付结果 for registration fees (当日挂号, 取号)', () => {
  it('reads as a registration once confirmed and leads on to 我的挂号', async () => {
    const order = makeOrder({ outTradeNo: 'G0001N1', kind: 'registration', description: '挂号费', amount: 5000, status: 'confirmed', receiptNo: 'R1' });
    servePayments(fakePayments({ orders: [order] }));
    const page = openPage(RESULT, { outTradeNo: 'G0001N1' });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('挂号成功，请按时就诊，可在“我的挂号”中查看排队叫号');
    expect(textOf(page)).not.toContain('请按医嘱取药');
    tap(page, '.registrations', '.van-button');
    await until(() => mocked(wx.redirectTo).mock.calls.length === 1);
    expect(mocked(wx.redirectTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/booking/registrations/index' });
  });

  it('an appointment paid at booking reads as booked, says 取号 needs no further payment, and leads on to 我的预约', async () => {
    const order = makeOrder({ outTradeNo: 'YA2000N1', kind: 'appointment', description: '预约挂号费', amount: 2000, status: 'confirmed', receiptNo: 'R2' });
    servePayments(fakePayments({ orders: [order] }));
    const page = openPage(RESULT, { outTradeNo: 'YA2000N1' });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('预约成功，挂号费已缴，就诊当日在就诊时段开始前取号即可（无需再缴费）');
    expect(textOf(find(page, '.registrations'))).toContain('查看我的预约');
    tap(page, '.registrations', '.van-button');
    await until(() => mocked(wx.redirectTo).mock.calls.length === 1);
    expect(mocked(wx.redirectTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/booking/appointments/index' });
  });

  it('says the slot is released when the hold ran out, and offers no 继续支付 without this run’s pay sheet', async () => {
    const expired = makeOrder({ outTradeNo: 'G0001N1', kind: 'registration', description: '挂号费', createdAt: new Date(NOW - 20 * 60_000).toISOString() });
    const open = makeOrder({ outTradeNo: 'G0002N1', kind: 'registration', description: '挂号费' });
    servePayments(fakePayments({ orders: [expired, open] }));
    const lapsed = openPage(RESULT, { outTradeNo: 'G0001N1' });
    await until(() => stateOf(lapsed) === 'ready');
    expect(textOf(lapsed)).toContain('号源已释放，不会扣款');
    lapsed.detach();

    const unpaid = openPage(RESULT, { outTradeNo: 'G0002N1', outcome: 'cancelled' });
    await until(() => stateOf(unpaid) === 'ready');
    expect(textOf(unpaid)).toContain('您已取消支付，请在09:15前完成支付，超时号源自动释放');
    expect(unpaid.querySelector('.continue')).toBeUndefined();
  });

  it('继续支付 opens the pay sheet issued on this run again for a registration fee', async () => {
    const payments = fakePayments({ orders: [makeOrder({ outTradeNo: 'G0001N1', kind: 'registration', description: '挂号费', amount: 5000 })] });
    const { calls, sandbox } = servePayments(payments);
    const page = openPage(RESULT, { outTradeNo: 'G0001N1', outcome: 'cancelled' });
    // The confirm page paid through the same services/pay module on this run (the page's module instance).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pay = require('../../miniprogram/services/pay') as typeof import('../../miniprogram/services/pay');
    answerPaySheet('cancel');
    await pay.payOrder(PAYMENT, 'G0001N1');
    await until(() => stateOf(page) === 'ready');
    (page.instance.restart as () => void).call(page.instance);
    await until(() => page.querySelector('.continue') !== undefined);

    answerPaySheet('confirm');
    tap(page, '.continue', '.van-button');
    await until(() => sandbox.length === 1);
    expect(sandbox[0]?.data).toEqual({ outTradeNo: 'G0001N1' });
    expect(callsOf(calls, 'bill.pay')).toEqual([]);
    await untilText(page, '已支付，正在向医院确认');
    expect(textOf(page)).toContain('请勿重复挂号');
  });
});
