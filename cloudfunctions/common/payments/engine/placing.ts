/** Placing orders: bill.pay's bill sets and the booking kinds, written to the ledger and placed at WeChat Pay (unifiedOrder). */
import type { HospitalRef, OrderDoc } from '../../../../typings/db';
import type { Bill, WxPaymentParams } from '../../../../typings/payment';
import { AppError } from '../../../../miniprogram/core/errors';
import { sumFen } from '../../../../miniprogram/core/money';
import { transition } from '../ledger';
import { PAY_NOTIFY_FUNCTION, type UnifiedOrderAnswer } from '../wxpay';
import { MESSAGES, type EngineContext } from './context';
import { billOrderDescription, billOrderNo, BOOKING_DESCRIPTIONS, bookingOrderNo, compactBeijing, type BookingOrderRequest } from './order-numbers';
import { settleWithWeChat } from './wechat-sync';

/** A placed order and what the mini program hands `wx.requestPayment`. */
export interface PlacedOrder {
  order: OrderDoc;
  payment: WxPaymentParams;
}

export function newOrder(o: { outTradeNo: string; openid: string; patientId: string; ref: HospitalRef; description: string; amount: number; now: number; expiresAt: number; cause: string }): OrderDoc {
  return {
    _id: o.outTradeNo,
    openid: o.openid,
    patientId: o.patientId,
    kind: o.ref.kind,
    hospitalRef: o.ref,
    description: o.description,
    amount: o.amount,
    status: 'created',
    history: [{ from: null, to: 'created', at: new Date(o.now).toISOString(), cause: o.cause }],
    createdAt: o.now,
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
}

/** WeChat's prepay_id (and so the payment parameters) stays valid this long. */
export const PREPAY_VALID_MS = 2 * 60 * 60_000;
/** unifiedOrder refuses a timeExpire under 5 minutes away; we keep a minute more for the network. */
const MIN_TIME_EXPIRE_MS = 6 * 60_000;

/** Places an order at WeChat Pay (unifiedOrder with our expiry): created → paying; a refusal is settled with WeChat first. */
export async function placeAtWeChat(ctx: EngineContext, order: OrderDoc): Promise<WxPaymentParams> {
  const now0 = ctx.clock();
  // Paying again: the first placement's parameters, while valid; never a second unifiedOrder.
  if (order.prepay && now0 - order.prepay.placedAt < PREPAY_VALID_MS) return order.prepay.params;
  let answer: UnifiedOrderAnswer;
  try {
    answer = await ctx.pay.unifiedOrder({
      body: order.description,
      outTradeNo: order._id,
      spbillCreateIp: '127.0.0.1',
      ...ctx.merchant,
      totalFee: order.amount,
      envId: ctx.config.envId,
      functionName: PAY_NOTIFY_FUNCTION,
      // WeChat then refuses payment after our expiry, so a closed ledger order is rarely paid at all. It refuses a
      // timeExpire under 5 minutes away: a nearer expiry (a hold about to lapse) is sent as 6 minutes, and a payment
      // landing after the hold is refused by the hospital and refunded.
      timeExpire: compactBeijing(Math.max(order.expiresAt, now0 + MIN_TIME_EXPIRE_MS)),
      subOpenid: order.openid,
    });
  } catch (err) {
    // WeChat Pay unreachable or refusing our parameters: the patient can only try again later.
    ctx.log.error('unifiedOrder failed', { outTradeNo: order._id, error: err });
    throw new AppError('HOSPITAL_UNAVAILABLE', MESSAGES.payUnavailable);
  }
  if (answer.resultCode === 'SUCCESS' && answer.payment) {
    const now = ctx.clock();
    const p = answer.payment;
    const params: WxPaymentParams = { timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: p.paySign };
    const prepay = { params, placedAt: now };
    await ctx.ledger.change(order._id, (cur) => {
      if (!cur) return { answer: null };
      const kept = cur.prepay ? cur : { ...cur, prepay };
      return { next: cur.status === 'created' ? transition(kept, 'paying', 'bill.pay: placed at WeChat Pay', now) : kept, answer: null };
    });
    return params;
  }
  ctx.log.warn('unifiedOrder refused', { outTradeNo: order._id, errCodeDes: answer.errCodeDes });
  // WeChat's refusal text is not a contract: ask it what the order really is.
  await settleWithWeChat(ctx, order, 'bill.pay: unifiedOrder refused');
  const after = await ctx.ledger.get(order._id);
  if (after && (after.status === 'paid' || after.status === 'confirmed')) throw new AppError('CONFLICT', MESSAGES.orderPaid, 'billIds');
  throw new AppError('HOSPITAL_UNAVAILABLE', MESSAGES.payUnavailable);
}

/** bill.pay: one order for the patient's chosen pending bills (amount from the hospital), placed at WeChat. */
export async function payBills(ctx: EngineContext, req: { openid: string; patientId: string; billIds: string[] }): Promise<PlacedOrder> {
  const { ledger, config } = ctx;
  const { bills } = await ctx.frontMachine.call('bill.pending', { patientId: req.patientId });
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
    const now = ctx.clock();
    const fresh = newOrder({
      outTradeNo,
      openid: req.openid,
      patientId: req.patientId,
      ref: { kind: 'outpatient-bill', billIds: wanted },
      description: billOrderDescription(wanted.length),
      amount,
      now,
      expiresAt: now + config.orderTtlMs,
      cause: 'bill.pay',
    });
    // Create-if-absent in one transaction that claims the bills: concurrent calls for the same bills
    // meet on this document, and an overlapping set of another open order is refused.
    const opened = await ledger.openBillOrder(fresh, wanted);
    if ('conflict' in opened) throw new AppError('CONFLICT', opened.conflict.status === 'paid' ? MESSAGES.billsBeingConfirmed : MESSAGES.billsInOtherOrder, 'billIds');
    const { order } = opened;
    if (order.status === 'closed' || order.status === 'refunding' || order.status === 'refunded') continue;
    if (order.status === 'paid' || order.status === 'confirmed') throw new AppError('CONFLICT', MESSAGES.billsBeingConfirmed, 'billIds');
    if (order.openid !== req.openid) throw new AppError('CONFLICT', MESSAGES.billsInOtherOrder, 'billIds');
    if (now >= order.expiresAt) {
      // An expired attempt must be closed at WeChat before another one may take the same bills.
      await settleWithWeChat(ctx, order, 'bill.pay: previous attempt expired');
      const after = await ledger.get(outTradeNo);
      if (after?.status === 'closed') continue;
      throw new AppError('PAYMENT_PENDING', after?.status === 'paid' ? MESSAGES.orderPaid : MESSAGES.previousOrderPending);
    }
    const payment = await placeAtWeChat(ctx, order);
    return { order: (await ledger.get(outTradeNo)) ?? order, payment };
  }
  throw new AppError('LIMIT_REACHED', '该组费用的支付尝试次数过多，请到窗口缴费');
}

/** 当日挂号 / 预约 paid at booking / 取号: one order per hold or held appointment (per appointment and attempt for 取号), placed at WeChat. */
export async function payBooking(ctx: EngineContext, req: BookingOrderRequest): Promise<PlacedOrder> {
  const { ledger, config } = ctx;
  const field = req.hospitalRef.kind === 'registration' ? 'slotId' : req.hospitalRef.kind === 'test-application' ? 'applicationId' : 'appointmentId';
  // A hold is paid once (a new hold is a new order); an appointment's number may be tried again after an unpaid attempt.
  const attempts = req.hospitalRef.kind === 'take-number' || req.hospitalRef.kind === 'test-application' ? 20 : 1;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const outTradeNo = bookingOrderNo(req.hospitalRef, req.patientId, attempt);
    const now = ctx.clock();
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
      await settleWithWeChat(ctx, order, `${req.hospitalRef.kind}: previous attempt expired`);
      const after = await ledger.get(outTradeNo);
      if (after?.status === 'closed') continue;
      throw new AppError('PAYMENT_PENDING', after?.status === 'paid' ? MESSAGES.orderPaid : MESSAGES.previousOrderPending);
    }
    const payment = await placeAtWeChat(ctx, order);
    return { order: (await ledger.get(outTradeNo)) ?? order, payment };
  }
  throw new AppError('PAYMENT_PENDING', MESSAGES.previousOrderPending, field);
}

/** What was booked is given up before payment: an unpaid order expires now, so the janitor closes it at WeChat. */
export async function abandon(ctx: EngineContext, outTradeNo: string, cause: string): Promise<void> {
  const now = ctx.clock();
  const expired = await ctx.ledger.change(outTradeNo, (cur) => {
    if (!cur || (cur.status !== 'created' && cur.status !== 'paying') || cur.expiresAt <= now) return { answer: false };
    // Not closed here: WeChat may still be taking the payment; the janitor asks it first, and a payment that lands is refunded.
    return { next: { ...cur, expiresAt: now }, answer: true };
  });
  if (expired) ctx.log.info('booking given up before payment: the order expires now', { outTradeNo, cause });
}
