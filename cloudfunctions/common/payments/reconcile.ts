/**
 * Daily reconciliation (对账, docs/architecture.md#payments): for one Beijing day, WeChat Pay's bill
 * (`cloudPay.downloadBill`, ready from 10:00 the next day), the cloud ledger and the hospital's
 * `payment.list`, compared order by order. Every difference is reported with ids and amounts only,
 * saved as `reconciliations/<date>` and logged; a cursor makes the timer run it once per day.
 */
import type { OrderDoc } from '../../../typings/db';
import type { HospitalDate } from '../../../typings/hospital';
import { yuanToFen } from '../../../miniprogram/core/money';
import { formatHospital, hospitalDate, hospitalInstant, type Clock } from '../../../miniprogram/core/time';
import type { FrontMachineClient } from '../frontmachine';
import type { Logger } from '../logger';
import type { PaymentConfig } from './config';
import { transition, type LedgerDatabase, type OrderLedger } from './ledger';
import type { PayGateway } from './wxpay';

export type DifferenceType =
  /** WeChat took money the ledger does not hold as paid (a lost callback the janitor has not found). */
  | 'wechat_paid_ledger_unpaid'
  /** The ledger holds a payment WeChat's bill lacks. */
  | 'ledger_paid_wechat_missing'
  /** The ledger says the hospital confirmed it; the hospital has no such payment (单边账). */
  | 'confirmed_missing_at_hospital'
  /** The hospital records a payment the ledger does not hold as confirmed. */
  | 'hospital_only'
  /** The same order with different amounts in two records. */
  | 'amount_mismatch'
  /** A refund in one record but not (or not the same) in the other. */
  | 'refund_mismatch'
  /** A refund WeChat closed abnormally (REFUNDCLOSE, CHANGE): staff must return the money another way. Listed every day until resolved. */
  | 'refund_needs_staff';

/** One difference: ids and amounts only, never a name or an item. */
export interface Difference {
  type: DifferenceType;
  outTradeNo: string;
  outRefundNo?: string;
  wechatFee?: number;
  ledgerFee?: number;
  hospitalFee?: number;
  ledgerStatus?: string;
}

export interface ReconciliationReport {
  date: HospitalDate;
  ranAt: string;
  /** False when WeChat's bill could not be read (the run is then not counted as done). */
  complete: boolean;
  wechat: { payments: number; paymentFee: number; refunds: number; refundFee: number };
  ledger: { payments: number; paymentFee: number; refunds: number; refundFee: number };
  hospital: { payments: number; paymentFee: number };
  differences: Difference[];
}

export const RECONCILIATIONS = 'reconciliations';
export const CURSORS = 'cursors';
export const RECONCILIATION_CURSOR = 'reconciliation';
/** WeChat advises fetching the previous day's bill after 10:00 Beijing time. */
export const RECONCILE_AFTER = '10:00:00';
const DAY_MS = 24 * 3600 * 1000;
/** Refunds are applied for within the confirmation deadline of a payment; look this far back for them. */
const REFUND_LOOKBACK_MS = 2 * DAY_MS;

export interface WeChatBill {
  payments: Map<string, { transactionId: string; fee: number }>;
  refunds: Map<string, { outTradeNo: string; fee: number; status: string }>;
}

/** WeChat's text bill: a header, one backtick-prefixed row per payment or refund, then a summary. */
export function parseWeChatBill(text: string): WeChatBill {
  const bill: WeChatBill = { payments: new Map(), refunds: new Map() };
  const lines = text.split(/\r?\n/);
  for (const line of lines.slice(1)) {
    if (line.startsWith('总交易单数')) break;
    if (!line.startsWith('`')) continue;
    const f = line.split(',').map((v) => v.replace(/^`/, ''));
    const state = f[9];
    if (state === 'SUCCESS') {
      bill.payments.set(f[6] ?? '', { transactionId: f[5] ?? '', fee: yuanToFen(f[12] ?? '') ?? -1 });
    } else if (state === 'REFUND') {
      bill.refunds.set(f[15] ?? '', { outTradeNo: f[6] ?? '', fee: yuanToFen(f[16] ?? '') ?? -1, status: f[19] ?? '' });
    }
  }
  return bill;
}

export interface ReconcileDeps {
  ledger: OrderLedger;
  pay: PayGateway;
  frontMachine: FrontMachineClient;
  config: PaymentConfig;
  clock: Clock;
  log: Logger;
  /** Where reports and the cursor live (the same cloud database as the ledger). */
  db: LedgerDatabase;
}

function refundAppliedAt(o: OrderDoc): number | undefined {
  const h = o.history.find((t) => t.to === 'refunding');
  return h ? Date.parse(h.at) : undefined;
}

/** Records what the bill says of a refund still open in the ledger: finished → refunded; REFUNDCLOSE / CHANGE → a case for staff. */
async function settleRefundFromBill(deps: ReconcileDeps, o: OrderDoc, status: string): Promise<void> {
  const now = deps.clock();
  const to = status === 'SUCCESS' ? 'refunded' : status === 'REFUNDCLOSE' || status === 'CHANGE' ? 'refund-abnormal' : undefined;
  if (to === undefined || o.status === to) return;
  await deps.ledger.change(o._id, (cur) =>
    cur && (cur.status === 'refunding' || (cur.status === 'refund-abnormal' && to === 'refunded'))
      ? { next: transition(cur, to, `reconciliation: WeChat's bill says ${status}`, now, to === 'refunded' ? { refundedAt: now } : {}), answer: null }
      : { answer: null },
  );
  deps.log.info('refund settled from the daily bill', { outTradeNo: o._id, status });
}

/** Compares the three records of `date`, saves and logs the report. */
export async function reconcile(deps: ReconcileDeps, date: HospitalDate): Promise<ReconciliationReport> {
  const { ledger, pay, frontMachine, config, clock, log, db } = deps;
  const start = hospitalInstant(`${date} 00:00:00`);
  const end = start + DAY_MS;

  const downloaded = await pay.downloadBill({ subMchId: config.subMchId, billDate: date.replace(/-/g, ''), billType: 'ALL' });
  let complete = true;
  let bill: WeChatBill = { payments: new Map(), refunds: new Map() };
  if ('data' in downloaded) bill = parseWeChatBill(typeof downloaded.data === 'string' ? downloaded.data : downloaded.data.toString('utf8'));
  // "No Bill Exist" is also WeChat's answer for a day without trades; before 10:00 the next day it is simply not ready.
  else if (clock() < hospitalInstant(`${hospitalDate(end)} ${RECONCILE_AFTER}`)) complete = false;

  const recent = await ledger.listPaidBetween(start - REFUND_LOOKBACK_MS, end);
  const paidThatDay = recent.filter((o) => o.paidAt !== null && o.paidAt >= start && o.paidAt < end);
  const refundedThatDay = recent.filter((o) => {
    const at = refundAppliedAt(o);
    return at !== undefined && at >= start && at < end;
  });
  const { payments: hospitalPayments } = await frontMachine.call('payment.list', { date });
  const hospitalByNo = new Map(hospitalPayments.map((p) => [p.outTradeNo, p]));

  const differences: Difference[] = [];
  const orderCache = new Map<string, OrderDoc | null>(recent.map((o) => [o._id, o]));
  const orderOf = async (no: string) => {
    if (!orderCache.has(no)) orderCache.set(no, await ledger.get(no));
    return orderCache.get(no) ?? null;
  };

  for (const [no, p] of bill.payments) {
    const o = await orderOf(no);
    if (!o || o.transactionId === null) differences.push({ type: 'wechat_paid_ledger_unpaid', outTradeNo: no, wechatFee: p.fee, ...(o ? { ledgerStatus: o.status } : {}) });
    else if (o.amount !== p.fee) differences.push({ type: 'amount_mismatch', outTradeNo: no, wechatFee: p.fee, ledgerFee: o.amount, ledgerStatus: o.status });
  }
  if (complete) {
    for (const o of paidThatDay) {
      if (!bill.payments.has(o._id)) differences.push({ type: 'ledger_paid_wechat_missing', outTradeNo: o._id, ledgerFee: o.amount, ledgerStatus: o.status });
    }
  }
  // A registration handed back (退号) stays a payment at the hospital: confirmed once is what counts.
  const confirmedOnce = (o: OrderDoc) => o.status === 'confirmed' || o.confirmedAt !== null;
  for (const o of paidThatDay) {
    if (!confirmedOnce(o)) continue;
    const h = hospitalByNo.get(o._id);
    if (!h) differences.push({ type: 'confirmed_missing_at_hospital', outTradeNo: o._id, ledgerFee: o.amount, ledgerStatus: o.status });
    else if (h.amount !== o.amount) differences.push({ type: 'amount_mismatch', outTradeNo: o._id, ledgerFee: o.amount, hospitalFee: h.amount, ledgerStatus: o.status });
  }
  for (const h of hospitalPayments) {
    const o = await orderOf(h.outTradeNo);
    if (!o || !confirmedOnce(o)) differences.push({ type: 'hospital_only', outTradeNo: h.outTradeNo, hospitalFee: h.amount, ...(o ? { ledgerStatus: o.status, ledgerFee: o.amount } : {}) });
  }
  for (const [refundNo, r] of bill.refunds) {
    const o = await orderOf(r.outTradeNo);
    if (!o || o.outRefundNo !== refundNo || o.refundAmount !== r.fee) {
      differences.push({ type: 'refund_mismatch', outTradeNo: r.outTradeNo, outRefundNo: refundNo, wechatFee: r.fee, ...(o ? { ledgerStatus: o.status, ledgerFee: o.refundAmount ?? 0 } : {}) });
    } else if (o.status === 'refunding' || o.status === 'refund-abnormal') {
      // The daily bill proves a refund whose callback never came (queryRefund cannot: its lists are empty).
      await settleRefundFromBill(deps, o, r.status);
    }
  }
  for (const o of await ledger.listByStatus(['refund-abnormal'])) {
    differences.push({ type: 'refund_needs_staff', outTradeNo: o._id, ...(o.outRefundNo !== null ? { outRefundNo: o.outRefundNo } : {}), ledgerFee: o.refundAmount ?? o.amount, ledgerStatus: o.status });
  }
  if (complete) {
    for (const o of refundedThatDay) {
      if (o.outRefundNo !== null && !bill.refunds.has(o.outRefundNo)) {
        differences.push({ type: 'refund_mismatch', outTradeNo: o._id, outRefundNo: o.outRefundNo, ledgerFee: o.refundAmount ?? 0, ledgerStatus: o.status });
      }
    }
  }

  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const report: ReconciliationReport = {
    date,
    ranAt: new Date(clock()).toISOString(),
    complete,
    wechat: {
      payments: bill.payments.size,
      paymentFee: sum([...bill.payments.values()].map((p) => p.fee)),
      refunds: bill.refunds.size,
      refundFee: sum([...bill.refunds.values()].map((r) => r.fee)),
    },
    ledger: {
      payments: paidThatDay.length,
      paymentFee: sum(paidThatDay.map((o) => o.amount)),
      refunds: refundedThatDay.length,
      refundFee: sum(refundedThatDay.map((o) => o.refundAmount ?? 0)),
    },
    hospital: { payments: hospitalPayments.length, paymentFee: sum(hospitalPayments.map((p) => p.amount)) },
    differences,
  };
  await db.collection(RECONCILIATIONS).doc(date).set({ data: report as unknown as Record<string, unknown> });
  const fields = { date, complete, differences: differences.length, byType: countBy(differences), wechat: report.wechat, ledger: report.ledger, hospital: report.hospital };
  if (differences.length > 0) log.error('reconciliation found differences', { ...fields, list: differences.slice(0, 50) });
  else log.info('reconciliation clean', fields);
  return report;
}

function countBy(ds: Difference[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of ds) out[d.type] = (out[d.type] ?? 0) + 1;
  return out;
}

/** The day before `nowMs` in Beijing, and whether WeChat's bill for it is ready (10:00 today). */
export function reconciliationDue(nowMs: number): { date: HospitalDate; ready: boolean } {
  const today = hospitalDate(nowMs);
  return { date: hospitalDate(hospitalInstant(`${today} 00:00:00`) - DAY_MS), ready: formatHospital(nowMs, 'HH:mm:ss') >= RECONCILE_AFTER };
}

interface CursorDoc {
  lastDate: string | null;
  lease: { owner: string; until: number } | null;
}

/**
 * Once per day after 10:00 Beijing: reconciles the previous day unless the cursor says it is done;
 * the cursor's lease keeps two timer runs from doing it twice. Answers the report, or null when not due.
 */
export async function reconcileDaily(deps: ReconcileDeps, owner: string): Promise<ReconciliationReport | null> {
  const now = deps.clock();
  const { date, ready } = reconciliationDue(now);
  if (!ready) return null;
  const claimed = await deps.db.runTransaction(async (tx) => {
    const ref = tx.collection(CURSORS).doc(RECONCILIATION_CURSOR);
    const cur = ((await ref.get()).data ?? { lastDate: null, lease: null }) as CursorDoc;
    if (cur.lastDate !== null && cur.lastDate >= date) return false;
    if (cur.lease && cur.lease.owner !== owner && cur.lease.until > now) return false;
    await ref.set({ data: { lastDate: cur.lastDate, lease: { owner, until: now + 10 * 60_000 } } });
    return true;
  });
  if (!claimed) return null;
  let report: ReconciliationReport | null = null;
  try {
    report = await reconcile(deps, date);
  } finally {
    const done = report?.complete === true;
    await deps.db.runTransaction(async (tx) => {
      const ref = tx.collection(CURSORS).doc(RECONCILIATION_CURSOR);
      const cur = ((await ref.get()).data ?? { lastDate: null, lease: null }) as CursorDoc;
      await ref.set({ data: { lastDate: done ? date : cur.lastDate, lease: null } });
    });
  }
  return report;
}
