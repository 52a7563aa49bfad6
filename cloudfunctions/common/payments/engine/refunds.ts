/** Refunds: always the whole order, `outRefundNo = 'R' + outTradeNo`, so a retried refund is the same refund at WeChat. */
import type { OrderDoc } from '../../../../typings/db';
import { AppError } from '../../../../miniprogram/core/errors';
import { hospitalInstant } from '../../../../miniprogram/core/time';
import { transition } from '../ledger';
import { PAY_NOTIFY_FUNCTION } from '../wxpay';
import { MESSAGES, type EngineContext } from './context';
import { refundNoOf } from './order-numbers';

/** paid → refunding (deterministic refund number), then asks WeChat; answers whether the order is refunding now. */
export async function startRefund(ctx: EngineContext, outTradeNo: string, cause: string): Promise<boolean> {
  const now = ctx.clock();
  const order = await ctx.ledger.change<OrderDoc | null>(outTradeNo, (cur) => {
    if (cur?.status !== 'paid') return { answer: cur?.status === 'refunding' ? cur : null };
    const next = transition(cur, 'refunding', cause, now, { outRefundNo: refundNoOf(outTradeNo), refundAmount: cur.amount, nextAttemptAt: null });
    return { next, answer: next };
  });
  if (!order) return false;
  await requestRefund(ctx, order);
  return true;
}

/** 退号: a confirmed order the hospital already took back goes confirmed → refunding, refunded to the original path. */
export async function refundConfirmed(ctx: EngineContext, outTradeNo: string, cause: string): Promise<OrderDoc> {
  const { ledger, log } = ctx;
  const now = ctx.clock();
  const order = await ledger.change<OrderDoc | null>(outTradeNo, (cur) => {
    if (!cur) return { answer: null };
    // Asked again (a retried 退号): the refund already under way is the answer.
    if (cur.status === 'refunding' || cur.status === 'refunded') return { answer: cur };
    if (cur.status !== 'confirmed') return { answer: null };
    const next = transition(cur, 'refunding', cause, now, { outRefundNo: refundNoOf(outTradeNo), refundAmount: cur.amount, nextAttemptAt: null, handBack: null });
    return { next, answer: next };
  });
  if (!order) throw new AppError('RULE_VIOLATION', MESSAGES.notRefundable);
  if (order.status === 'refunding') {
    try {
      await requestRefund(ctx, order);
    } catch (err) {
      // Recorded as refunding: the janitor asks WeChat again.
      log.error('refund request failed; the janitor will retry', { outTradeNo, error: err });
    }
  }
  return (await ledger.get(outTradeNo)) ?? order;
}

/** Asks WeChat for the order's one refund; a repeat with the same number is the same refund. */
export async function requestRefund(ctx: EngineContext, order: OrderDoc): Promise<void> {
  if (order.outRefundNo === null || order.refundAmount === null) return;
  const answer = await ctx.pay.refund({
    ...ctx.merchant,
    outTradeNo: order._id,
    outRefundNo: order.outRefundNo,
    totalFee: order.amount,
    refundFee: order.refundAmount,
    envId: ctx.config.envId,
    functionName: PAY_NOTIFY_FUNCTION,
    // A confirmed order refunded is a 退号 (or a cancelled prepaid appointment); any other refund is money the hospital could not take.
    refundDesc: order.confirmedAt === null ? '医院未能确认缴费，原路退回' : order.kind === 'test-application' ? '核酸检测费原路退回' : order.kind === 'appointment' ? '退号或取消预约，挂号费原路退回' : '退号，挂号费原路退回',
  });
  if (answer.resultCode !== 'SUCCESS') ctx.log.warn('refund refused by WeChat Pay; the janitor will ask again', { outTradeNo: order._id, errCodeDes: answer.errCodeDes });
  else ctx.log.info('refund requested', { outTradeNo: order._id, outRefundNo: order.outRefundNo, refundFee: order.refundAmount });
}

/** A refund's end as WeChat reports it: finished, or closed abnormally (a case for staff). */
export type RefundEnd = 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE';

export function isRefundEnd(s: unknown): s is RefundEnd {
  return s === 'SUCCESS' || s === 'REFUNDCLOSE' || s === 'CHANGE';
}

/** refunding (or refund-abnormal, when proof of success comes after all) → refunded on proof of WeChat's finished refund. */
export async function recordRefund(
  ctx: EngineContext,
  outTradeNo: string,
  outRefundNo: string,
  refundFee: number,
  refundedAt: number,
  cause: string,
): Promise<'recorded' | 'duplicate' | 'mismatch' | 'unknown'> {
  const now = ctx.clock();
  return ctx.ledger.change(outTradeNo, (cur) => {
    if (!cur) return { answer: 'unknown' as const };
    if (cur.outRefundNo !== outRefundNo || cur.refundAmount !== refundFee) return { answer: 'mismatch' as const };
    if (cur.status === 'refunded') return { answer: 'duplicate' as const };
    if (cur.status !== 'refunding' && cur.status !== 'refund-abnormal') return { answer: 'mismatch' as const };
    return { next: transition(cur, 'refunded', cause, now, { refundedAt }), answer: 'recorded' as const };
  });
}

/** refunding → refund-abnormal: WeChat closed the refund (REFUNDCLOSE) or could not pay it out (CHANGE); staff take it over. */
export async function recordAbnormalRefund(ctx: EngineContext, outTradeNo: string, end: Exclude<RefundEnd, 'SUCCESS'>, cause: string): Promise<void> {
  const now = ctx.clock();
  const moved = await ctx.ledger.change(outTradeNo, (cur) => (cur?.status === 'refunding' ? { next: transition(cur, 'refund-abnormal', `${cause}: WeChat ${end}`, now), answer: true } : { answer: false }));
  if (moved) ctx.log.error('ALERT: refund closed abnormally by WeChat Pay; a case for staff (reconciliation lists it, the patient sees 退款异常)', { outTradeNo, end });
}

/**
 * WeChat's word on one refund (queryRefund): whether it knows the refund, and its end when the answer
 * carries one. The cloud answers the count with empty lists, so `end` is usually unknown: the callback
 * or the daily bill proves it.
 */
export async function refundStateAtWeChat(ctx: EngineContext, outRefundNo: string): Promise<{ known: boolean; end?: RefundEnd; refundFee?: number; successAt?: number }> {
  const q = await ctx.pay.queryRefund({ ...ctx.merchant, outRefundNo });
  if (q.resultCode !== 'SUCCESS') return { known: false };
  const i = (q.outRefundNoList ?? []).indexOf(outRefundNo);
  const listed = (q.refundCount ?? 0) >= 1 || i >= 0;
  if (i < 0) return { known: listed };
  const status = q.refundStatusList?.[i];
  const success = q.refundSuccessTimeList?.[i];
  return {
    known: true,
    ...(isRefundEnd(status) ? { end: status } : {}),
    ...(q.refundFeeList?.[i] !== undefined ? { refundFee: q.refundFeeList[i] } : {}),
    ...(success ? { successAt: hospitalInstant(success) } : {}),
  };
}
