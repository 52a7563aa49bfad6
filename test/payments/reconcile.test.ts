/**
 * Daily reconciliation: WeChat's bill (downloadBill) vs the ledger vs the hospital's payment.list,
 * through the scheduler function's job handling. Each one-sided case is produced on purpose.
 */
import { hospitalInstant } from '../../miniprogram/core/time';
import { runScheduler } from '../../cloudfunctions/scheduler/src/jobs';
import { database } from '../../sandbox/cloud/wx-server-sdk';
import { payOrder, resetCloudPay, setPaySwitches } from '../../sandbox/cloud/wx-server-sdk/cloudpay';
import { parseWeChatBill, RECONCILIATIONS, type ReconciliationReport } from '../../cloudfunctions/common/payments';
import { billsFor, MINUTE, payBills, payWorld, type PayWorld } from './helpers';

afterEach(() => resetCloudPay());

function jobs(w: PayWorld, owner = 'scheduler-test') {
  const db = database({ throwOnNotFound: false });
  return (event: unknown) =>
    runScheduler(event, {
      engine: w.h.engine(),
      reconcile: { ...w.h.ports, frontMachine: w.h.fm, clock: () => w.h.clock.now, log: w.h.log, db },
      owner,
      log: w.h.log,
    });
}

async function paidAndConfirmed(w: PayWorld, amount: number): Promise<string> {
  const { order } = await payBills(w, billsFor(w, [amount]));
  await payOrder(order.outTradeNo);
  await w.h.advance(0);
  return order.outTradeNo;
}

test('a clean day reports no differences', async () => {
  const w = await payWorld();
  await paidAndConfirmed(w, 1000);
  w.h.clock.now = hospitalInstant('2026-03-10 10:05:00');
  const { reconciliation } = await jobs(w)({ job: 'reconcile', date: '2026-03-09' });
  expect(reconciliation).toMatchObject({ date: '2026-03-09', complete: true, differences: [], wechat: { payments: 1, paymentFee: 1000 }, ledger: { payments: 1 }, hospital: { payments: 1 } });
});

test('each one-sided case is found, saved as reconciliations/<date> with ids and amounts only, and logged', async () => {
  const w = await payWorld();
  const clean = await paidAndConfirmed(w, 1000);
  const forgotten = await paidAndConfirmed(w, 2000);
  w.h.billing.forget(forgotten);
  const misrecorded = await paidAndConfirmed(w, 3000);
  const rec = w.h.billing.payments.get(misrecorded);
  if (rec) rec.amount = 3100;
  w.h.billing.phantom({ outTradeNo: 'HOSPITALONLY0001', patientId: w.patientId, amount: 4000, paidAt: w.h.clock.now });
  // Paid at WeChat, callback lost, janitor not yet run: the ledger does not know.
  const { order: silent } = await payBills(w, billsFor(w, [5000]));
  setPaySwitches({ late: true }, silent.outTradeNo);
  await payOrder(silent.outTradeNo);
  // A refund made outside the engine (e.g. in the merchant console).
  await w.h.ports.pay.refund({ subMchId: w.h.ports.config.subMchId, outTradeNo: clean, outRefundNo: 'CONSOLE1', totalFee: 1000, refundFee: 1000, envId: 'local', functionName: 'payNotify' });
  await w.h.advance(0);

  const run = jobs(w);
  w.h.clock.now = hospitalInstant('2026-03-10 10:01:00');
  const { reconciliation } = await run({ job: 'reconcile' });
  const report = reconciliation as ReconciliationReport;
  const found = report.differences.map((d) => [d.type, d.outTradeNo]).sort();
  expect(found).toEqual(
    [
      ['confirmed_missing_at_hospital', forgotten],
      ['amount_mismatch', misrecorded],
      ['hospital_only', 'HOSPITALONLY0001'],
      ['wechat_paid_ledger_unpaid', silent.outTradeNo],
      ['refund_mismatch', clean],
    ].sort(),
  );
  expect(report.differences.find((d) => d.type === 'amount_mismatch')).toMatchObject({ ledgerFee: 3000, hospitalFee: 3100 });
  const saved = (await database({ throwOnNotFound: false }).collection(RECONCILIATIONS).doc('2026-03-09').get()).data;
  expect(saved).toMatchObject({ date: '2026-03-09', differences: report.differences });
  expect(JSON.stringify(saved)).not.toMatch(/张|项目|西药/);
  expect(w.h.lines.some((l) => l.includes('reconciliation found differences'))).toBe(true);

  // The timer: not before 10:00 the next day (WeChat's bill is not ready), then once per day by the cursor.
  w.h.clock.now = hospitalInstant('2026-03-10 09:59:00');
  const early = await run({ Type: 'Timer', TriggerName: 'everyMinute' });
  expect(early.reconciliation).toBeNull();
  // The timer's janitor found the silent payment, so that difference is gone by the next report.
  expect(early.janitor).toMatchObject({ worked: 1 });
  w.h.clock.now = hospitalInstant('2026-03-10 10:02:00');
  const timed = await run({ Type: 'Timer', TriggerName: 'everyMinute' });
  expect(timed.reconciliation?.differences.map((d) => d.type).sort()).toEqual(['amount_mismatch', 'confirmed_missing_at_hospital', 'hospital_only', 'refund_mismatch']);
  w.h.clock.now += MINUTE;
  expect((await run({ Type: 'Timer' })).reconciliation).toBeNull();
  expect((await jobs(w, 'another-run')({ Type: 'Timer' })).reconciliation).toBeNull();
});

test('WeChat’s text bill is parsed from its backtick-prefixed rows', () => {
  const bill = [
    '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注',
    '`2026-03-09 10:00:00,`wx1,`1800,`1900,`,`4200001,`B1,`o,`JSAPI,`SUCCESS,`OTHERS,`CNY,`12.50,`0.00,`0,`0,`0.00,`0.00,`,`,`门诊缴费（1项）,`,`0.07500,`0.60%,`12.50,`0.00,`',
    '`2026-03-09 11:00:00,`wx1,`1800,`1900,`,`4200001,`B1,`o,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`5031,`RB1,`12.50,`0.00,`ORIGINAL,`SUCCESS,`门诊缴费（1项）,`,`-0.07500,`0.60%,`0.00,`12.50,`',
    '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
    '`2,`12.50,`12.50,`0.00,`0.00000,`12.50,`12.50',
  ].join('\r\n');
  const parsed = parseWeChatBill(bill);
  expect([...parsed.payments]).toEqual([['B1', { transactionId: '4200001', fee: 1250 }]]);
  expect([...parsed.refunds]).toEqual([['RB1', { outTradeNo: 'B1', fee: 1250, status: 'SUCCESS' }]]);
});

test('on-demand jobs: {job: janitor} runs the janitor; a bad job or date is answered, not thrown', async () => {
  const w = await payWorld();
  const { order } = await payBills(w, billsFor(w, [1000]));
  w.h.clock.now += 11 * MINUTE;
  const run = jobs(w);
  expect((await run({ job: 'janitor' })).janitor).toMatchObject({ worked: 1 });
  expect((await w.h.ports.ledger.get(order.outTradeNo))?.status).toBe('closed');
  expect(await run({ job: 'reconcile', date: '2026-02-30' })).toEqual({ error: 'date must be YYYY-MM-DD' });
  expect(await run({ job: 'nope' })).toMatchObject({ error: expect.stringContaining('unknown job') });
});

test('a refund WeChat closes abnormally (REFUNDCLOSE / CHANGE) becomes a case for staff: the patient is told, reconciliation lists it every day', async () => {
  for (const end of ['REFUNDCLOSE', 'CHANGE'] as const) {
    const w = await payWorld();
    const ids = billsFor(w, [2600]);
    const { order } = await payBills(w, ids);
    setPaySwitches({ refundEnd: end }, order.outTradeNo);
    // The hospital refuses the payment (the bill was voided): the money goes back, and WeChat fails the refund.
    w.h.billing.voidBill(ids[0] ?? '');
    await payOrder(order.outTradeNo);
    await w.h.advance(0);
    await w.h.advance(MINUTE);
    const o = await w.h.ports.ledger.get(order.outTradeNo);
    expect(o?.status).toBe('refund-abnormal');
    expect(o?.history.at(-1)?.cause).toContain(end);
    expect(w.h.lines.some((l) => l.includes('ALERT') && l.includes('refund closed abnormally'))).toBe(true);
    const view = await w.h.call(w.openid, 'order.get', { outTradeNo: order.outTradeNo });
    expect(view).toMatchObject({ ok: true, data: { status: 'refund-abnormal', statusLabel: '退款异常，医院将联系您' } });
    // The janitor leaves it to staff; reconciliation lists it, today and the next day too.
    await w.h.janitor();
    expect((await w.h.ports.ledger.get(order.outTradeNo))?.status).toBe('refund-abnormal');
    w.h.clock.now = hospitalInstant('2026-03-10 10:05:00');
    const { reconciliation } = await jobs(w)({ job: 'reconcile', date: '2026-03-09' });
    expect(reconciliation?.differences).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'refund_needs_staff', outTradeNo: order.outTradeNo, ledgerFee: 2600 })]));
    w.h.clock.now = hospitalInstant('2026-03-11 10:05:00');
    const next = await jobs(w)({ job: 'reconcile', date: '2026-03-10' });
    expect(next.reconciliation?.differences).toEqual([expect.objectContaining({ type: 'refund_needs_staff', outTradeNo: order.outTradeNo })]);
    resetCloudPay();
  }
});

test('a refund whose callback never came (queryRefund’s lists are empty) is proven by the daily bill', async () => {
  const w = await payWorld();
  const ids = billsFor(w, [1700]);
  const { order } = await payBills(w, ids);
  // Every callback of this order is held and never released: only the bill can tell the refund finished.
  setPaySwitches({ late: true }, order.outTradeNo);
  w.h.billing.voidBill(ids[0] ?? '');
  await payOrder(order.outTradeNo);
  for (let i = 0; i < 5; i++) {
    await w.h.advance(MINUTE);
    await w.h.janitor();
  }
  expect((await w.h.ports.ledger.get(order.outTradeNo))?.status).toBe('refunding');
  w.h.clock.now = hospitalInstant('2026-03-10 10:05:00');
  await jobs(w)({ job: 'reconcile', date: '2026-03-09' });
  const o = await w.h.ports.ledger.get(order.outTradeNo);
  expect(o?.status).toBe('refunded');
  expect(o?.history.at(-1)?.cause).toMatch(/bill says SUCCESS/);
});
