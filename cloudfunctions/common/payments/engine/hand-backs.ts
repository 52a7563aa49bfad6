/**
 * Hand-backs: a confirmed booking given back (退号, a prepaid appointment cancelled). The intent is
 * recorded on the order before the hospital is asked, so an answer lost in a timeout (the hospital
 * released the booking, we never heard) is finished by the janitor: it repeats the same call under the
 * same Idempotency-Key (the hospital answers a done hand-back as done), then refunds.
 */
import type { HandBack, OrderDoc } from '../../../../typings/db';
import { isHospitalRefusal, type EngineContext } from './context';
import { refundConfirmed } from './refunds';

/** Records the intent on a confirmed order (a second one keeps the first); answers the order as it stands. */
export async function recordHandBack(ctx: EngineContext, outTradeNo: string, intent: Omit<HandBack, 'requestedAt'>): Promise<OrderDoc | null> {
  const now = ctx.clock();
  return ctx.ledger.change<OrderDoc | null>(outTradeNo, (cur) => {
    if (!cur || cur.status !== 'confirmed' || cur.handBack) return { answer: cur };
    const next: OrderDoc = { ...cur, handBack: { ...intent, requestedAt: now } };
    return { next, answer: next };
  });
}

/** The hospital refused the hand-back (checked in, session started …): the booking stands, nothing to refund. */
export async function dropHandBack(ctx: EngineContext, outTradeNo: string, why: string): Promise<void> {
  const dropped = await ctx.ledger.change(outTradeNo, (cur) => (cur?.status === 'confirmed' && cur.handBack ? { next: { ...cur, handBack: null }, answer: true } : { answer: false }));
  if (dropped) ctx.log.warn('hand-back refused by the hospital: the booking stands', { outTradeNo, why });
}

/** Repeats a recorded hand-back at the hospital; done → refunded; refused → dropped; no answer → the next run asks again. */
export async function finishHandBack(ctx: EngineContext, order: OrderDoc): Promise<void> {
  const intent = order.handBack;
  if (order.status !== 'confirmed' || !intent) return;
  const { call } = intent;
  try {
    if (call.op === 'registration.refund') await ctx.frontMachine.call('registration.refund', call.request, { idempotencyKey: call.idempotencyKey });
    else await ctx.frontMachine.call('appointment.cancel', call.request, { idempotencyKey: call.idempotencyKey });
  } catch (err) {
    if (isHospitalRefusal(err)) return dropHandBack(ctx, order._id, err.message);
    ctx.log.warn('hand-back still unanswered by the hospital; the janitor asks again', { outTradeNo: order._id, op: call.op });
    return;
  }
  await refundConfirmed(ctx, order._id, `${intent.cause}（janitor finished）`);
}
