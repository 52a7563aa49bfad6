/**
 * 退款到账: WeChat's refund callbacks reach the cloud, not the hospital, so the push job publishes
 * each refunded order into the front machine's outbox (`event.publish`, once per refund number) and
 * it is told like any hospital event. A cursor on the ledger (`cursors/pushRefunds`) remembers how far
 * it got; it moves only after the outbox kept the event.
 */
import type { OrderDoc } from '../../../typings/db';
import type { FrontMachineClient } from '../frontmachine';
import { CURSORS, type PushDatabase } from './store';

const REFUND_CURSOR = 'pushRefunds';
const BATCH = 50;

/** What the patient reads as the reason: the refund's cause in the ledger when it is words, else 退款. */
function reasonOf(order: OrderDoc): string {
  const cause = [...order.history].reverse().find((t) => t.to === 'refunding')?.cause ?? '';
  return /[\u4e00-\u9fff]/.test(cause) ? cause : '退款';
}

/** Publishes the refunds finished since the cursor; answers how many. Run under the push lease. */
export async function publishRefunds(deps: { db: PushDatabase; frontMachine: FrontMachineClient }): Promise<number> {
  const ref = deps.db.collection(CURSORS).doc(REFUND_CURSOR);
  const since = (((await ref.get()).data ?? { refundedAt: 0 }) as { refundedAt: number }).refundedAt;
  // gte: refunds finished in the same millisecond as the last one are published again, and kept once by key.
  const { data } = await deps.db.collection('orders').where({ status: 'refunded', refundedAt: deps.db.command.gte(since) }).orderBy('refundedAt', 'asc').limit(BATCH).get();
  let last = since;
  for (const order of data as OrderDoc[]) {
    if (order.refundedAt === null) continue;
    const key = `refund:${order.outRefundNo ?? `R${order._id}`}`;
    await deps.frontMachine.call(
      'event.publish',
      {
        kind: 'refund.done',
        patientId: order.patientId,
        key,
        occurredAt: new Date(order.refundedAt).toISOString(),
        fields: { amount: String(order.refundAmount ?? order.amount), reason: reasonOf(order), outTradeNo: order._id },
      },
      { idempotencyKey: key },
    );
    last = Math.max(last, order.refundedAt);
  }
  if (last > since) await ref.set({ data: { refundedAt: last } });
  return data.length;
}
