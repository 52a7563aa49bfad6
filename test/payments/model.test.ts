/**
 * Model-based property test of the payment engine: random sequences of bill.pay (sometimes twice at
 * once), the patient paying, duplicate / late / out-of-order callbacks, paying after expiry, hospital
 * failures, refusals and late commits (recorded, answer lost), janitor runs and clock steps; then settle (faults cleared, held callbacks
 * released, the janitor run every few minutes until quiet) and check the money:
 * - every order ends confirmed, closed or refunded;
 * - money taken by WeChat = money confirmed at the hospital + money refunded;
 * - nothing is confirmed or refunded twice, and nothing is confirmed without WeChat holding the money.
 */
import fc from 'fast-check';
import type { OrderDoc } from '../../typings/db';
import { FINAL_ORDER_STATUSES } from '../../miniprogram/core/orders';
import { payOrder, payRecord, releaseHeld, resetCloudPay, setPaySwitches } from '../../sandbox/cloud/wx-server-sdk/cloudpay';
import { ALL_STATUSES, billsFor, MINUTE, payWorld, type PayWorld } from './helpers';
import { wardHospital, type WardHospital } from '../../cloudfunctions/testing/ward-hospital';
import { DEPOSIT_PRESETS_FEN } from '../../miniprogram/core/inpatient';

/** The ward of the world under test (deposits for the patient's bound stay). */
let ward: WardHospital;
let stayId: string;

type Command =
  | { kind: 'visit'; amounts: number[] }
  | { kind: 'billPay'; pick: number[]; twice: boolean }
  | { kind: 'pay'; order: number; userPaying: boolean }
  | { kind: 'switches'; order: number; duplicate: number; late: boolean; outOfOrder: boolean; payAfterExpiry: boolean }
  | { kind: 'release' }
  | { kind: 'hospitalFails'; confirms: number }
  | { kind: 'lateCommit'; confirms: number }
  | { kind: 'refundEnd'; order: number; end: 'REFUNDCLOSE' | 'CHANGE' }
  | { kind: 'hospitalDown'; down: boolean }
  | { kind: 'voidBill'; bill: number }
  | { kind: 'janitor'; twice: boolean }
  | { kind: 'deliver' }
  | { kind: 'clock'; ms: number }
  // Inpatient deposits: one more order kind; the ward discharging makes the hospital refuse them.
  | { kind: 'deposit'; preset: number; twice: boolean }
  | { kind: 'discharge' };

const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('visit' as const), amounts: fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 3 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('billPay' as const), pick: fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }), twice: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('pay' as const), order: fc.nat(20), userPaying: fc.integer({ min: 0, max: 9 }).map((n) => n < 2) }), weight: 6 },
  {
    arbitrary: fc.record({
      kind: fc.constant('switches' as const),
      order: fc.nat(20),
      duplicate: fc.integer({ min: 0, max: 2 }),
      late: fc.boolean(),
      outOfOrder: fc.boolean(),
      payAfterExpiry: fc.boolean(),
    }),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: 'release' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('hospitalFails' as const), confirms: fc.integer({ min: 1, max: 5 }) }), weight: 1 },
  // The hospital records the confirmation, the answer is lost (a late commit): never refunded while it may hold it.
  { arbitrary: fc.record({ kind: fc.constant('lateCommit' as const), confirms: fc.integer({ min: 1, max: 3 }) }), weight: 1 },
  // WeChat closes an order's refund abnormally: a case for staff, kept apart from the balance.
  { arbitrary: fc.record({ kind: fc.constant('refundEnd' as const), order: fc.nat(20), end: fc.constantFrom('REFUNDCLOSE' as const, 'CHANGE' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('hospitalDown' as const), down: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('voidBill' as const), bill: fc.nat(30) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('janitor' as const), twice: fc.boolean() }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'deliver' as const }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('clock' as const), ms: fc.oneof(fc.integer({ min: 1, max: 15 }).map((m) => m * MINUTE), fc.integer({ min: 1, max: 3 }).map((h) => h * 60 * MINUTE)) }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('deposit' as const), preset: fc.nat(2), twice: fc.boolean() }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'discharge' as const }), weight: 1 },
);

async function step(w: PayWorld, c: Command, orders: string[]): Promise<void> {
  const { h } = w;
  const orderAt = (i: number) => (orders.length === 0 ? undefined : orders[i % orders.length]);
  switch (c.kind) {
    case 'visit':
      billsFor(w, c.amounts);
      return;
    case 'billPay': {
      const pending = [...h.billing.bills.values()].filter((b) => b.patientId === w.patientId && b.status === 'pending').map((b) => b.bill.billId);
      if (pending.length === 0) return;
      const billIds = [...new Set(c.pick.map((i) => pending[i % pending.length] ?? ''))];
      const call = () => h.call(w.openid, 'bill.pay', { patientId: w.patientId, billIds });
      const answers = c.twice ? await Promise.all([call(), call()]) : [await call()];
      for (const r of answers) {
        if (r.ok) {
          if (!orders.includes(r.data.order.outTradeNo)) orders.push(r.data.order.outTradeNo);
        } else {
          // Refusals are business answers, never INTERNAL.
          expect(r.code).not.toBe('INTERNAL');
        }
      }
      return;
    }
    case 'pay': {
      const no = orderAt(c.order);
      // WeChat may refuse (closed, paid, expired): that is the patient's problem, not the engine's.
      if (no) await payOrder(no, { userPaying: c.userPaying });
      return;
    }
    case 'switches': {
      const no = orderAt(c.order);
      if (no) setPaySwitches({ duplicate: c.duplicate, late: c.late, outOfOrder: c.outOfOrder, payAfterExpiry: c.payAfterExpiry }, no);
      return;
    }
    case 'release':
      await releaseHeld();
      return;
    case 'hospitalFails':
      h.billing.failConfirms = c.confirms;
      return;
    case 'lateCommit':
      h.billing.lateCommits = c.confirms;
      return;
    case 'refundEnd': {
      const no = orderAt(c.order);
      if (no) setPaySwitches({ refundEnd: c.end }, no);
      return;
    }
    case 'hospitalDown':
      h.billing.down = c.down;
      return;
    case 'voidBill': {
      const all = [...h.billing.bills.keys()];
      const id = all[c.bill % Math.max(1, all.length)];
      if (id) h.billing.voidBill(id);
      return;
    }
    case 'janitor':
      if (c.twice) await Promise.all([h.janitor('run-a'), h.janitor('run-b')]);
      else await h.janitor();
      return;
    case 'deliver':
      await h.advance(0);
      return;
    case 'clock':
      await h.advance(c.ms);
      return;
    case 'deposit': {
      const amount = DEPOSIT_PRESETS_FEN[c.preset % DEPOSIT_PRESETS_FEN.length] ?? 100_000;
      const call = () => h.call(w.openid, 'inpatient.deposit', { patientId: w.patientId, stayId, amount });
      for (const r of c.twice ? await Promise.all([call(), call()]) : [await call()]) {
        if (r.ok) {
          if (!orders.includes(r.data.order.outTradeNo)) orders.push(r.data.order.outTradeNo);
        } else {
          expect(r.code).not.toBe('INTERNAL');
        }
      }
      return;
    }
    case 'discharge':
      ward.discharge(stayId);
      return;
  }
}

/** Faults cleared, held callbacks released, the janitor every 5 minutes until every order is final and WeChat is quiet. */
async function settle(w: PayWorld): Promise<OrderDoc[]> {
  const { h } = w;
  h.billing.down = false;
  h.billing.failConfirms = 0;
  h.billing.lateCommits = 0;
  setPaySwitches({ late: false, outOfOrder: false });
  // A patient left on the password screen finishes paying (the emulation has no abandoning it; WeChat refuses to close it meanwhile).
  for (const o of await h.ports.ledger.listByStatus(ALL_STATUSES)) {
    if ((await payRecord(o._id))?.order.tradeState === 'USERPAYING') {
      setPaySwitches({ payAfterExpiry: true }, o._id);
      await payOrder(o._id);
    }
  }
  for (let i = 0; i < 200; i++) {
    await releaseHeld();
    await h.advance(5 * MINUTE);
    await h.janitor();
    await h.advance(0);
    const open = await h.ports.ledger.listByStatus(ALL_STATUSES.filter((s) => !FINAL_ORDER_STATUSES.includes(s) && s !== 'refund-abnormal'));
    if (open.length === 0 && h.scheduler.pending === 0) break;
  }
  return h.ports.ledger.listByStatus(ALL_STATUSES);
}

async function checkMoney(w: PayWorld, orders: OrderDoc[]): Promise<void> {
  const { h } = w;
  let taken = 0;
  let refunded = 0;
  for (const o of orders) {
    if (o.status === 'refund-abnormal') {
      // A case for staff, apart from the balance: WeChat took the money and closed its refund abnormally; the hospital holds nothing.
      const rec = await payRecord(o._id);
      expect(rec?.refunds.map((r) => r.refundStatus)).toEqual([expect.stringMatching(/^(REFUNDCLOSE|CHANGE)$/)]);
      expect(h.billing.payments.has(o._id)).toBe(false);
      continue;
    }
    expect({ order: o._id, final: FINAL_ORDER_STATUSES.includes(o.status) }).toEqual({ order: o._id, final: true });
    const rec = await payRecord(o._id);
    const paidAtWeChat = rec?.order.paidAt !== undefined;
    if (paidAtWeChat) taken += rec?.order.totalFee ?? 0;
    const refunds = rec?.refunds ?? [];
    // Nothing refunded twice: at most one refund per order, and it is the deterministic one.
    expect(refunds.length).toBeLessThanOrEqual(1);
    for (const r of refunds) {
      expect(r.outRefundNo).toBe(`R${o._id}`);
      expect(r.refundStatus).toBe('SUCCESS');
      refunded += r.refundFee;
    }
    // The ledger agrees with WeChat and the hospital about where the money is.
    const atHospital = h.billing.payments.get(o._id) ?? ward.deposits.get(o._id);
    if (o.status === 'confirmed') {
      expect(paidAtWeChat).toBe(true);
      expect(refunds).toEqual([]);
      expect(atHospital?.amount).toBe(o.amount);
    }
    if (o.status === 'refunded') expect(refunds.map((r) => r.refundFee)).toEqual([o.amount]);
    if (o.status === 'closed') expect(paidAtWeChat).toBe(false);
  }
  let confirmed = 0;
  const billsConfirmed = new Set<string>();
  for (const p of h.billing.payments.values()) {
    // No confirmation at the hospital without WeChat holding the money for it.
    const rec = await payRecord(p.outTradeNo);
    expect(rec?.order.paidAt).toBeDefined();
    expect(rec?.refunds ?? []).toEqual([]);
    confirmed += p.amount;
    // Nothing confirmed twice: each bill under one payment only.
    for (const b of p.billIds) {
      expect(billsConfirmed.has(b)).toBe(false);
      billsConfirmed.add(b);
    }
  }
  for (const d of ward.deposits.values()) {
    // A deposit recorded at the hospital: WeChat holds its money, nothing refunded, its order confirmed.
    const rec = await payRecord(d.outTradeNo);
    expect(rec?.order.paidAt).toBeDefined();
    expect(rec?.refunds ?? []).toEqual([]);
    expect(orders.find((o) => o._id === d.outTradeNo)?.status).toBe('confirmed');
    confirmed += d.amount;
  }
  expect({ taken, confirmedPlusRefunded: confirmed + refunded }).toEqual({ taken, confirmedPlusRefunded: taken });
}

afterEach(() => resetCloudPay());

const seen: Record<string, number> = {};
const depositsSeen: Record<string, number> = {};
const causes = new Set<string>();

test('random pay / callback / fault / janitor / clock sequences always settle with the money in balance', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (commands) => {
      ward = wardHospital(() => w.h.billing);
      const w = await payWorld({ answers: ward.answers });
      billsFor(w, [1200, 3400, 560]);
      const admission = ward.admit(w.patientId);
      stayId = admission.stayId;
      expect(await w.h.call(w.openid, 'inpatient.bind', { patientId: w.patientId, admissionNo: admission.admissionNo })).toMatchObject({ ok: true });
      const orders: string[] = [];
      for (const c of commands) await step(w, c, orders);
      const settled = await settle(w);
      await checkMoney(w, settled);
      for (const o of settled) seen[o.status] = (seen[o.status] ?? 0) + 1;
      for (const o of settled) if (o.kind === 'inpatient-deposit') depositsSeen[o.status] = (depositsSeen[o.status] ?? 0) + 1;
      for (const o of settled) for (const t of o.history) causes.add(t.cause.replace(/hospital refused: .*/, 'hospital refused'));
      resetCloudPay();
    }),
    {
      numRuns: Number(process.env.MODEL_RUNS ?? 1500),
      // Rare paths, always run: the confirmation deadline passing while the hospital is down; a refund callback before the payment's.
      examples: [
        [[
          { kind: 'billPay', pick: [0, 1], twice: true },
          { kind: 'hospitalDown', down: true },
          { kind: 'pay', order: 0, userPaying: false },
          { kind: 'deliver' },
          { kind: 'clock', ms: 60 * MINUTE },
          { kind: 'janitor', twice: true },
          { kind: 'deliver' },
        ]],
        [[
          { kind: 'billPay', pick: [0], twice: false },
          { kind: 'lateCommit', confirms: 1 },
          { kind: 'pay', order: 0, userPaying: false },
          { kind: 'deliver' },
          { kind: 'hospitalDown', down: true },
          { kind: 'clock', ms: 60 * MINUTE },
          { kind: 'janitor', twice: false },
        ]],
        [[
          { kind: 'billPay', pick: [2], twice: false },
          { kind: 'switches', order: 0, duplicate: 1, late: false, outOfOrder: true, payAfterExpiry: false },
          { kind: 'pay', order: 0, userPaying: false },
          { kind: 'voidBill', bill: 2 },
          { kind: 'clock', ms: 11 * MINUTE },
          { kind: 'janitor', twice: false },
        ]],
        // Deposits: one confirmed, one paid after the ward discharged (refused → refunded), one never paid (closed).
        [[
          { kind: 'deposit', preset: 0, twice: true },
          { kind: 'pay', order: 0, userPaying: false },
          { kind: 'deliver' },
          { kind: 'deposit', preset: 1, twice: false },
          { kind: 'deposit', preset: 2, twice: false },
          { kind: 'discharge' },
          { kind: 'pay', order: 1, userPaying: false },
          { kind: 'deliver' },
        ]],
      ],
    },
  );
  // The runs reached every end state and the rare causes, so the property was not checked on idle worlds only.
  expect(Object.keys(seen).sort()).toEqual(['closed', 'confirmed', 'refund-abnormal', 'refunded']);
  // Deposits reached their end states too: confirmed, and refunded after a discharge (a refund WeChat closes abnormally is staff's, as for any order).
  expect(Object.keys(depositsSeen)).toEqual(expect.arrayContaining(['closed', 'confirmed', 'refunded']));
  expect(Object.keys(depositsSeen).filter((s) => !['closed', 'confirmed', 'refund-abnormal', 'refunded'].includes(s))).toEqual([]);
  expect([...causes]).toEqual(expect.arrayContaining(['hospital refused', 'janitor: queryOrder found the payment']));
}, 120_000);
