/**
 * WeChat Pay's payment and refund callbacks: verified against our merchant, the ledger and WeChat's
 * own record (anyone who can call the function can forge one); a duplicate has no second effect.
 */
import type { PaymentNotifyEvent, RefundNotifyEvent } from '../../../../typings/wxpay';
import type { EngineContext, NotifyAnswer } from './context';
import { evidenceFromQuery, followUp, recordPayment } from './recording';
import { hospitalInstant } from '../../../../miniprogram/core/time';
import { isRefundEnd, recordAbnormalRefund, recordRefund, refundStateAtWeChat } from './refunds';

function refuser(ctx: EngineContext, what: string, e: { outTradeNo?: unknown; subMchId?: unknown }) {
  return (why: string): NotifyAnswer => {
    ctx.log.warn(`${what} callback refused: order untouched`, { why, outTradeNo: typeof e.outTradeNo === 'string' ? e.outTradeNo.slice(0, 40) : undefined, subMchId: e.subMchId });
    return { errcode: 1, errmsg: why };
  };
}

export async function onPaymentNotify(ctx: EngineContext, raw: unknown): Promise<NotifyAnswer> {
  const e = (raw ?? {}) as Partial<PaymentNotifyEvent>;
  const refuse = refuser(ctx, 'payment', e);
  if (e.returnCode !== 'SUCCESS' || e.resultCode !== 'SUCCESS') return refuse('not a successful payment');
  if (e.subMchId !== ctx.config.subMchId) return refuse('another merchant');
  if (typeof e.outTradeNo !== 'string' || typeof e.transactionId !== 'string' || typeof e.totalFee !== 'number') return refuse('malformed');
  const order = await ctx.ledger.get(e.outTradeNo);
  if (!order) return refuse('unknown order');
  if (order.amount !== e.totalFee) return refuse('amount differs from the order');
  if (order.transactionId !== null) {
    // Already recorded: a duplicate or late copy has no second effect.
    return order.transactionId === e.transactionId ? { errcode: 0 } : refuse('a second transaction for a paid order');
  }
  // A callback can be forged by anyone who can call the function: WeChat's own record decides.
  const q = await ctx.pay.queryOrder({ ...ctx.merchant, outTradeNo: e.outTradeNo });
  const evidence = evidenceFromQuery(ctx, e.outTradeNo, q, 'payNotify');
  if (!evidence || evidence.transactionId !== e.transactionId || evidence.totalFee !== e.totalFee) return refuse('WeChat has no such payment');
  const r = await recordPayment(ctx, evidence);
  if (r.kind === 'unknown' || r.kind === 'mismatch') return refuse(r.kind === 'mismatch' ? r.detail : 'unknown order');
  await followUp(ctx, r, 'payNotify');
  return { errcode: 0 };
}

/**
 * A refund callback: its end (SUCCESS, or REFUNDCLOSE / CHANGE for staff) is taken from the callback
 * itself — only WeChat Pay reaches payNotify (its SOURCE is checked there) and queryRefund's per-refund
 * lists come back empty — once it matches the order's one refund and WeChat knows that refund.
 */
export async function onRefundNotify(ctx: EngineContext, raw: unknown): Promise<NotifyAnswer> {
  const e = (raw ?? {}) as Partial<RefundNotifyEvent>;
  const refuse = refuser(ctx, 'refund', e);
  if (e.returnCode !== 'SUCCESS' || !isRefundEnd(e.refundStatus)) return refuse('not a finished refund');
  if (e.subMchId !== ctx.config.subMchId) return refuse('another merchant');
  if (typeof e.outTradeNo !== 'string' || typeof e.outRefundNo !== 'string' || typeof e.refundFee !== 'number') return refuse('malformed');
  const order = await ctx.ledger.get(e.outTradeNo);
  if (!order) return refuse('unknown order');
  if (order.outRefundNo !== e.outRefundNo || order.refundAmount !== e.refundFee) return refuse('refund differs from the order');
  if (order.status === 'refunded' || (order.status === 'refund-abnormal' && e.refundStatus !== 'SUCCESS')) return { errcode: 0 };
  const truth = await refundStateAtWeChat(ctx, order.outRefundNo);
  if (!truth.known || (truth.end !== undefined && truth.end !== e.refundStatus)) return refuse('WeChat has no such refund');
  if (e.refundStatus !== 'SUCCESS') {
    await recordAbnormalRefund(ctx, e.outTradeNo, e.refundStatus, 'refund notify');
    return { errcode: 0 };
  }
  const successAt = typeof e.successTime === 'string' && e.successTime !== '' ? hospitalInstant(e.successTime) : ctx.clock();
  const r = await recordRefund(ctx, e.outTradeNo, e.outRefundNo, e.refundFee, successAt, 'refund notify');
  if (r === 'mismatch' || r === 'unknown') return refuse(r);
  if (r === 'recorded') ctx.log.info('refund recorded', { outTradeNo: e.outTradeNo, outRefundNo: e.outRefundNo, refundFee: e.refundFee });
  return { errcode: 0 };
}
