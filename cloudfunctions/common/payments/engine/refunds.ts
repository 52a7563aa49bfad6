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

/** refunding → refunded on proof of WeChat's finished refund. */
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
    if (cur.status !== 'refunding') return { answer: 'mismatch' as const };
    return { next: transition(cur, 'refunded', cause, now, { refundedAt }), answer: 'recorded' as const };
  });
}

/** WeChat's word on one refund (queryRefund), or undefined when it has none. */
export async function refundStateAtWeChat(ctx: EngineContext, outRefundNo: string): Promise<{ status: string; refundFee: number; successAt: number | undefined } | undefined> {
  const q = await ctx.pay.queryRefund({ ...ctx.merchant, outRefundNo });
  if (q.resultCode !== 'SUCCESS') return undefined;
  const i = (q.outRefundNoList ?? []).indexOf(outRefundNo);
  if (i < 0) return undefined;
  const success = q.refundSuccessTimeList?.[i];
  return { status: q.refundStatusList?.[i] ?? '', refundFee: q.refundFeeList?.[i] ?? 0, successAt: success ? hospitalInstant(success) : undefined };
}
