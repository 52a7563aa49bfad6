/**
 * Fixed cases of the payment engine against the emulated cloudPay and a stub hospital: the happy path,
 * each WeChat Pay behaviour (duplicate, late, out-of-order callbacks, paying after expiry, the 5-minute
 * close rule, one refund per refund number), forged callbacks, concurrent payment of the same bills,
 * hospital failures and the confirmation deadline, and two janitor runs at once.
 */
import type { OrderDoc } from '../../typings/db';
import type { ApiResult } from '../../typings/api';
import type { CostListResponse, OrderView } from '../../typings/payment';
import { ORDER_STATUS_LABELS } from '../../miniprogram/core/orders';
import { dataOf } from '../../cloudfunctions/testing/harness';
import { compactBeijing, MESSAGES, refundNoOf, transition, TRANSITIONS, canTransition, IllegalTransition } from '../../cloudfunctions/common/payments';
import { payOrder, releaseHeld, setPaySwitches } from '../../sandbox/cloud/wx-server-sdk/cloudpay';
import { resetCloudPay } from '../../sandbox/cloud/wx-server-sdk/cloudpay';
import { ALL_STATUSES, billsFor, janitorEveryMinute, MINUTE, orderOf, path, payBills, payWorld, wechat } from './helpers';

afterEach(() => resetCloudPay());

describe('the state machine', () => {
  test('is one table: exactly the transitions of docs/architecture.md#payments (plus closed → paid for money after expiry, confirmed → refunding for 退号, refunding → refund-abnormal for staff)', () => {
    const allowed = ALL_STATUSES.flatMap((from) => ALL_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`)).sort();
    expect(allowed).toEqual(
      [
        'created→paying',
        'created→paid',
        'created→closed',
        'paying→paid',
        'paying→closed',
        'paid→confirmed',
        'paid→refunding',
        'closed→paid',
        'refunding→refunded',
        'confirmed→refunding',
        'refunding→refund-abnormal',
        'refund-abnormal→refunded',
      ].sort(),
    );
    expect(TRANSITIONS.refunded).toEqual([]);
  });

  test('a transition outside the table throws and a legal one appends {from, to, at, cause}', () => {
    const order = { _id: 'X1', status: 'confirmed', history: [] } as unknown as OrderDoc;
    expect(() => transition(order, 'paid', 'test', 0)).toThrow(IllegalTransition);
    const paid = transition({ ...order, status: 'paying' }, 'paid', 'payNotify', Date.UTC(2026, 2, 9, 2));
    expect(paid.history).toEqual([{ from: 'paying', to: 'paid', at: '2026-03-09T02:00:00.000Z', cause: 'payNotify' }]);
  });
});

describe('paying outpatient bills', () => {
  test('bill.list → bill.pay → the patient pays → confirmed at the hospital; cost.list shows them paid', async () => {
    const w = await payWorld();
    const [a, b] = billsFor(w, [1250, 3800]);
    const listed = dataOf<{ bills: { billId: string }[]; total: number }>(await w.h.call(w.openid, 'bill.list', { patientId: w.patientId }));
    expect(listed.total).toBe(5050);
    const { order, payment } = await payBills(w, [a ?? '', b ?? '']);
    expect(order).toMatchObject({ amount: 5050, status: 'paying', statusLabel: ORDER_STATUS_LABELS.paying, description: '门诊缴费（2项）', patientName: '张*明', kind: 'outpatient-bill' });
    expect(order.outTradeNo.length).toBeLessThanOrEqual(32);
    expect(payment.package).toMatch(/^prepay_id=/);
    expect(Date.parse(order.expiresAt) - Date.parse(order.createdAt)).toBe(10 * MINUTE);
    // WeChat was asked for the hospital's amount, with our expiry.
    expect(w.h.payCalls[0]).toMatchObject({ method: 'unifiedOrder', params: { totalFee: 5050, functionName: 'payNotify', outTradeNo: order.outTradeNo } });

    expect(await payOrder(order.outTradeNo)).toMatchObject({ ok: true });
    await w.h.advance(0);
    const view = dataOf<OrderView>(await w.h.call(w.openid, 'order.get', { outTradeNo: order.outTradeNo }));
    expect(view).toMatchObject({ status: 'confirmed', statusLabel: '已完成', receiptNo: expect.stringMatching(/^RC/) });
    expect(view.history.map((t) => t.to)).toEqual(['created', 'paying', 'paid', 'confirmed']);
    const costs = dataOf<CostListResponse>(await w.h.call(w.openid, 'cost.list', { patientId: w.patientId }));
    expect(costs.visits[0]?.bills.map((x) => x.status)).toEqual(['paid', 'paid']);
    expect(dataOf<{ orders: OrderView[] }>(await w.h.call(w.openid, 'order.list', {})).orders.map((o) => o.outTradeNo)).toEqual([order.outTradeNo]);
    // The ledger holds ids and amounts, never an item's name.
    expect(JSON.stringify(await orderOf(w, order.outTradeNo))).not.toContain('项目');
  });

  test('paying again returns the first payment parameters, never a second unifiedOrder; a hold about to lapse is placed with WeChat’s 5-minute minimum', async () => {
    const w = await payWorld();
    const ids = billsFor(w, [990]);
    const first = await payBills(w, ids);
    await w.h.advance(8 * MINUTE);
    const again = await payBills(w, ids);
    expect(again.order.outTradeNo).toBe(first.order.outTradeNo);
    expect(again.payment).toEqual(first.payment);
    expect(w.h.payCalls.filter((c) => c.method === 'unifiedOrder')).toHaveLength(1);
    // Two minutes were left of the order's life: WeChat still got a timeExpire 6 minutes on (it refuses under 5).
    const other = billsFor(w, [450]);
    w.h.ports.config.orderTtlMs = 2 * MINUTE;
    const near = await payBills(w, other);
    const sent = w.h.payCalls.filter((c) => c.method === 'unifiedOrder').at(-1)?.params.timeExpire as string;
    expect(sent).toBe(compactBeijing(w.h.clock.now + 6 * MINUTE));
    expect(near.payment.package).toMatch(/^prepay_id=/);
  });

  test('bills not pending for this patient → RULE_VIOLATION billIds; nothing is ordered', async () => {
    const w = await payWorld();
    const [a] = billsFor(w, [1000]);
    const r: ApiResult = await w.h.call(w.openid, 'bill.pay', { patientId: w.patientId, billIds: [a ?? '', 'BL99999999'] });
    expect(r).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'billIds', message: MESSAGES.billsNotPending });
    expect(w.h.payCalls).toEqual([]);
  });

  test('the same bills again while unpaid → the same order and the same prepay; an overlapping set → CONFLICT', async () => {
    const w = await payWorld();
    const [a, b, c] = billsFor(w, [1000, 2000, 3000]);
    const first = await payBills(w, [a ?? '', b ?? '']);
    const again = await payBills(w, [b ?? '', a ?? '']);
    expect(again.order.outTradeNo).toBe(first.order.outTradeNo);
    expect(again.payment.package).toBe(first.payment.package);
    const r: ApiResult = await w.h.call(w.openid, 'bill.pay', { patientId: w.patientId, billIds: [b ?? '', c ?? ''] });
    expect(r).toEqual({ ok: false, code: 'CONFLICT', field: 'billIds', message: '所选费用已在另一笔待支付订单中' });
  });

  test('a bill paid twice at once charges once: two concurrent bill.pay meet on one order', async () => {
    const w = await payWorld();
    const ids = billsFor(w, [4200]);
    const [x, y] = await Promise.all([payBills(w, ids), payBills(w, ids)]);
    expect(y.order.outTradeNo).toBe(x.order.outTradeNo);
    expect(await w.h.ports.ledger.listByAccount(w.openid)).toHaveLength(1);
    expect(await payOrder(x.order.outTradeNo)).toMatchObject({ ok: true });
    expect(await payOrder(y.order.outTradeNo)).toEqual({ ok: false, reason: 'ALREADY_PAID' });
    await w.h.advance(0);
    expect((await orderOf(w, x.order.outTradeNo)).status).toBe('confirmed');
    // Paid and confirmed: the bills are no longer pending, so a third attempt is refused.
    expect(await w.h.call(w.openid, 'bill.pay', { patientId: w.patientId, billIds: ids })).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });
  });

  test('two overlapping bill sets paid at once: one order reaches WeChat, the other is refused CONFLICT; nothing is charged twice', async () => {
    for (let round = 0; round < 5; round++) {
      resetCloudPay();
      const w = await payWorld();
      const [a, b, c] = billsFor(w, [1000, 2000, 3000]);
      // Both calls pass the early check (neither sees the other's order yet): only the claims can tell.
      const ledger = w.h.ports.ledger;
      const list = ledger.listByPatient.bind(ledger);
      let arrived = 0;
      let release = () => undefined as void;
      const both = new Promise<void>((resolve) => (release = resolve));
      ledger.listByPatient = async (...args) => {
        const found = await list(...args);
        if (++arrived === 2) release();
        await both;
        return found;
      };
      const answers: ApiResult[] = await Promise.all([
        w.h.call(w.openid, 'bill.pay', { patientId: w.patientId, billIds: [a ?? '', b ?? ''] }),
        w.h.call(w.openid, 'bill.pay', { patientId: w.patientId, billIds: [b ?? '', c ?? ''] }),
      ]);
      expect(answers.filter((r) => r.ok)).toHaveLength(1);
      expect(answers.find((r) => !r.ok)).toMatchObject({ ok: false, code: 'CONFLICT', field: 'billIds', message: MESSAGES.billsInOtherOrder });
      expect(await w.h.ports.ledger.listByAccount(w.openid)).toHaveLength(1);
      expect(w.h.payCalls.filter((call) => call.method === 'unifiedOrder')).toHaveLength(1);
    }
  });

  test('WeChat Pay unreachable at bill.pay → HOSPITAL_UNAVAILABLE with what to do, never INTERNAL; the janitor closes the attempt', async () => {
    const w = await payWorld();
    const ids = billsFor(w, [900]);
    w.h.ports.pay.unifiedOrder = async () => {
      throw new Error('cloudPay.unifiedOrder:fail network');
    };
    const r: ApiResult = await w.h.call(w.openid, 'bill.pay', { patientId: w.patientId, billIds: ids });
    expect(r).toEqual({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: MESSAGES.payUnavailable });
    const [order] = await w.h.ports.ledger.listByAccount(w.openid);
    expect(order?.status).toBe('created');
    await w.h.advance(11 * MINUTE);
    await w.h.janitor();
    expect((await orderOf(w, order?._id ?? '')).status).toBe('closed');
  });

  test('after an order closes unpaid, paying the same bills makes a new order (the next attempt)', async () => {
    const w = await payWorld();
    const ids = billsFor(w, [900]);
    const first = await payBills(w, ids);
    await w.h.advance(11 * MINUTE);
    await w.h.janitor();
    expect((await orderOf(w, first.order.outTradeNo)).status).toBe('closed');
    const second = await payBills(w, ids);
    expect(second.order.outTradeNo).not.toBe(first.order.outTradeNo);
    expect(second.order.status).toBe('paying');
  });
});

describe('WeChat Pay behaviours', () => {
  test('duplicate callbacks: every copy answered {errcode: 0}, one payment, one confirmation', async () => {
    const w = await payWorld();
    const { order } = await payBills(w, billsFor(w, [1500]));
    setPaySwitches({ duplicate: 3 }, order.outTradeNo);
    await payOrder(order.outTradeNo);
    await w.h.advance(0);
    const o = await orderOf(w, order.outTradeNo);
    expect(path(o)).toEqual(['created', 'paying', 'paid', 'confirmed']);
    expect(w.h.billing.confirmations.get(order.outTradeNo)).toBe(1);
    const notes = (await wechat(order.outTradeNo)).notifications;
    expect(notes).toHaveLength(4);
    for (const n of notes) expect(n).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  test('a late callback after the janitor already found the payment: answered {errcode: 0}, no second effect', async () => {
    const w = await payWorld();
    const { order } = await payBills(w, billsFor(w, [1500]));
    setPaySwitches({ late: true }, order.outTradeNo);
    await payOrder(order.outTradeNo);
    await w.h.advance(0);
    expect((await orderOf(w, order.outTradeNo)).status).toBe('paying');
    await w.h.advance(MINUTE);
    await w.h.janitor();
    const found = await orderOf(w, order.outTradeNo);
    expect(found.status).toBe('confirmed');
    expect(found.history.find((t) => t.to === 'paid')?.cause).toMatch(/queryOrder/);
    expect(await releaseHeld(order.outTradeNo)).toBe(1);
    await w.h.advance(0);
    expect(await orderOf(w, order.outTradeNo)).toEqual(found);
    expect((await wechat(order.outTradeNo)).notifications[0]).toMatchObject({ state: 'delivered', history: [{ answer: { errcode: 0 } }] });
    expect(w.h.billing.confirmations.get(order.outTradeNo)).toBe(1);
  });

  test('out of order: the refund callback arrives before the payment callback; both answered, order refunded', async () => {
    const w = await payWorld();
    const ids = billsFor(w, [2600]);
    const { order } = await payBills(w, ids);
    setPaySwitches({ outOfOrder: true }, order.outTradeNo);
    await payOrder(order.outTradeNo);
    // The bill is voided at the window meanwhile: the hospital will refuse the payment.
    w.h.billing.voidBill(ids[0] ?? '');
    await w.h.advance(11 * MINUTE);
    await w.h.janitor();
    await w.h.advance(0);
    await w.h.advance(0);
    const o = await orderOf(w, order.outTradeNo);
    expect(path(o)).toEqual(['created', 'paying', 'paid', 'refunding', 'refunded']);
    const notes = (await wechat(order.outTradeNo)).notifications;
    expect(notes.map((n) => [n.kind, n.state])).toEqual(expect.arrayContaining([['payment', 'delivered'], ['refund', 'delivered']]));
    const refundFirst = notes.find((n) => n.kind === 'refund')?.deliveredAt ?? Infinity;
    expect(notes.find((n) => n.kind === 'payment')?.deliveredAt).toBeGreaterThanOrEqual(refundFirst);
  });

  test('paid after the order was closed: recorded, then refunded at once with R + outTradeNo', async () => {
    const w = await payWorld();
    const { order } = await payBills(w, billsFor(w, [3300]));
    // The ledger gave up on the order while WeChat still lets the patient pay (payAfterExpiry).
    await w.h.ports.ledger.change(order.outTradeNo, (cur) => ({ next: transition(cur as OrderDoc, 'closed', 'test: closed without WeChat', w.h.clock.now), answer: null }));
    setPaySwitches({ payAfterExpiry: true }, order.outTradeNo);
    await w.h.advance(12 * MINUTE);
    expect(await payOrder(order.outTradeNo)).toMatchObject({ ok: true });
    await w.h.advance(0);
    await w.h.advance(0);
    const o = await orderOf(w, order.outTradeNo);
    expect(path(o)).toEqual(['created', 'paying', 'closed', 'paid', 'refunding', 'refunded']);
    expect(o.outRefundNo).toBe(refundNoOf(order.outTradeNo));
    expect(w.h.billing.confirmations.get(order.outTradeNo)).toBeUndefined();
    expect((await wechat(order.outTradeNo)).refunds).toMatchObject([{ outRefundNo: `R${order.outTradeNo}`, refundFee: 3300, refundStatus: 'SUCCESS' }]);
  });

  test('a patient paying after expiry while the order is still open: WeChat refuses, the janitor closes it', async () => {
    const w = await payWorld();
    const { order } = await payBills(w, billsFor(w, [3300]));
    await w.h.advance(10 * MINUTE + 1000);
    expect(await payOrder(order.outTradeNo)).toEqual({ ok: false, reason: 'EXPIRED' });
    await w.h.janitor();
    expect((await orderOf(w, order.outTradeNo)).status).toBe('closed');
    expect((await wechat(order.outTradeNo)).order.tradeState).toBe('CLOSED');
  });

  test('close respects WeChat’s 5-minute rule: not before 5 minutes, then closed', async () => {
    const w = await payWorld({ paymentConfig: { orderTtlMs: 2 * MINUTE } });
    const { order } = await payBills(w, billsFor(w, [700]));
    await w.h.advance(3 * MINUTE);
    await w.h.janitor();
    expect((await orderOf(w, order.outTradeNo)).status).toBe('paying');
    expect(w.h.payCalls.filter((c) => c.method === 'closeOrder')).toEqual([]);
    await w.h.advance(2 * MINUTE + 1000);
    await w.h.janitor();
    expect((await orderOf(w, order.outTradeNo)).status).toBe('closed');
    expect(w.h.payCalls.filter((c) => c.method === 'closeOrder')).toHaveLength(1);
  });

  test('a refund is asked for once per outRefundNo: a lost refund call is retried as the same refund', async () => {
    const w = await payWorld();
    const ids = billsFor(w, [5100]);
    const { order } = await payBills(w, ids);
    w.h.billing.voidBill(ids[0] ?? '');
    const realRefund = w.h.ports.pay.refund;
    let lost = 1;
    w.h.ports.pay.refund = async (p) => {
      if (lost-- > 0) throw new Error('network: refund answer lost');
      return realRefund(p);
    };
    await payOrder(order.outTradeNo);
    await w.h.advance(0);
    expect((await orderOf(w, order.outTradeNo)).status).toBe('refunding');
    await janitorEveryMinute(w.h, 3);
    const o = await orderOf(w, order.outTradeNo);
    expect(o.status).toBe('refunded');
    const refunds = (await wechat(order.outTradeNo)).refunds;
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ outRefundNo: `R${order.outTradeNo}`, refundFee: 5100 });
    // A repeat of the same refund number refunds nothing more.
    await w.h.ports.pay.refund({ subMchId: w.h.ports.config.subMchId, outTradeNo: order.outTradeNo, outRefundNo: o.outRefundNo ?? '', totalFee: 5100, refundFee: 5100, envId: 'local', functionName: 'payNotify' });
    expect((await wechat(order.outTradeNo)).refunds).toHaveLength(1);
  });
});

describe('forged and mismatched callbacks are refused, logged, and leave the order untouched', () => {
  test.each([
    ['wrong amount', { totalFee: 1 }],
    ['another merchant', { subMchId: '1234567890' }],
    ['an unknown order', { outTradeNo: 'BNOSUCHORDER0000000000000000N1' }],
    ['a failed payment', { resultCode: 'FAIL' }],
    ['a transaction WeChat never made', { transactionId: '4200000000000000000000000001' }],
  ])('%s', async (_label, tamper) => {
    const w = await payWorld();
    const { order } = await payBills(w, billsFor(w, [1800]));
    setPaySwitches({ late: true }, order.outTradeNo);
    await payOrder(order.outTradeNo);
    const genuine = (await wechat(order.outTradeNo)).notifications[0]?.event as unknown as Record<string, unknown>;
    const before = await orderOf(w, order.outTradeNo);
    // 'a transaction WeChat never made' is forged for an order nobody paid.
    if ('transactionId' in tamper) {
      const other = await payBills(w, billsFor(w, [1800]));
      const forged = { ...genuine, outTradeNo: other.order.outTradeNo, ...tamper };
      const untouched = await orderOf(w, other.order.outTradeNo);
      expect((await w.h.notify(forged)).errcode).not.toBe(0);
      expect(await orderOf(w, other.order.outTradeNo)).toEqual(untouched);
    } else {
      expect((await w.h.notify({ ...genuine, ...tamper })).errcode).not.toBe(0);
    }
    expect(await orderOf(w, order.outTradeNo)).toEqual(before);
    expect(w.h.lines.some((l) => l.includes('payment callback refused'))).toBe(true);
    expect(w.h.billing.confirmations.size).toBe(0);
  });

  test('payNotify called by a signed-in user (not WeChat Pay) is refused', async () => {
    const { handlePayNotify } = await import('../../cloudfunctions/payNotify/src/notify');
    const w = await payWorld();
    const { order } = await payBills(w, billsFor(w, [1800]));
    setPaySwitches({ late: true }, order.outTradeNo);
    await payOrder(order.outTradeNo);
    const genuine = (await wechat(order.outTradeNo)).notifications[0]?.event;
    expect(await handlePayNotify(genuine, { OPENID: w.openid }, w.h.engine(), w.h.log)).toMatchObject({ errcode: 1 });
    expect((await orderOf(w, order.outTradeNo)).status).toBe('paying');
  });

  test('payNotify answers only WeChat Pay (SOURCE wx_paycallback): a timer, an HTTP API call, another function or no source is refused', async () => {
    const { handlePayNotify } = await import('../../cloudfunctions/payNotify/src/notify');
    const w = await payWorld();
    const { order } = await payBills(w, billsFor(w, [1900]));
    setPaySwitches({ late: true }, order.outTradeNo);
    await payOrder(order.outTradeNo);
    const genuine = (await wechat(order.outTradeNo)).notifications[0]?.event;
    for (const SOURCE of ['wx_trigger', 'wx_http', 'wx_client,scf', 'wx_paycallback,scf', undefined]) {
      expect(await handlePayNotify(genuine, SOURCE === undefined ? {} : { SOURCE }, w.h.engine(), w.h.log)).toMatchObject({ errcode: 1 });
    }
    expect((await orderOf(w, order.outTradeNo)).status).toBe('paying');
    expect(await handlePayNotify(genuine, { SOURCE: 'wx_paycallback' }, w.h.engine(), w.h.log)).toEqual({ errcode: 0 });
    expect((await orderOf(w, order.outTradeNo)).status).toBe('confirmed');
  });

  test('a forged refund callback is refused', async () => {
    const w = await payWorld();
    const { order } = await payBills(w, billsFor(w, [1800]));
    await payOrder(order.outTradeNo);
    await w.h.advance(0);
    const before = await orderOf(w, order.outTradeNo);
    const forged = { returnCode: 'SUCCESS', subMchId: w.h.ports.config.subMchId, outTradeNo: order.outTradeNo, outRefundNo: `R${order.outTradeNo}`, refundFee: 1800, refundStatus: 'SUCCESS' };
    expect((await w.h.notify(forged)).errcode).not.toBe(0);
    expect(await orderOf(w, order.outTradeNo)).toEqual(before);
  });
});

describe('the hospital side', () => {
  test('hospital down on confirmation → stays paid (已支付，正在向医院确认) → the janitor confirms later', async () => {
    const w = await payWorld();
    const { order } = await payBills(w, billsFor(w, [2200]));
    w.h.billing.failConfirms = 3;
    await payOrder(order.outTradeNo);
    await w.h.advance(0);
    const view = dataOf<OrderView>(await w.h.call(w.openid, 'order.get', { outTradeNo: order.outTradeNo }));
    expect(view).toMatchObject({ status: 'paid', statusLabel: '已支付，正在向医院确认' });
    await janitorEveryMinute(w.h, 8);
    const o = await orderOf(w, order.outTradeNo);
    expect(o.status).toBe('confirmed');
    expect(o.confirmAttempts).toBe(3);
    expect(w.h.billing.confirmations.get(order.outTradeNo)).toBe(1);
    // Every try carried the same idempotency key.
    const keys = w.h.fm.calls.filter((c) => c.op === 'bill.confirm').map((c) => c.opts?.idempotencyKey);
    expect(new Set(keys)).toEqual(new Set([order.outTradeNo]));
  });

  test('silent past the deadline → not refunded (the hospital may hold it): still asked, an alert logged; the hospital back → confirmed', async () => {
    const w = await payWorld();
    const { order } = await payBills(w, billsFor(w, [2200]));
    await payOrder(order.outTradeNo);
    w.h.billing.down = true;
    await w.h.advance(0);
    await janitorEveryMinute(w.h, 45);
    const waiting = await orderOf(w, order.outTradeNo);
    expect(waiting.status).toBe('paid');
    expect(w.h.lines.some((l) => l.includes('ALERT') && l.includes('confirmation deadline'))).toBe(true);
    expect((await wechat(order.outTradeNo)).refunds).toEqual([]);
    w.h.billing.down = false;
    await janitorEveryMinute(w.h, 11);
    const o = await orderOf(w, order.outTradeNo);
    expect(o.status).toBe('confirmed');
    expect(o.outRefundNo).toBeNull();
  });

  test('a janitor run cut short by its time budget leaves the rest, and the next run starts with what it left', async () => {
    const w = await payWorld();
    const nos: string[] = [];
    for (const amount of [1100, 1200, 1300]) {
      const { order } = await payBills(w, billsFor(w, [amount]));
      nos.push(order.outTradeNo);
    }
    w.h.billing.down = true;
    for (const no of nos) await payOrder(no);
    await w.h.advance(0);
    await w.h.advance(2 * MINUTE);
    const attempts = async () => Promise.all(nos.map(async (no) => (await orderOf(w, no)).confirmAttempts));
    const before = await attempts();
    // A fake real-time clock: one tick per order considered; the budget allows two.
    let tick = 0;
    const first = await w.h.engine().runJanitor('run-1', { deadlineAt: 2, now: () => tick++ });
    expect(first).toMatchObject({ worked: 2, deferred: 1 });
    const afterFirst = await attempts();
    const left = nos.filter((_, i) => afterFirst[i] === before[i]);
    expect(left).toHaveLength(1);
    await w.h.advance(10 * MINUTE);
    tick = 0;
    const second = await w.h.engine().runJanitor('run-2', { deadlineAt: 1, now: () => tick++ });
    expect(second).toMatchObject({ worked: 1, deferred: 2 });
    expect((await orderOf(w, left[0]!)).confirmAttempts).toBe((afterFirst[nos.indexOf(left[0]!)] ?? 0) + 1);
  });

  test('a confirmation the hospital recorded after we stopped waiting (late commit) → confirmed at the next ask, never refunded', async () => {
    const w = await payWorld();
    const ids = billsFor(w, [3100]);
    const { order } = await payBills(w, ids);
    w.h.billing.lateCommits = 1;
    await payOrder(order.outTradeNo);
    await w.h.advance(0);
    // The hospital holds the payment, the ledger does not know yet.
    expect(w.h.billing.payments.has(order.outTradeNo)).toBe(true);
    expect((await orderOf(w, order.outTradeNo)).status).toBe('paid');
    w.h.billing.down = true;
    await janitorEveryMinute(w.h, 40);
    expect((await orderOf(w, order.outTradeNo)).status).toBe('paid');
    w.h.billing.down = false;
    await janitorEveryMinute(w.h, 11);
    const o = await orderOf(w, order.outTradeNo);
    expect(o.status).toBe('confirmed');
    expect(o.receiptNo).toBe(w.h.billing.payments.get(order.outTradeNo)?.receiptNo);
    expect((await wechat(order.outTradeNo)).refunds).toEqual([]);
    expect(ids.every((id) => w.h.billing.bills.get(id)?.status === 'paid')).toBe(true);
  });

  test('the hospital refuses (bill voided) → refunded at once', async () => {
    const w = await payWorld();
    const ids = billsFor(w, [800]);
    const { order } = await payBills(w, ids);
    w.h.billing.voidBill(ids[0] ?? '');
    await payOrder(order.outTradeNo);
    await w.h.advance(0);
    await w.h.advance(0);
    const o = await orderOf(w, order.outTradeNo);
    expect(o.status).toBe('refunded');
    expect(o.history.find((t) => t.to === 'refunding')?.cause).toContain('hospital refused');
  });
});

describe('the janitor', () => {
  test('two janitor runs at once never work the same order', async () => {
    const w = await payWorld();
    const orders: string[] = [];
    for (let i = 0; i < 6; i++) orders.push((await payBills(w, billsFor(w, [1000 + i]))).order.outTradeNo);
    w.h.billing.failConfirms = 6;
    for (const no of orders) await payOrder(no);
    await w.h.advance(0);
    w.h.fm.calls.length = 0;
    await w.h.advance(2 * MINUTE);
    const [a, b] = await Promise.all([w.h.janitor('run-a'), w.h.janitor('run-b')]);
    expect(a.worked + b.worked).toBe(6);
    expect(a.skipped + b.skipped).toBe(6);
    const perOrder = new Map<string, number>();
    for (const c of w.h.fm.calls.filter((x) => x.op === 'bill.confirm')) {
      const no = (c.req as { outTradeNo: string }).outTradeNo;
      perOrder.set(no, (perOrder.get(no) ?? 0) + 1);
    }
    expect([...perOrder.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    for (const no of orders) expect((await orderOf(w, no)).lease).toBeNull();
  });

  test('a crashed run’s lease expires, and another run takes the order over', async () => {
    const w = await payWorld();
    const { order } = await payBills(w, billsFor(w, [1000]));
    await w.h.ports.ledger.change(order.outTradeNo, (cur) => ({ next: { ...(cur as OrderDoc), lease: { owner: 'crashed', until: w.h.clock.now + 2 * MINUTE } }, answer: null }));
    await w.h.advance(11 * MINUTE);
    await w.h.janitor('next');
    expect((await orderOf(w, order.outTradeNo)).status).toBe('closed');
  });
});
