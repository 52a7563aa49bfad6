/** The pure rules behind the payment pages: grouping, totals, steps, polling rhythm, messages. */
import {
  canContinuePaying,
  chosenBillIds,
  costVisitsView,
  groupBillsByVisit,
  newestFirst,
  ORDER_POLL_CAP,
  orderPollDelay,
  orderSteps,
  payRefusalMessage,
  selectedTotal,
} from '../../miniprogram/view-models/payment';
import { localHostRoute } from '../../miniprogram/services/pay';
import { BILLS, COSTS, makeOrder, NOW } from './payment-helpers';

describe('bills', () => {
  it('groups by visit, latest visit first, keeping the hospital’s order inside a visit', () => {
    const groups = groupBillsByVisit(BILLS);
    expect(groups.map((g) => [g.visitId, g.dateText, g.bills.map((b) => b.billId)])).toEqual([
      ['V1001', '2026-11-30 周一', ['B1001', 'B1002', 'B1003']],
      ['V1002', '2026-11-28 周六', ['B2001']],
    ]);
    expect(groups[0]?.bills[0]).toMatchObject({ categoryLabel: '药品', amountText: '118.00元', itemCount: 2 });
    expect(groups[0]?.bills[0]?.items[1]).toEqual({ name: '布地奈德混悬液', spec: '1mg:2ml*5支', quantityText: '5支 × 16.20元', amountText: '81.00元' });
  });

  it('sums only chosen, still listed bills, in fen, and keeps the hospital’s order for bill.pay', () => {
    expect(selectedTotal(BILLS, ['B1003', 'B2001'])).toBe(12000);
    expect(selectedTotal(BILLS, [])).toBe(0);
    expect(chosenBillIds(BILLS, ['B1003', 'GONE', 'B2001'])).toEqual(['B2001', 'B1003']);
  });

  it('ends a refusal with what to do next', () => {
    expect(payRefusalMessage({ code: 'CONFLICT', message: '所选费用已在另一笔待支付订单中' })).toBe('所选费用已在另一笔待支付订单中，请在“我的订单”中查看该订单');
    expect(payRefusalMessage({ code: 'RULE_VIOLATION', message: '所选费用已缴或已变更，请刷新后重新选择' })).toBe('所选费用已缴或已变更，请刷新后重新选择');
    expect(payRefusalMessage({ code: 'HOSPITAL_UNAVAILABLE', message: '微信支付暂时无法下单' })).toBe('微信支付暂时无法下单，请稍后重试');
  });
});

describe('orders', () => {
  const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

  it('shows each status on its path of steps', () => {
    const history = [
      { from: null, to: 'created' as const, at: at(0), cause: 'bill.pay' },
      { from: 'created' as const, to: 'paid' as const, at: at(1), cause: 'payNotify' },
      { from: 'paid' as const, to: 'refunding' as const, at: at(30), cause: 'janitor: hospital refused' },
    ];
    expect(orderSteps(makeOrder({ outTradeNo: 'x', status: 'created' }))).toMatchObject({ active: 0, steps: [{ text: '已下单', desc: '2026-11-30 09:00' }, { text: '已支付', desc: '' }, { text: '医院已确认' }] });
    expect(orderSteps(makeOrder({ outTradeNo: 'x', status: 'paying' })).active).toBe(0);
    expect(orderSteps(makeOrder({ outTradeNo: 'x', status: 'paid', history })).steps[1]).toEqual({ text: '已支付', desc: '2026-11-30 09:01' });
    expect(orderSteps(makeOrder({ outTradeNo: 'x', status: 'confirmed' })).active).toBe(2);
    expect(orderSteps(makeOrder({ outTradeNo: 'x', status: 'closed' })).steps.map((s) => s.text)).toEqual(['已下单', '已关闭']);
    const refunding = orderSteps(makeOrder({ outTradeNo: 'x', status: 'refunding', history }));
    expect(refunding).toMatchObject({ active: 2, steps: [{}, {}, { text: '退款中', desc: '2026-11-30 09:30' }, { text: '已退款', desc: '' }] });
    expect(orderSteps(makeOrder({ outTradeNo: 'x', status: 'refunded' })).active).toBe(3);
  });

  it('lets an unpaid order be paid only before it expires', () => {
    const order = makeOrder({ outTradeNo: 'x' });
    expect(canContinuePaying(order, NOW + 14 * 60_000)).toBe(true);
    expect(canContinuePaying(order, NOW + 15 * 60_000)).toBe(false);
    expect(canContinuePaying({ ...order, status: 'paid' }, NOW)).toBe(false);
  });

  it('polls every 2 s at first, backs off to at most 10 s, and stops at the cap', () => {
    const delays = Array.from({ length: ORDER_POLL_CAP + 2 }, (_, i) => orderPollDelay(i));
    expect(delays.slice(0, 4)).toEqual([2000, 2000, 2000, 3000]);
    const numbers = delays.filter((d): d is number => d !== null);
    expect(numbers).toHaveLength(ORDER_POLL_CAP);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeGreaterThanOrEqual(numbers[i - 1]!);
    expect(Math.max(...numbers)).toBe(10_000);
    expect(delays.slice(ORDER_POLL_CAP)).toEqual([null, null]);
  });

  it('sorts newest first', () => {
    const orders = [makeOrder({ outTradeNo: 'a', createdAt: at(0) }), makeOrder({ outTradeNo: 'b', createdAt: at(5) })];
    expect(newestFirst(orders).map((o) => o.outTradeNo)).toEqual(['b', 'a']);
  });
});

describe('costs and the local host', () => {
  it('lists visits latest first with paid and pending bills', () => {
    const visits = costVisitsView(COSTS);
    expect(visits.map((v) => v.title)).toEqual(['2026-11-30 呼吸科', '2026-11-20 皮肤科']);
    expect(visits[0]).toMatchObject({ totalText: '303.00元', paidText: '50.00元', pendingText: '253.00元', hasPending: true });
    expect(visits[0]?.bills[0]).toMatchObject({ statusText: '已缴费', receiptNo: 'R20261130007', paid: true });
    expect(visits[0]?.bills[1]).toMatchObject({ statusText: '待缴费', receiptNo: '', paid: false });
    expect(visits[1]?.hasPending).toBe(false);
  });

  it('puts /sandbox/pay on the origin of the local api URL', () => {
    expect(localHostRoute('http://127.0.0.1:7103/functions/api', '/sandbox/pay')).toBe('http://127.0.0.1:7103/sandbox/pay');
    expect(localHostRoute('https://dev.example.cn:8443/functions/api', '/sandbox/pay')).toBe('https://dev.example.cn:8443/sandbox/pay');
  });
});
