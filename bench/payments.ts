/**
 * `npm run bench -- payments`: N random fault scenarios (BENCH_SCENARIOS, default 1,000; BENCH_SEED).
 * Part in process (BENCH_STUB_SHARE, default 0.6): the api router, the payment engine, the emulated
 * cloudPay with its switches, payNotify and the janitor, against a stub hospital that fails, goes
 * down, refuses or commits late; the rest through the real front machine and sandbox hospital with a
 * fault at every hospital write (payments-hospital.ts). Each scenario is settled by the janitor once a
 * minute of simulated time; prints the fault kinds drawn, one-sided accounts left (must be 0), cases
 * for staff, janitor runs, simulated time to settle, and wall time. About a third of the in-process
 * orders are inpatient deposits (a ward stub sharing the hospital's faults; its discharge makes the
 * hospital refuse).
 */
import type { PatientAddResponse } from '../typings/patient';
import type { BillPayResponse } from '../typings/payment';
import { FINAL_ORDER_STATUSES } from '../miniprogram/core/orders';
import { dataOf, harness, type Harness } from '../cloudfunctions/testing/harness';
import { idCard } from '../cloudfunctions/testing/patient-hospital';
import { payOrder, payRecord, releaseHeld, resetCloudPay, setPaySwitches } from '../sandbox/cloud/wx-server-sdk/cloudpay';
import { benchHospitalWrites } from './payments-hospital';
import type { InpatientDepositResponse } from '../typings/inpatient';
import { wardHospital } from '../cloudfunctions/testing/ward-hospital';
import { DEPOSIT_PRESETS_FEN } from '../miniprogram/core/inpatient';

const MINUTE = 60_000;
/** Inpatient deposit orders among the in-process scenarios' orders. */
let deposits = 0;
const FAULTS = ['none', 'duplicate', 'late', 'outOfOrder', 'hospitalFlaky', 'hospitalDown', 'hospitalLateCommit', 'billVoided', 'paidAfterExpiry', 'abandoned', 'userPaying'] as const;
type Fault = (typeof FAULTS)[number];

/** A small seeded PRNG (mulberry32), so a run can be repeated with BENCH_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Outcome {
  orders: number;
  oneSided: number;
  janitorRuns: number;
  settleMs: number;
  final: Record<string, number>;
  faults: Fault[];
}

async function scenario(random: () => number): Promise<Outcome> {
  // The ward shares the billing desk's faults (one hospital): deposits are one more order kind.
  const ward = wardHospital(() => h.billing);
  const h: Harness = harness({ answers: ward.answers });
  h.log.info = () => undefined;
  const openid = 'o-bench';
  const patientId = dataOf<PatientAddResponse>(await h.bind(openid, { name: '张小明', idCardNo: idCard('19800101', 123), phone: '13812345678', relation: '本人' })).patientId;
  const stay = ward.admit(patientId);
  dataOf(await h.call(openid, 'inpatient.bind', { patientId, admissionNo: stay.admissionNo }));
  const orders: string[] = [];
  const faults: Fault[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const bills = h.billing.visit(patientId, [100 + Math.floor(random() * 50_000)]);
    const fault: Fault = FAULTS[Math.floor(random() * FAULTS.length)] ?? 'none';
    faults.push(fault);
    const deposit = random() < 0.3;
    const amount = DEPOSIT_PRESETS_FEN[Math.floor(random() * DEPOSIT_PRESETS_FEN.length)] ?? 100_000;
    const paid = deposit
      ? await h.call(openid, 'inpatient.deposit', { patientId, stayId: stay.stayId, amount })
      : await h.call(openid, 'bill.pay', { patientId, billIds: bills.map((b) => b.billId) });
    // With the hospital down no order can be made (the amount comes from the hospital): nothing to settle.
    if (!paid.ok) continue;
    const no = (paid.data as BillPayResponse | InpatientDepositResponse).order.outTradeNo;
    deposits += deposit ? 1 : 0;
    orders.push(no);
    if (fault === 'duplicate') setPaySwitches({ duplicate: 2 }, no);
    if (fault === 'late') setPaySwitches({ late: true }, no);
    if (fault === 'outOfOrder') setPaySwitches({ outOfOrder: true }, no);
    if (fault === 'hospitalFlaky') h.billing.failConfirms += 1 + Math.floor(random() * 4);
    if (fault === 'hospitalDown') h.billing.down = true;
    if (fault === 'hospitalLateCommit') h.billing.lateCommits += 1;
    // For a deposit the ward discharging plays the bill voided: the hospital refuses, the money goes back.
    if (fault === 'billVoided') {
      if (deposit) ward.discharge(stay.stayId);
      else h.billing.voidBill(bills[0]?.billId ?? '');
    }
    if (fault === 'paidAfterExpiry') {
      setPaySwitches({ payAfterExpiry: true }, no);
      await h.advance(11 * MINUTE);
    }
    if (fault !== 'abandoned') await payOrder(no, { userPaying: fault === 'userPaying' });
    await h.advance(0);
    if (fault === 'userPaying') await payOrder(no);
  }
  // Settle: the hospital comes back after a while (past the confirmation deadline if it was down).
  const started = h.clock.now;
  let janitorRuns = 0;
  for (let minute = 0; minute < 24 * 60; minute++) {
    if (minute === 45) {
      h.billing.down = false;
      await releaseHeld();
    }
    await h.advance(MINUTE);
    await h.janitor();
    janitorRuns++;
    await h.advance(0);
    const all = await Promise.all(orders.map((no) => h.ports.ledger.get(no)));
    if (all.every((o) => o && FINAL_ORDER_STATUSES.includes(o.status))) break;
  }
  const settleMs = h.clock.now - started;
  await releaseHeld();
  await h.advance(0);

  let oneSided = 0;
  const final: Record<string, number> = {};
  for (const no of orders) {
    const o = await h.ports.ledger.get(no);
    const rec = await payRecord(no);
    final[o?.status ?? 'missing'] = (final[o?.status ?? 'missing'] ?? 0) + 1;
    const taken = rec?.order.paidAt !== undefined;
    const atHospital = h.billing.payments.has(no) || ward.deposits.has(no);
    const refunded = (rec?.refunds ?? []).some((r) => r.refundStatus === 'SUCCESS');
    // 单边账: WeChat holds money neither confirmed at the hospital nor refunded, or the hospital records money WeChat does not hold.
    if ((taken && atHospital === refunded) || (!taken && atHospital)) oneSided++;
  }
  resetCloudPay();
  return { orders: orders.length, oneSided, janitorRuns, settleMs, final, faults };
}

export async function benchPayments(): Promise<void> {
  const total = Number(process.env.BENCH_SCENARIOS ?? 1000);
  const n = Math.round(total * Number(process.env.BENCH_STUB_SHARE ?? 0.6));
  const seed = Number(process.env.BENCH_SEED ?? 20260309);
  const random = prng(seed);
  const wallStart = Date.now();
  let orders = 0;
  let oneSided = 0;
  let janitorRuns = 0;
  const settle: number[] = [];
  const final: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  const stubKind: Record<Fault, string> = {
    none: 'none',
    duplicate: 'wechat:duplicate',
    late: 'wechat:late',
    outOfOrder: 'wechat:out-of-order',
    hospitalFlaky: 'confirm-bill:error',
    hospitalDown: 'hospital-down',
    hospitalLateCommit: 'confirm-bill:late-commit',
    billVoided: 'bill-voided',
    paidAfterExpiry: 'wechat:paid-after-expiry',
    abandoned: 'abandoned',
    userPaying: 'wechat:user-paying',
  };
  for (let i = 0; i < n; i++) {
    const o = await scenario(random);
    orders += o.orders;
    oneSided += o.oneSided;
    janitorRuns += o.janitorRuns;
    settle.push(o.settleMs);
    for (const [k, v] of Object.entries(o.final)) final[k] = (final[k] ?? 0) + v;
    for (const f of o.faults) kinds[stubKind[f]] = (kinds[stubKind[f]] ?? 0) + 1;
  }
  const real = await benchHospitalWrites(total - n, random);
  orders += real.orders;
  oneSided += real.oneSided;
  for (const [k, v] of Object.entries(real.final)) final[k] = (final[k] ?? 0) + v;
  for (const [k, v] of Object.entries(real.faults)) kinds[k] = (kinds[k] ?? 0) + v;
  settle.sort((a, b) => a - b);
  const minutes = (ms: number) => `${(ms / MINUTE).toFixed(0)} min`;
  const pick = (q: number) => settle[Math.min(settle.length - 1, Math.floor(q * settle.length))] ?? 0;
  console.log(`payments: ${total} scenarios (${n} in process, ${total - n} through the front machine and sandbox hospital; seed ${seed}), ${orders} orders (${deposits} inpatient deposits, in process) → ${Object.entries(final).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  kinds['wechat:empty-refund-lists'] = total;
  console.log(`  fault kinds: ${Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  one-sided accounts left after settling: ${oneSided}${oneSided === 0 ? '' : '  ← MUST BE 0'}`);
  console.log(`  cases for staff (in reconciliation): ${real.staff}`);
  console.log(`  janitor runs: ${janitorRuns} (${(janitorRuns / n).toFixed(1)} per scenario)`);
  console.log(`  simulated time to settle: median ${minutes(pick(0.5))}, p95 ${minutes(pick(0.95))}, max ${minutes(pick(1))}`);
  console.log(`  wall time: ${((Date.now() - wallStart) / 1000).toFixed(1)} s`);
}
