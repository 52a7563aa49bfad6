/** The hospital confirms a paid order: success → confirmed; a refusal → refunded; unavailable → retried by the janitor. */
import type { OrderStatus } from '../../../../typings/payment';
import { AppError } from '../../../../miniprogram/core/errors';
import { transition } from '../ledger';
import { confirmBackoff, HOSPITAL_REFUSALS, REFUND_CAUSE_HANDED_BACK, type EngineContext } from './context';
import { confirmAtHospital } from './order-kinds';
import { refundConfirmed, startRefund } from './refunds';

export type ConfirmOutcome = 'confirmed' | 'refunding' | 'retry' | 'skipped';

/** Asks the hospital to confirm a paid order once; refused → refund; unavailable → retry later. */
export async function confirm(ctx: EngineContext, outTradeNo: string, cause: string): Promise<ConfirmOutcome> {
  const { ledger, log } = ctx;
  const order = await ledger.get(outTradeNo);
  if (!order || order.status !== 'paid' || order.transactionId === null || order.paidAt === null) return 'skipped';
  try {
    const { receiptNo, handedBack } = await confirmAtHospital(ctx, order, {
      patientId: order.patientId,
      amount: order.amount,
      outTradeNo,
      transactionId: order.transactionId,
      paidAt: new Date(order.paidAt).toISOString(),
    });
    const now = ctx.clock();
    const status = await ledger.change<OrderStatus | 'gone'>(outTradeNo, (cur) => {
      if (!cur) return { answer: 'gone' };
      if (cur.status !== 'paid') return { answer: cur.status };
      return { next: transition(cur, 'confirmed', `${cause}: hospital confirmed`, now, { receiptNo, confirmedAt: now, nextAttemptAt: null }), answer: 'confirmed' };
    });
    // 'confirmed' here means another worker (payNotify or a janitor run) recorded the same receipt first.
    if (status !== 'confirmed' && status !== 'gone') log.error('hospital confirmed an order the ledger no longer holds as paid: reconciliation will report it', { outTradeNo, status });
    if (handedBack) {
      // Cancelled at the hospital between its confirmation and ours (a cancel in that window found nothing to refund yet).
      await refundConfirmed(ctx, outTradeNo, REFUND_CAUSE_HANDED_BACK);
      return 'refunding';
    }
    return 'confirmed';
  } catch (err) {
    if (err instanceof AppError && HOSPITAL_REFUSALS.has(err.code)) {
      log.warn('hospital refused the payment: refunding', { outTradeNo, code: err.code, reason: err.message });
      return (await startRefund(ctx, outTradeNo, `hospital refused: ${err.message}`)) ? 'refunding' : 'skipped';
    }
    if (!(err instanceof AppError)) log.error('confirmation failed unexpectedly (a bug?)', { outTradeNo, error: err });
    const now = ctx.clock();
    await ledger.change(outTradeNo, (cur) => {
      if (cur?.status !== 'paid') return { answer: null };
      const attempts = cur.confirmAttempts + 1;
      return { next: { ...cur, confirmAttempts: attempts, nextAttemptAt: now + confirmBackoff(attempts) }, answer: null };
    });
    return 'retry';
  }
}
