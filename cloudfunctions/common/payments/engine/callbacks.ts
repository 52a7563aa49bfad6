/**
 * WeChat Pay's payment and refund callbacks: verified against our merchant, the ledger and WeChat's
 * own record (anyone who can call the function can forge one); a duplicate has no second effect.
 */
import type { PaymentNotifyEvent, RefundNotifyEvent } from '../../../../typings/wxpay';
import type { EngineContext, NotifyAnswer } from './context';
import { evidenceFromQuery, followUp, recordPayment } from './recording';
import { recordRefund, refundStateAtWeChat } from './refunds';

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

export async function onRefundNotify(ctx: EngineContext, raw: unknown): Promise<NotifyAnswer> {
  const e = (raw ?? {}) as Partial<RefundNotifyEvent>;
  const refuse = refuser(ctx, 'refund', e);
  if (e.returnCode !== 'SUCCESS' || e.refundStatus !== 'SUCCESS') return refuse('not a successful refund');
  if (e.subMchId !== ctx.config.subMchId) return refuse('another merchant');
  if (typeof e.outTradeNo !== 'string' || typeof e.outRefundNo !== 'string' || typeof e.refundFee !== 'number') return refuse('malformed');
  const order = await ctx.ledger.get(e.outTradeNo);
  if (!order) return refuse('unknown order');
  if (order.outRefundNo !== e.outRefundNo || order.refundAmount !== e.refundFee) return refuse('refund differs from the order');
  if (order.status === 'refunded') return { errcode: 0 };
  const truth = await refundStateAtWeChat(ctx, order.outRefundNo);
  if (truth?.status !== 'SUCCESS' || truth.refundFee !== e.refundFee) return refuse('WeChat has no such finished refund');
  const r = await recordRefund(ctx, e.outTradeNo, e.outRefundNo, e.refundFee, truth.successAt ?? ctx.clock(), 'refund notify');
  if (r === 'mismatch' || r === 'unknown') return refuse(r);
  if (r === 'recorded') ctx.log.info('refund recorded', { outTradeNo: e.outTradeNo, outRefundNo: e.outRefundNo, refundFee: e.refundFee });
  return { errcode: 0 };
}
