/**
 * The payment ledger (docs/architecture.md#payments): `orders/<outTradeNo>`, one document per charge. The order
 * state machine is the one table below; every change is a single-document transaction that checks
 * the table and appends `{from, to, at, cause}` to the order's history.
 */
import type { OrderDoc } from '../../../typings/db';
import type { OrderStatus } from '../../../typings/payment';
import { FINAL_ORDER_STATUSES } from '../../../miniprogram/core/orders';
import { retryingConflicts } from '../cloud-errors';

export const ORDERS = 'orders';
/** `billClaims/<billId>` → `{outTradeNo}`: which order last took the bill (ids only, no item names). */
export const BILL_CLAIMS = 'billClaims';

/**
 * The allowed transitions. `closed → paid` exists because WeChat can take money for an order we
 * already gave up on (the patient paid after expiry): the money is recorded, then refunded at once.
 * `confirmed → refunding` (cause `退号`) is a registration the hospital took back before the visit.
 */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  created: ['paying', 'paid', 'closed'],
  paying: ['paid', 'closed'],
  paid: ['confirmed', 'refunding'],
  // 退号: the patient hands back a confirmed registration before the visit; the hospital released it first.
  confirmed: ['refunding'],
  closed: ['paid'],
  // WeChat closed the refund abnormally (REFUNDCLOSE, CHANGE): staff take it from there; a later proof of success still lands.
  refunding: ['refunded', 'refund-abnormal'],
  refunded: [],
  'refund-abnormal': ['refunded'],
};

/** Statuses the janitor still works (closed is final unless WeChat reports money for it). */
export const OPEN_STATUSES: readonly OrderStatus[] = ['created', 'paying', 'paid', 'refunding'];
/** An order in these statuses keeps its bills from any other order (it may still be paid, or is being confirmed). */
const CLAIMING_STATUSES: readonly OrderStatus[] = ['created', 'paying', 'paid'];

export function isFinal(status: OrderStatus): boolean {
  return FINAL_ORDER_STATUSES.includes(status);
}

/** A transition the table does not allow: a bug in the engine, never a patient's doing. */
export class IllegalTransition extends Error {
  constructor(
    readonly outTradeNo: string,
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`order ${outTradeNo}: ${from} → ${to} is not an allowed transition`);
    this.name = 'IllegalTransition';
  }
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The order after moving to `to` (checked against the table), with `patch` applied and the history appended. */
export function transition(order: OrderDoc, to: OrderStatus, cause: string, nowMs: number, patch: Partial<OrderDoc> = {}): OrderDoc {
  if (!canTransition(order.status, to)) throw new IllegalTransition(order._id, order.status, to);
  return { ...order, ...patch, status: to, history: [...order.history, { from: order.status, to, at: new Date(nowMs).toISOString(), cause }] };
}

/** What a change decides on the current document: write `next` (or nothing), answer `answer`. */
export interface LedgerDecision<T> {
  next?: OrderDoc;
  answer: T;
}

/** Port over the orders collection; the cloud adapter is below. */
export interface OrderLedger {
  get(outTradeNo: string): Promise<OrderDoc | null>;
  /**
   * Runs `decide` on the current document (null when absent) inside one transaction and writes its
   * `next`. `decide` may run more than once on a conflict, so it must be pure.
   */
  change<T>(outTradeNo: string, decide: (current: OrderDoc | null) => LedgerDecision<T>): Promise<T>;
  /**
   * Writes a new bill order unless its number exists (then answers that one), claiming its bills in
   * the same transaction: a bill claimed by another order still open answers that order as the
   * conflict, so two overlapping bill sets paid at once never both reach WeChat.
   */
  openBillOrder(fresh: OrderDoc, billIds: readonly string[]): Promise<{ order: OrderDoc } | { conflict: OrderDoc }>;
  /** An account's orders (optionally one patient's), newest first. */
  listByAccount(openid: string, patientId?: string): Promise<OrderDoc[]>;
  /** A patient's orders in the given statuses. */
  listByPatient(patientId: string, statuses: readonly OrderStatus[]): Promise<OrderDoc[]>;
  /** Every order in the given statuses (the janitor's work list). */
  listByStatus(statuses: readonly OrderStatus[]): Promise<OrderDoc[]>;
  /** Orders paid in [fromMs, toMs) (reconciliation). */
  listPaidBetween(fromMs: number, toMs: number): Promise<OrderDoc[]>;
  /** Confirmed orders with a hand-back (退号, prepaid cancel) under way: the janitor finishes them. */
  listHandingBack(): Promise<OrderDoc[]>;
}

// ---- The cloud adapter ---------------------------------------------------------------------------

/** The slice of wx-server-sdk's database the ledger uses (the SDK's own typings say `any` here). */
export interface LedgerDatabase {
  collection(name: string): LedgerCollection;
  command: LedgerCommand;
  runTransaction<T>(run: (tx: LedgerTransaction) => Promise<T>, times?: number): Promise<T>;
}
export interface LedgerQuery {
  where(condition: Record<string, unknown>): LedgerQuery;
  orderBy(field: string, order: 'asc' | 'desc'): LedgerQuery;
  skip(n: number): LedgerQuery;
  limit(n: number): LedgerQuery;
  get(): Promise<{ data: unknown[] }>;
}
export interface LedgerCollection extends LedgerQuery {
  doc(id: string): { get(): Promise<{ data: unknown }>; set(options: { data: Record<string, unknown> }): Promise<unknown> };
}
export interface LedgerCommandValue {
  and(other: unknown): unknown;
}
export interface LedgerCommand {
  in(values: readonly unknown[]): unknown;
  gte(v: unknown): LedgerCommandValue;
  lt(v: unknown): unknown;
}
export interface LedgerTransaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      set(options: { data: Record<string, unknown> }): Promise<unknown>;
    };
  };
}

/** The database's page size cap (the real server's documented 100): lists page with skip. */
const PAGE = 100;

function asOrder(id: string, data: unknown): OrderDoc | null {
  if (data === null || data === undefined || typeof data !== 'object') return null;
  return { ...(data as OrderDoc), _id: id };
}

function withoutId(doc: OrderDoc): Record<string, unknown> {
  const { _id: _ignored, ...rest } = doc;
  return rest as unknown as Record<string, unknown>;
}

/** The ledger over the cloud database; `db` must be created with `{throwOnNotFound: false}`. */
export function cloudOrderLedger(db: LedgerDatabase): OrderLedger {
  const all = async (query: () => LedgerQuery): Promise<OrderDoc[]> => {
    const out: OrderDoc[] = [];
    for (let skip = 0; ; skip += PAGE) {
      const { data } = await query().skip(skip).limit(PAGE).get();
      for (const d of data) {
        const o = d as OrderDoc;
        out.push(o);
      }
      if (data.length < PAGE) return out;
    }
  };
  const _ = db.command;
  return {
    async get(outTradeNo) {
      const { data } = await db.collection(ORDERS).doc(outTradeNo).get();
      return asOrder(outTradeNo, data);
    },
    async change(outTradeNo, decide) {
      return retryingConflicts(() =>
        db.runTransaction(async (tx) => {
          const ref = tx.collection(ORDERS).doc(outTradeNo);
          const current = asOrder(outTradeNo, (await ref.get()).data);
          const d = decide(current);
          if (d.next) await ref.set({ data: withoutId(d.next) });
          return d.answer;
        }),
      );
    },
    async openBillOrder(fresh, billIds) {
      return retryingConflicts(() => db.runTransaction(async (tx) => {
        const ref = tx.collection(ORDERS).doc(fresh._id);
        const current = asOrder(fresh._id, (await ref.get()).data);
        if (current) return { order: current };
        for (const billId of billIds) {
          const holder = ((await tx.collection(BILL_CLAIMS).doc(billId).get()).data as { outTradeNo?: unknown } | null)?.outTradeNo;
          if (typeof holder !== 'string' || holder === fresh._id) continue;
          const other = asOrder(holder, (await tx.collection(ORDERS).doc(holder).get()).data);
          if (other && CLAIMING_STATUSES.includes(other.status)) return { conflict: other };
        }
        for (const billId of billIds) await tx.collection(BILL_CLAIMS).doc(billId).set({ data: { outTradeNo: fresh._id } });
        await ref.set({ data: withoutId(fresh) });
        return { order: fresh };
      }));
    },
    listByAccount: (openid, patientId) =>
      all(() =>
        db
          .collection(ORDERS)
          .where(patientId === undefined ? { openid } : { openid, patientId })
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'asc'),
      ),
    listByPatient: (patientId, statuses) => all(() => db.collection(ORDERS).where({ patientId, status: _.in(statuses) }).orderBy('_id', 'asc')),
    listByStatus: (statuses) => all(() => db.collection(ORDERS).where({ status: _.in(statuses) }).orderBy('_id', 'asc')),
    listPaidBetween: (fromMs, toMs) => all(() => db.collection(ORDERS).where({ paidAt: _.gte(fromMs).and(_.lt(toMs)) }).orderBy('_id', 'asc')),
    listHandingBack: () => all(() => db.collection(ORDERS).where({ status: 'confirmed', 'handBack.requestedAt': _.gte(0) }).orderBy('_id', 'asc')),
  };
}
