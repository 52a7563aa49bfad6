/** Records WeChat's evidence of a payment (a verified callback or queryOrder) in the ledger, then confirms or refunds. */
import type { OrderDoc } from '../../../../typings/db';
import { transition } from '../ledger';
import type { QueryOrderAnswer } from '../wxpay';
import type { EngineContext } from './context';
import { confirm } from './confirmation';
import { parseCompactBeijing, refundNoOf } from './order-numbers';
import { requestRefund } from './refunds';

/** Proof that WeChat holds the money for an order. */
export interface PaymentEvidence {
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
  paidAt: number;
  cause: string;
}

export type PaymentRecording =
  | { kind: 'unknown' }
  | { kind: 'mismatch'; detail: string }
  | { kind: 'duplicate'; order: OrderDoc }
  | { kind: 'recorded'; order: OrderDoc; then: 'confirm' | 'refund' };

export async function recordPayment(ctx: EngineContext, e: PaymentEvidence): Promise<PaymentRecording> {
  const now = ctx.clock();
  const recording = await ctx.ledger.change<PaymentRecording>(e.outTradeNo, (cur) => {
    if (!cur) return { answer: { kind: 'unknown' } };
    if (cur.amount !== e.totalFee) return { answer: { kind: 'mismatch', detail: 'amount' } };
    if (cur.transactionId !== null) {
      return cur.transactionId === e.transactionId ? { answer: { kind: 'duplicate', order: cur } } : { answer: { kind: 'mismatch', detail: 'transactionId' } };
    }
    // The recorder confirms at once; the janitor steps in a minute later only if that attempt never finished.
    const paidPatch = { transactionId: e.transactionId, paidAt: e.paidAt, confirmDeadline: now + ctx.config.confirmDeadlineMs, nextAttemptAt: now + 60_000, confirmAttempts: 0 };
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
    ctx.log.info('payment recorded', { outTradeNo: e.outTradeNo, status: recording.order.status, cause: e.cause, amount: e.totalFee });
  }
  return recording;
}

/** Runs what follows a recorded payment; its failures never undo the recording (the janitor retries). */
export async function followUp(ctx: EngineContext, r: PaymentRecording, cause: string): Promise<void> {
  if (r.kind !== 'recorded') return;
  try {
    if (r.then === 'refund') await requestRefund(ctx, r.order);
    else await confirm(ctx, r.order._id, cause);
  } catch (err) {
    ctx.log.error('follow-up after payment failed; the janitor will retry', { outTradeNo: r.order._id, error: err });
  }
}

export function evidenceFromQuery(ctx: EngineContext, outTradeNo: string, q: QueryOrderAnswer, cause: string): PaymentEvidence | undefined {
  if (q.resultCode !== 'SUCCESS' || (q.tradeState !== 'SUCCESS' && q.tradeState !== 'REFUND') || !q.transactionId || q.totalFee === undefined) return undefined;
  return { outTradeNo, transactionId: q.transactionId, totalFee: q.totalFee, paidAt: parseCompactBeijing(q.timeEnd) ?? ctx.clock(), cause };
}
