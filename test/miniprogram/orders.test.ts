/** 我的订单 packages/payment/orders: newest first, where each order's money is; tap → its result. */
import { failNetwork, LI, mocked, openPage, resetWx, stateOf, tap, textOf, until, XIAOBAO } from './helpers';
import { callsOf, fakePayments, makeOrder, NOW, servePayments } from './payment-helpers';

beforeEach(resetWx);

const ORDERS = 'packages/payment/orders/index';
const iso = (ms: number) => new Date(ms).toISOString();

describe('我的订单 packages/payment/orders', () => {
  it('lists the account’s orders newest first, each with description, amount, status and time', async () => {
    const orders = [
      makeOrder({ outTradeNo: 'B0001N1', status: 'refunded', amount: 4000, description: '门诊缴费（1项）', createdAt: iso(NOW - 2 * 86_400_000) }),
      makeOrder({ outTradeNo: 'B0003N1', status: 'paid', createdAt: iso(NOW) }),
      makeOrder({ outTradeNo: 'B0002N1', status: 'confirmed', amount: 5500, description: '门诊缴费（1项）', patientId: XIAOBAO.patientId, patientName: XIAOBAO.name, createdAt: iso(NOW - 86_400_000) }),
    ];
    const { calls } = servePayments(fakePayments({ orders }));
    const page = openPage(ORDERS);
    expect(textOf(page)).toContain('正在获取订单');
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'order.list')).toEqual([{}]);
    const rows = page.querySelectorAll('.order').map((row) => textOf(row));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('门诊缴费（3项）');
    expect(rows[0]).toContain('253.00元');
    expect(rows[0]).toContain('已支付，正在向医院确认');
    expect(rows[0]).toContain('张*明 · 2026-11-30 09:00');
    expect(rows[1]).toContain('已完成');
    expect(rows[1]).toContain('张*宝 · 2026-11-29 09:00');
    expect(rows[2]).toContain('已退款，已原路退回');
    expect(rows[2]).toContain('40.00元');

    tap(page, '.order', '.van-cell');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/payment/result/index?outTradeNo=B0003N1' });
  });

  it('refreshes when shown again, as an order moves on', async () => {
    const payments = fakePayments({ orders: [makeOrder({ outTradeNo: 'B0001N1', status: 'paid' })] });
    const { calls } = servePayments(payments);
    const page = openPage(ORDERS);
    await until(() => stateOf(page) === 'ready');
    payments.settle('B0001N1', 'confirmed');
    page.triggerPageLifeTime('show');
    await until(() => textOf(page).includes('已完成'));
    expect(callsOf(calls, 'order.list')).toHaveLength(2);
  });

  it('says there are no orders yet', async () => {
    servePayments(fakePayments({ orders: [] }));
    const page = openPage(ORDERS);
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('暂无订单');
  });

  it('shows the network error with 重试', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    failNetwork();
    const page = openPage(ORDERS);
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('网络异常，请检查网络后重试');
    servePayments(fakePayments({ orders: [makeOrder({ outTradeNo: 'B0001N1', patientName: LI.name })] }));
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('待支付');
    warn.mockRestore();
  });
});
