/**
 * The payment engine (ARCHITECTURE §8): creates bill orders, records WeChat Pay's payment and refund
 * evidence (callbacks or queries) in the ledger, has the hospital confirm paid orders, refunds what
 * the hospital cannot take, and the janitor that drives every open order to an end state.
 * Every status change goes through `transition` (the table in ledger.ts) inside a ledger transaction;
 * calls to WeChat and to the hospital happen outside transactions, and are safe to repeat
 * (same outTradeNo, Idempotency-Key = outTradeNo, outRefundNo = 'R' + outTradeNo).
 */
import { createHash } from 'node:crypto';
import type { HospitalRef, OrderDoc } from '../../../typings/db';
import type { Bill, OrderStatus, WxPaymentParams } from '../../../typings/payment';
import type { PaymentNotifyEvent, RefundNotifyEvent } from '../../../typings/wxpay';
import { AppError } from '../../../miniprogram/core/errors';
import { sumFen } from '../../../miniprogram/core/money';
import { formatHospital, hospitalInstant, type Clock } from '../../../miniprogram/core/time';
import type { BookingIndex } from '../booking/index-store';
import type { FrontMachineClient } from '../frontmachine';
import type { Logger } from '../logger';
import { WECHAT_CLOSE_AFTER_MS, type PaymentConfig } from './config';
import { OPEN_STATUSES, transition, type OrderLedger } from './ledger';
import { PAY_NOTIFY_FUNCTION, type PayGateway, type QueryOrderAnswer } from './wxpay';

export interface PaymentPorts {
  ledger: OrderLedger;
  pay: PayGateway;
  config: PaymentConfig;
  /** Who owns each registration: a confirmed registration's index document is written here. */
  bookings: BookingIndex;
}

export interface PaymentDeps extends PaymentPorts {
  frontMachine: FrontMachineClient;
  clock: Clock;
  log: Logger;
}

/** What a callback answers WeChat: `{errcode: 0}` once recorded (or already recorded), anything else is retried. */
export interface NotifyAnswer {
  errcode: number;
  errmsg?: string;
}

export interface JanitorReport {
  owner: string;
  examined: number;
  worked: number;
  /** Leased by another run at the time. */
  skipped: number;
  failed: number;
}

/** How long a janitor run's claim on an order lasts (a crashed run's claim expires by itself). */
export const LEASE_MS = 2 * 60_000;
/** Confirmation retries back off from 1 minute up to this. */
export const MAX_CONFIRM_BACKOFF_MS = 10 * 60_000;
/** Bill ids per order, so one order stays one readable receipt. */
export const MAX_BILLS_PER_ORDER = 20;

export const MESSAGES = {
  billsNotPending: '所选费用已缴或已变更，请刷新后重新选择',
  billsInOtherOrder: '所选费用已在另一笔待支付订单中',
  billsBeingConfirmed: '所选费用已支付，正在向医院确认',
  previousOrderPending: '上一笔订单正在处理中，请稍后刷新再试',
  payUnavailable: '微信支付暂时无法下单，请稍后再试',
  orderPaid: '该订单已支付，正在向医院确认',
  notRefundable: '该订单当前状态不可退款',
} as const;

/** The cause recorded when a confirmed registration is handed back (退号). */
export const REFUND_CAUSE_RETURNED = '退号';
/** The cause recorded when a prepaid appointment is cancelled. */
export const REFUND_CAUSE_CANCELLED = '取消预约';
/** The cause recorded when a confirmation replayed after the hospital had already handed the booking back. */
const REFUND_CAUSE_HANDED_BACK = '医院已取消，原路退回';

/** Order descriptions of the booking kinds: what is paid for, never a doctor or a department. */
export const BOOKING_DESCRIPTIONS = { registration: '挂号费', appointment: '预约挂号费', 'take-number': '取号', 'test-application': '核酸检测费' } as const;

/** A booking order (当日挂号, 预约 paid at booking, or 取号) to place: the amount is the hospital's fee, never the client's. */
export interface BookingOrderRequest {
  openid: string;
  patientId: string;
  hospitalRef: Extract<HospitalRef, { kind: 'registration' | 'appointment' | 'take-number' | 'test-application' }>;
  amount: number;
  /** An unpaid order expires then (a hold's expiry); default: now + the order TTL. */
  expiresAt?: number;
}

/**
 * The order number of a booking: the same hold or held appointment (or the same appointment's number,
 * per attempt) gives the same number, so a double submission meets on one document.
 * `G`/`Y`/`T` + 24 hex + `N` + attempt.
 */
export function bookingOrderNo(ref: BookingOrderRequest['hospitalRef'], patientId: string, attempt: number): string {
  const key =
    ref.kind === 'registration' ? ['G', ref.holdId] : ref.kind === 'appointment' ? ['Y', ref.appointmentId] : ref.kind === 'test-application' ? ['H', ref.applicationId] : ['T', ref.appointmentId];
  const digest = createHash('sha256').update(JSON.stringify([patientId, key[1]]), 'utf8').digest('hex').slice(0, 24);
  return `${key[0]}${digest}N${attempt}`;
}

/** `门诊缴费（2项）`: what the order is for, never an item's name. */
export function billOrderDescription(billCount: number): string {
  return `门诊缴费（${billCount}项）`;
}

/**
 * The order number of a patient's bill set, per attempt: the same bills give the same number, so two
 * concurrent bill.pay calls meet on one document. `B` + 24 hex + `N` + attempt: at most 32 characters.
 */
export function billOrderNo(patientId: string, billIds: readonly string[], attempt: number): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([patientId, [...billIds].sort()]), 'utf8')
    .digest('hex')
    .slice(0, 24);
  return `B${digest}N${attempt}`;
}

export function refundNoOf(outTradeNo: string): string {
  return `R${outTradeNo}`;
}

/** `yyyyMMddHHmmss` Beijing time (WeChat's timeExpire / timeEnd). */
export function compactBeijing(ms: number): string {
  return formatHospital(ms, 'YYYYMMDDHHmmss');
}

function parseCompactBeijing(s: string | undefined): number | undefined {
  const m = s === undefined ? null : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  return m ? hospitalInstant(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`) : undefined;
}

function confirmBackoff(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_CONFIRM_BACKOFF_MS);
}

/** Hospital answers that mean "this charge cannot be taken": the money goes back. */
const HOSPITAL_REFUSALS = new Set(['RULE_VIOLATION', 'NOT_FOUND', 'CONFLICT', 'INVALID_INPUT']);

/** Proof that WeChat holds the money for an order. */
interface PaymentEvidence {
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
  paidAt: number;
  cause: string;
}

type PaymentRecording =
  | { kind: 'unknown' }
  | { kind: 'mismatch'; detail: string }
  | { kind: 'duplicate'; order: OrderDoc }
  | { kind: 'recorded'; order: OrderDoc; then: 'confirm' | 'refund' };

export interface PaymentEngine {
  readonly ledger: OrderLedger;
  readonly config: PaymentConfig;
  /** bill.pay: one order for the patient's chosen pending bills (amount from the hospital), placed at WeChat. */
  payBills(req: { openid: string; patientId: string; billIds: string[] }): Promise<{ order: OrderDoc; payment: WxPaymentParams }>;
  /** 当日挂号 / 预约 paid at booking / 取号: one order per hold or held appointment (per appointment and attempt for 取号), placed at WeChat. */
  payBooking(req: BookingOrderRequest): Promise<{ order: OrderDoc; payment: WxPaymentParams }>;
  /** What was booked is given up before payment: an unpaid order expires now, so the janitor closes it at WeChat. */
  abandon(outTradeNo: string, cause: string): Promise<void>;
  /** 退号: a confirmed order the hospital already took back goes confirmed → refunding, refunded to the original path. */
  refundConfirmed(outTradeNo: string, cause: string): Promise<OrderDoc>;
  /** A payment callback, verified against our merchant, the ledger and WeChat's own record. */
  onPaymentNotify(event: unknown): Promise<NotifyAnswer>;
  /** A refund callback, verified the same way. */
  onRefundNotify(event: unknown): Promise<NotifyAnswer>;
  /** Asks the hospital to confirm a paid order once; refused → refund; unavailable → retry later. */
  confirm(outTradeNo: string, cause: string): Promise<'confirmed' | 'refunding' | 'retry' | 'skipped'>;
  /** One janitor pass over every open order. */
  runJanitor(owner: string): Promise<JanitorReport>;
}

export function createPaymentEngine(deps: PaymentDeps): PaymentEngine {
  const { ledger, pay, config, frontMachine: fm, clock, log, bookings } = deps;
  const merchant = { subMchId: config.subMchId };

  // ---- creating bill orders ------------------------------------------------------------------

  function newBillOrder(outTradeNo: string, openid: string, patientId: string, billIds: string[], amount: number, now: number): OrderDoc {
    const ref: HospitalRef = { kind: 'outpatient-bill', billIds: [...billIds].sort() };
    return newOrder({ outTradeNo, openid, patientId, ref, description: billOrderDescription(billIds.length), amount, now, expiresAt: now + config.orderTtlMs, cause: 'bill.pay' });
  }

  function newOrder(o: { outTradeNo: string; openid: string; patientId: string; ref: HospitalRef; description: string; amount: number; now: number; expiresAt: number; cause: string }): OrderDoc {
    const now = o.now;
    const base: OrderDoc = {
      _id: o.outTradeNo,
      openid: o.openid,
      patientId: o.patientId,
      kind: o.ref.kind,
      hospitalRef: o.ref,
      description: o.description,
      amount: o.amount,
      status: 'created',
      history: [],
      createdAt: now,
      expiresAt: o.expiresAt,
      transactionId: null,
      paidAt: null,
      confirmedAt: null,
      receiptNo: null,
      confirmAttempts: 0,
      nextAttemptAt: null,
      confirmDeadline: null,
      outRefundNo: null,
      refundAmount: null,
      refundedAt: null,
      lease: null,
    };
    return { ...base, history: [{ from: null, to: 'created', at: new Date(now).toISOString(), cause: o.cause }] };
  }

  async function placeAtWeChat(order: OrderDoc): Promise<WxPaymentParams> {
    let answer: Awaited<ReturnType<PayGateway['unifiedOrder']>>;
    try {
      answer = await callUnifiedOrder(order);
    } catch (err) {
      // WeChat Pay unreachable or refusing our parameters: the patient can only try again later.
      log.error('unifiedOrder failed', { outTradeNo: order._id, error: err });
      throw new AppError('HOSPITAL_UNAVAILABLE', MESSAGES.payUnavailable);
    }
    return afterUnifiedOrder(order, answer);
  }

  function callUnifiedOrder(order: OrderDoc) {
    return pay.unifiedOrder({
      body: order.description,
      outTradeNo: order._id,
      spbillCreateIp: '127.0.0.1',
      ...merchant,
      totalFee: order.amount,
      envId: config.envId,
      functionName: PAY_NOTIFY_FUNCTION,
      // WeChat then refuses payment after our expiry, so a closed ledger order is rarely paid at all.
      timeExpire: compactBeijing(order.expiresAt),
      subOpenid: order.openid,
    });
  }

  async function afterUnifiedOrder(order: OrderDoc, answer: Awaited<ReturnType<PayGateway['unifiedOrder']>>): Promise<WxPaymentParams> {
    if (answer.resultCode === 'SUCCESS' && answer.payment) {
      const now = clock();
      await ledger.change(order._id, (cur) =>
        cur?.status === 'created' ? { next: transition(cur, 'paying', 'bill.pay: placed at WeChat Pay', now), answer: null } : { answer: null },
      );
      const p = answer.payment;
      return { timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: p.paySign };
    }
    log.warn('unifiedOrder refused', { outTradeNo: order._id, errCodeDes: answer.errCodeDes });
    // WeChat's refusal text is not a contract: ask it what the order really is.
    await settleWithWeChat(order, 'bill.pay: unifiedOrder refused');
    const after = await ledger.get(order._id);
    if (after && (after.status === 'paid' || after.status === 'confirmed')) throw new AppError('CONFLICT', MESSAGES.orderPaid, 'billIds');
    throw new AppError('HOSPITAL_UNAVAILABLE', MESSAGES.payUnavailable);
  }

  async function payBills(req: { openid: string; patientId: string; billIds: string[] }): Promise<{ order: OrderDoc; payment: WxPaymentParams }> {
    const { bills } = await fm.call('bill.pending', { patientId: req.patientId });
    const byId = new Map<string, Bill>(bills.map((b) => [b.billId, b]));
    const chosen = req.billIds.map((id) => byId.get(id));
    if (chosen.some((b) => b === undefined)) throw new AppError('RULE_VIOLATION', MESSAGES.billsNotPending, 'billIds');
    // The amount is the hospital's, never the client's.
    const amount = sumFen(chosen.map((b) => (b as Bill).amount));
    if (amount <= 0) throw new AppError('RULE_VIOLATION', MESSAGES.billsNotPending, 'billIds');
    const wanted = [...req.billIds].sort();
    const billIdsOf = (o: OrderDoc): string[] => (o.hospitalRef.kind === 'outpatient-bill' ? o.hospitalRef.billIds : []);
    const sameSet = (o: OrderDoc) => billIdsOf(o).length === wanted.length && billIdsOf(o).every((id, i) => id === wanted[i]);

    const open = await ledger.listByPatient(req.patientId, ['created', 'paying', 'paid']);
    for (const o of open) {
      if (!billIdsOf(o).some((id) => wanted.includes(id))) continue;
      if (o.status === 'paid') throw new AppError('CONFLICT', MESSAGES.billsBeingConfirmed, 'billIds');
      if (!sameSet(o)) throw new AppError('CONFLICT', MESSAGES.billsInOtherOrder, 'billIds');
    }

    for (let attempt = 1; attempt <= 100; attempt++) {
      const outTradeNo = billOrderNo(req.patientId, wanted, attempt);
      const now = clock();
      // Create-if-absent in one transaction that claims the bills: concurrent calls for the same bills
      // meet on this document, and an overlapping set of another open order is refused.
      const opened = await ledger.openBillOrder(newBillOrder(outTradeNo, req.openid, req.patientId, wanted, amount, now), wanted);
      if ('conflict' in opened) throw new AppError('CONFLICT', opened.conflict.status === 'paid' ? MESSAGES.billsBeingConfirmed : MESSAGES.billsInOtherOrder, 'billIds');
      const { order } = opened;
      if (order.status === 'closed' || order.status === 'refunding' || order.status === 'refunded') continue;
      if (order.status === 'paid' || order.status === 'confirmed') throw new AppError('CONFLICT', MESSAGES.billsBeingConfirmed, 'billIds');
      if (order.openid !== req.openid) throw new AppError('CONFLICT', MESSAGES.billsInOtherOrder, 'billIds');
      if (now >= order.expiresAt) {
        // An expired attempt must be closed at WeChat before another one may take the same bills.
        await settleWithWeChat(order, 'bill.pay: previous attempt expired');
        const after = await ledger.get(outTradeNo);
        if (after?.status === 'closed') continue;
        throw new AppError('PAYMENT_PENDING', after?.status === 'paid' ? MESSAGES.orderPaid : MESSAGES.previousOrderPending);
      }
      const payment = await placeAtWeChat(order);
      return { order: (await ledger.get(outTradeNo)) ?? order, payment };
    }
    throw new AppError('LIMIT_REACHED', '该组费用的支付尝试次数过多，请到窗口缴费');
  }

  async function payBooking(req: BookingOrderRequest): Promise<{ order: OrderDoc; payment: WxPaymentParams }> {
    const field = req.hospitalRef.kind === 'registration' ? 'slotId' : req.hospitalRef.kind === 'test-application' ? 'applicationId' : 'appointmentId';
    // A hold is paid once (a new hold is a new order); an appointment's number or a test's fee may be tried again after an unpaid attempt.
    const attempts = req.hospitalRef.kind === 'take-number' || req.hospitalRef.kind === 'test-application' ? 20 : 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const outTradeNo = bookingOrderNo(req.hospitalRef, req.patientId, attempt);
      const now = clock();
      const order = await ledger.change(outTradeNo, (cur) => {
        if (cur) return { answer: cur };
        const fresh = newOrder({
          outTradeNo,
          openid: req.openid,
          patientId: req.patientId,
          ref: req.hospitalRef,
          description: BOOKING_DESCRIPTIONS[req.hospitalRef.kind],
          amount: req.amount,
          now,
          expiresAt: req.expiresAt ?? now + config.orderTtlMs,
          cause: req.hospitalRef.kind,
        });
        return { next: fresh, answer: fresh };
      });
      if (order.openid !== req.openid) throw new AppError('CONFLICT', MESSAGES.previousOrderPending, field);
      if (order.status === 'paid' || order.status === 'confirmed') throw new AppError('CONFLICT', MESSAGES.orderPaid, field);
      if (order.status === 'closed' || order.status === 'refunding' || order.status === 'refunded') continue;
      if (now >= order.expiresAt) {
        await settleWithWeChat(order, `${req.hospitalRef.kind}: previous attempt expired`);
        const after = await ledger.get(outTradeNo);
        if (after?.status === 'closed') continue;
        throw new AppError('PAYMENT_PENDING', after?.status === 'paid' ? MESSAGES.orderPaid : MESSAGES.previousOrderPending);
      }
      const payment = await placeAtWeChat(order);
      return { order: (await ledger.get(outTradeNo)) ?? order, payment };
    }
    throw new AppError('PAYMENT_PENDING', MESSAGES.previousOrderPending, field);
  }

  // ---- recording WeChat's evidence -------------------------------------------------------------

  async function recordPayment(e: PaymentEvidence): Promise<PaymentRecording> {
    const now = clock();
    const recording = await ledger.change<PaymentRecording>(e.outTradeNo, (cur) => {
      if (!cur) return { answer: { kind: 'unknown' } };
      if (cur.amount !== e.totalFee) return { answer: { kind: 'mismatch', detail: 'amount' } };
      if (cur.transactionId !== null) {
        return cur.transactionId === e.transactionId ? { answer: { kind: 'duplicate', order: cur } } : { answer: { kind: 'mismatch', detail: 'transactionId' } };
      }
      // The recorder confirms at once; the janitor steps in a minute later only if that attempt never finished.
      const paidPatch = { transactionId: e.transactionId, paidAt: e.paidAt, confirmDeadline: now + config.confirmDeadlineMs, nextAttemptAt: now + 60_000, confirmAttempts: 0 };
      if (cur.status === 'created' || cur.status === 'paying') {
        const next = transition(cur, 'paid', e.cause, now, paidPatch);
        return { next, answer: { kind: 'recorded', order: next, then: 'confirm' } };
      }
      if (cur.status === 'closed') {
        // The patient paid after we gave up on the order: record the money, then give it back at once.
        const paid = transition(cur, 'paid', `${e.cause} (after the order was closed)`, now, paidPatch);
        const next = transition(paid, 'refunding', 'paid after close: refund', now, { outRefundNo: refundNoOf(cur._id), refundAmount: cur.amount, nextAttemptAt: null });
        return { next, answer: { kind: 'recorded', order: next, then: 'refund' } };
      }
      return { answer: { kind: 'mismatch', detail: `status ${cur.status} without a transaction id` } };
    });
    if (recording.kind === 'recorded') {
      log.info('payment recorded', { outTradeNo: e.outTradeNo, status: recording.order.status, cause: e.cause, amount: e.totalFee });
    }
    return recording;
  }

  /** Runs what follows a recorded payment; its failures never undo the recording (the janitor retries). */
  async function followUp(r: PaymentRecording, cause: string): Promise<void> {
    if (r.kind !== 'recorded') return;
    try {
      if (r.then === 'refund') await requestRefund(r.order);
      else await confirm(r.order._id, cause);
    } catch (err) {
      log.error('follow-up after payment failed; the janitor will retry', { outTradeNo: r.order._id, error: err });
    }
  }

  function evidenceFromQuery(outTradeNo: string, q: QueryOrderAnswer, cause: string): PaymentEvidence | undefined {
    if (q.resultCode !== 'SUCCESS' || (q.tradeState !== 'SUCCESS' && q.tradeState !== 'REFUND') || !q.transactionId || q.totalFee === undefined) return undefined;
    return { outTradeNo, transactionId: q.transactionId, totalFee: q.totalFee, paidAt: parseCompactBeijing(q.timeEnd) ?? clock(), cause };
  }

  async function onPaymentNotify(raw: unknown): Promise<NotifyAnswer> {
    const e = (raw ?? {}) as Partial<PaymentNotifyEvent>;
    const refuse = (why: string): NotifyAnswer => {
      log.warn('payment callback refused: order untouched', { why, outTradeNo: typeof e.outTradeNo === 'string' ? e.outTradeNo.slice(0, 40) : undefined, subMchId: e.subMchId });
      return { errcode: 1, errmsg: why };
    };
    if (e.returnCode !== 'SUCCESS' || e.resultCode !== 'SUCCESS') return refuse('not a successful payment');
    if (e.subMchId !== config.subMchId) return refuse('another merchant');
    if (typeof e.outTradeNo !== 'string' || typeof e.transactionId !== 'string' || typeof e.totalFee !== 'number') return refuse('malformed');
    const order = await ledger.get(e.outTradeNo);
    if (!order) return refuse('unknown order');
    if (order.amount !== e.totalFee) return refuse('amount differs from the order');
    if (order.transactionId !== null) {
      // Already recorded: a duplicate or late copy has no second effect.
      return order.transactionId === e.transactionId ? { errcode: 0 } : refuse('a second transaction for a paid order');
    }
    // A callback can be forged by anyone who can call the function: WeChat's own record decides.
    const q = await pay.queryOrder({ ...merchant, outTradeNo: e.outTradeNo });
    const evidence = evidenceFromQuery(e.outTradeNo, q, 'payNotify');
    if (!evidence || evidence.transactionId !== e.transactionId || evidence.totalFee !== e.totalFee) return refuse('WeChat has no such payment');
    const r = await recordPayment(evidence);
    if (r.kind === 'unknown' || r.kind === 'mismatch') return refuse(r.kind === 'mismatch' ? r.detail : 'unknown order');
    await followUp(r, 'payNotify');
    return { errcode: 0 };
  }

  // ---- hospital confirmation and refunds ----------------------------------------------------------

  /**
   * What the hospital is told a payment paid for, by kind; each answers the receipt (and writes what
   * the cloud must keep), and whether the hospital has since handed what was paid for back (a
   * confirmation replayed after the patient cancelled), so the money goes back too.
   */
  type Payment = { patientId: string; amount: number; outTradeNo: string; transactionId: string; paidAt: string };
  type Confirmation = { receiptNo: string; handedBack: boolean };
  const confirmers: { [K in HospitalRef['kind']]: (order: OrderDoc, ref: Extract<HospitalRef, { kind: K }>, p: Payment) => Promise<Confirmation> } = {
    'outpatient-bill': async (_order, ref, p) => ({ receiptNo: (await fm.call('bill.confirm', { ...p, billIds: ref.billIds }, { idempotencyKey: p.outTradeNo })).receiptNo, handedBack: false }),
    registration: (order, ref, p) => confirmRegistration(order, { ...p, holdId: ref.holdId }),
    'take-number': (order, ref, p) => confirmRegistration(order, { ...p, appointmentId: ref.appointmentId }),
    appointment: async (_order, ref, p) => {
      const { receiptNo, appointment } = await fm.call('appointment.confirm', { ...p, appointmentId: ref.appointmentId }, { idempotencyKey: p.outTradeNo });
      return { receiptNo, handedBack: appointment.status === 'cancelled' };
    },
    'test-application': async (_order, ref, p) => ({ receiptNo: (await fm.call('nat.confirm', { ...p, applicationId: ref.applicationId }, { idempotencyKey: p.outTradeNo })).receiptNo, handedBack: false }),
  };

  async function confirmRegistration(order: OrderDoc, req: Payment & ({ holdId: string } | { appointmentId: string })): Promise<Confirmation> {
    const { receiptNo, registration } = await fm.call('registration.confirm', req, { idempotencyKey: req.outTradeNo });
    // Before the ledger says confirmed, so a confirmed registration always has its owner on record.
    await bookings.put('registration', { _id: registration.registrationId, openid: order.openid, patientId: order.patientId, outTradeNo: order._id, createdAt: clock() });
    return { receiptNo, handedBack: registration.status === 'refunded' };
  }

  function confirmAtHospital(order: OrderDoc, p: Payment): Promise<Confirmation> {
    const ref = order.hospitalRef;
    switch (ref.kind) {
      case 'outpatient-bill':
        return confirmers['outpatient-bill'](order, ref, p);
      case 'registration':
        return confirmers.registration(order, ref, p);
      case 'take-number':
        return confirmers['take-number'](order, ref, p);
      case 'appointment':
        return confirmers.appointment(order, ref, p);
      case 'test-application':
        return confirmers['test-application'](order, ref, p);
    }
  }

  async function confirm(outTradeNo: string, cause: string): Promise<'confirmed' | 'refunding' | 'retry' | 'skipped'> {
    const order = await ledger.get(outTradeNo);
    if (!order || order.status !== 'paid' || order.transactionId === null || order.paidAt === null) return 'skipped';
    try {
      const { receiptNo, handedBack } = await confirmAtHospital(order, {
        patientId: order.patientId,
        amount: order.amount,
        outTradeNo,
        transactionId: order.transactionId,
        paidAt: new Date(order.paidAt).toISOString(),
      });
      const now = clock();
      const status = await ledger.change<OrderStatus | 'gone'>(outTradeNo, (cur) => {
        if (!cur) return { answer: 'gone' };
        if (cur.status !== 'paid') return { answer: cur.status };
        return { next: transition(cur, 'confirmed', `${cause}: hospital confirmed`, now, { receiptNo, confirmedAt: now, nextAttemptAt: null }), answer: 'confirmed' };
      });
      // 'confirmed' here means another worker (payNotify or a janitor run) recorded the same receipt first.
      if (status !== 'confirmed' && status !== 'gone') log.error('hospital confirmed an order the ledger no longer holds as paid: reconciliation will report it', { outTradeNo, status });
      if (handedBack) {
        // Cancelled at the hospital between its confirmation and ours (a cancel in that window found nothing to refund yet).
        await refundConfirmed(outTradeNo, REFUND_CAUSE_HANDED_BACK);
        return 'refunding';
      }
      return 'confirmed';
    } catch (err) {
      if (err instanceof AppError && HOSPITAL_REFUSALS.has(err.code)) {
        log.warn('hospital refused the payment: refunding', { outTradeNo, code: err.code, reason: err.message });
        return (await startRefund(outTradeNo, `hospital refused: ${err.message}`)) ? 'refunding' : 'skipped';
      }
      if (!(err instanceof AppError)) log.error('confirmation failed unexpectedly (a bug?)', { outTradeNo, error: err });
      const now = clock();
      await ledger.change(outTradeNo, (cur) => {
        if (cur?.status !== 'paid') return { answer: null };
        const attempts = cur.confirmAttempts + 1;
        return { next: { ...cur, confirmAttempts: attempts, nextAttemptAt: now + confirmBackoff(attempts) }, answer: null };
      });
      return 'retry';
    }
  }

  /** paid → refunding (deterministic refund number), then asks WeChat; answers whether the order is refunding now. */
  async function startRefund(outTradeNo: string, cause: string): Promise<boolean> {
    const now = clock();
    const order = await ledger.change<OrderDoc | null>(outTradeNo, (cur) => {
      if (cur?.status !== 'paid') return { answer: cur?.status === 'refunding' ? cur : null };
      const next = transition(cur, 'refunding', cause, now, { outRefundNo: refundNoOf(outTradeNo), refundAmount: cur.amount, nextAttemptAt: null });
      return { next, answer: next };
    });
    if (!order) return false;
    await requestRefund(order);
    return true;
  }

  async function refundConfirmed(outTradeNo: string, cause: string): Promise<OrderDoc> {
    const now = clock();
    const order = await ledger.change<OrderDoc | null>(outTradeNo, (cur) => {
      if (!cur) return { answer: null };
      // Asked again (a retried 退号): the refund already under way is the answer.
      if (cur.status === 'refunding' || cur.status === 'refunded') return { answer: cur };
      if (cur.status !== 'confirmed') return { answer: null };
      const next = transition(cur, 'refunding', cause, now, { outRefundNo: refundNoOf(outTradeNo), refundAmount: cur.amount, nextAttemptAt: null });
      return { next, answer: next };
    });
    if (!order) throw new AppError('RULE_VIOLATION', MESSAGES.notRefundable);
    if (order.status === 'refunding') {
      try {
        await requestRefund(order);
      } catch (err) {
        // Recorded as refunding: the janitor asks WeChat again.
        log.error('refund request failed; the janitor will retry', { outTradeNo, error: err });
      }
    }
    return (await ledger.get(outTradeNo)) ?? order;
  }

  /** Asks WeChat for the order's one refund; a repeat with the same number is the same refund. */
  async function requestRefund(order: OrderDoc): Promise<void> {
    if (order.outRefundNo === null || order.refundAmount === null) return;
    const answer = await pay.refund({
      ...merchant,
      outTradeNo: order._id,
      outRefundNo: order.outRefundNo,
      totalFee: order.amount,
      refundFee: order.refundAmount,
      envId: config.envId,
      functionName: PAY_NOTIFY_FUNCTION,
      // A confirmed order refunded is a 退号 (or a cancelled prepaid appointment); any other refund is money the hospital could not take.
      refundDesc: order.confirmedAt === null ? '医院未能确认缴费，原路退回' : order.kind === 'test-application' ? '核酸检测费原路退回' : order.kind === 'appointment' ? '退号或取消预约，挂号费原路退回' : '退号，挂号费原路退回',
    });
    if (answer.resultCode !== 'SUCCESS') log.warn('refund refused by WeChat Pay; the janitor will ask again', { outTradeNo: order._id, errCodeDes: answer.errCodeDes });
    else log.info('refund requested', { outTradeNo: order._id, outRefundNo: order.outRefundNo, refundFee: order.refundAmount });
  }

  async function recordRefund(outTradeNo: string, outRefundNo: string, refundFee: number, refundedAt: number, cause: string): Promise<'recorded' | 'duplicate' | 'mismatch' | 'unknown'> {
    const now = clock();
    return ledger.change(outTradeNo, (cur) => {
      if (!cur) return { answer: 'unknown' as const };
      if (cur.outRefundNo !== outRefundNo || cur.refundAmount !== refundFee) return { answer: 'mismatch' as const };
      if (cur.status === 'refunded') return { answer: 'duplicate' as const };
      if (cur.status !== 'refunding') return { answer: 'mismatch' as const };
      return { next: transition(cur, 'refunded', cause, now, { refundedAt }), answer: 'recorded' as const };
    });
  }

  async function onRefundNotify(raw: unknown): Promise<NotifyAnswer> {
    const e = (raw ?? {}) as Partial<RefundNotifyEvent>;
    const refuse = (why: string): NotifyAnswer => {
      log.warn('refund callback refused: order untouched', { why, outTradeNo: typeof e.outTradeNo === 'string' ? e.outTradeNo.slice(0, 40) : undefined, subMchId: e.subMchId });
      return { errcode: 1, errmsg: why };
    };
    if (e.returnCode !== 'SUCCESS' || e.refundStatus !== 'SUCCESS') return refuse('not a successful refund');
    if (e.subMchId !== config.subMchId) return refuse('another merchant');
    if (typeof e.outTradeNo !== 'string' || typeof e.outRefundNo !== 'string' || typeof e.refundFee !== 'number') return refuse('malformed');
    const order = await ledger.get(e.outTradeNo);
    if (!order) return refuse('unknown order');
    if (order.outRefundNo !== e.outRefundNo || order.refundAmount !== e.refundFee) return refuse('refund differs from the order');
    if (order.status === 'refunded') return { errcode: 0 };
    const truth = await refundStateAtWeChat(order.outRefundNo);
    if (truth?.status !== 'SUCCESS' || truth.refundFee !== e.refundFee) return refuse('WeChat has no such finished refund');
    const r = await recordRefund(e.outTradeNo, e.outRefundNo, e.refundFee, truth.successAt ?? clock(), 'refund notify');
    if (r === 'mismatch' || r === 'unknown') return refuse(r);
    if (r === 'recorded') log.info('refund recorded', { outTradeNo: e.outTradeNo, outRefundNo: e.outRefundNo, refundFee: e.refundFee });
    return { errcode: 0 };
  }

  async function refundStateAtWeChat(outRefundNo: string): Promise<{ status: string; refundFee: number; successAt: number | undefined } | undefined> {
    const q = await pay.queryRefund({ ...merchant, outRefundNo });
    if (q.resultCode !== 'SUCCESS') return undefined;
    const i = (q.outRefundNoList ?? []).indexOf(outRefundNo);
    if (i < 0) return undefined;
    const success = q.refundSuccessTimeList?.[i];
    return { status: q.refundStatusList?.[i] ?? '', refundFee: q.refundFeeList?.[i] ?? 0, successAt: success ? hospitalInstant(success) : undefined };
  }

  // ---- the janitor ---------------------------------------------------------------------------------

  /** Brings an unpaid order in line with WeChat: paid → recorded (and confirmed); expired → closed. */
  async function settleWithWeChat(order: OrderDoc, cause: string): Promise<void> {
    const now = clock();
    const q = await pay.queryOrder({ ...merchant, outTradeNo: order._id });
    const evidence = evidenceFromQuery(order._id, q, `${cause}: queryOrder found the payment`);
    if (evidence) {
      await followUp(await recordPayment(evidence), cause);
      return;
    }
    const closeLedger = (why: string) =>
      ledger.change(order._id, (cur) => (cur && (cur.status === 'created' || cur.status === 'paying') ? { next: transition(cur, 'closed', why, now), answer: null } : { answer: null }));
    if (q.resultCode !== 'SUCCESS') {
      // WeChat never heard of it (unifiedOrder never went through): nothing can be paid.
      if (now >= order.expiresAt && (q.errCodeDes ?? '').includes('不存在')) await closeLedger(`${cause}: expired, never placed at WeChat`);
      else log.warn('queryOrder refused', { outTradeNo: order._id, errCodeDes: q.errCodeDes });
      return;
    }
    if (q.tradeState === 'CLOSED' || q.tradeState === 'REVOKED' || q.tradeState === 'PAYERROR') {
      await closeLedger(`${cause}: WeChat reports ${q.tradeState}`);
      return;
    }
    if (q.tradeState === 'USERPAYING') {
      await ledger.change(order._id, (cur) => (cur?.status === 'created' ? { next: transition(cur, 'paying', `${cause}: patient paying`, now), answer: null } : { answer: null }));
      return;
    }
    if (now < order.expiresAt) return;
    // WeChat closes nothing younger than 5 minutes; a refused close is simply tried on the next run.
    if (now - order.createdAt < WECHAT_CLOSE_AFTER_MS) return;
    const closed = await pay.closeOrder({ ...merchant, outTradeNo: order._id });
    if (closed.resultCode === 'SUCCESS') await closeLedger(`${cause}: expired, closed at WeChat`);
    else log.info('closeOrder refused; will ask again', { outTradeNo: order._id, errCodeDes: closed.errCodeDes });
  }

  /** Whether the janitor has anything to do for the order now (so idle orders are not leased). */
  function due(o: OrderDoc, now: number): boolean {
    if (o.status === 'created' || o.status === 'paying') return o.status === 'paying' || now >= o.expiresAt;
    if (o.status === 'paid') return o.nextAttemptAt === null || o.nextAttemptAt <= now || (o.confirmDeadline !== null && now >= o.confirmDeadline);
    return o.status === 'refunding';
  }

  async function work(order: OrderDoc, now: number): Promise<void> {
    switch (order.status) {
      case 'created':
      case 'paying':
        await settleWithWeChat(order, 'janitor');
        return;
      case 'paid': {
        const outcome = await confirm(order._id, 'janitor');
        if (outcome === 'retry' && order.confirmDeadline !== null && now >= order.confirmDeadline) {
          await startRefund(order._id, 'janitor: not confirmed by the hospital before the deadline');
        }
        return;
      }
      case 'refunding': {
        if (order.outRefundNo === null) return;
        const truth = await refundStateAtWeChat(order.outRefundNo);
        if (!truth) await requestRefund(order);
        else if (truth.status === 'SUCCESS') await recordRefund(order._id, order.outRefundNo, truth.refundFee, truth.successAt ?? now, 'janitor: queryRefund');
        return;
      }
      default:
        return;
    }
  }

  async function runJanitor(owner: string): Promise<JanitorReport> {
    const report: JanitorReport = { owner, examined: 0, worked: 0, skipped: 0, failed: 0 };
    const orders = await ledger.listByStatus(OPEN_STATUSES);
    for (const listed of orders) {
      report.examined++;
      const now = clock();
      if (!due(listed, now)) continue;
      // The lease: a second run at the same time skips what this one holds.
      const claimed = await ledger.change<OrderDoc | null>(listed._id, (cur) => {
        if (!cur || !OPEN_STATUSES.includes(cur.status)) return { answer: null };
        if (cur.lease && cur.lease.owner !== owner && cur.lease.until > now) return { answer: null };
        const next = { ...cur, lease: { owner, until: now + LEASE_MS } };
        return { next, answer: next };
      });
      if (!claimed) {
        report.skipped++;
        continue;
      }
      try {
        await work(claimed, now);
        report.worked++;
      } catch (err) {
        report.failed++;
        log.error('janitor could not work an order; next run retries', { outTradeNo: listed._id, error: err });
      } finally {
        await ledger.change(listed._id, (cur) => (cur?.lease?.owner === owner ? { next: { ...cur, lease: null }, answer: null } : { answer: null }));
      }
    }
    if (report.worked > 0 || report.failed > 0) log.info('janitor run', { ...report });
    return report;
  }

  async function abandon(outTradeNo: string, cause: string): Promise<void> {
    const now = clock();
    const expired = await ledger.change(outTradeNo, (cur) => {
      if (!cur || (cur.status !== 'created' && cur.status !== 'paying') || cur.expiresAt <= now) return { answer: false };
      // Not closed here: WeChat may still be taking the payment; the janitor asks it first, and a payment that lands is refunded.
      return { next: { ...cur, expiresAt: now }, answer: true };
    });
    if (expired) log.info('booking given up before payment: the order expires now', { outTradeNo, cause });
  }

  return { ledger, config, payBills, payBooking, abandon, refundConfirmed, onPaymentNotify, onRefundNotify, confirm, runJanitor };
}
