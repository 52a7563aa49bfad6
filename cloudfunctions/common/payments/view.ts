/** The patient's view of an order (typings/payment.ts OrderView): where their money is, in Chinese labels. */
import type { OrderDoc } from '../../../typings/db';
import type { OrderView } from '../../../typings/payment';
import { ORDER_STATUS_LABELS } from '../../../miniprogram/core/orders';
import { HAND_BACK_LABEL } from './engine';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** `patientName` is the masked name of the caller's binding (the ledger keeps no names). */
export function orderView(o: OrderDoc, patientName: string): OrderView {
  return {
    outTradeNo: o._id,
    kind: o.kind,
    patientId: o.patientId,
    patientName,
    description: o.description,
    amount: o.amount,
    status: o.status,
    statusLabel: o.status === 'confirmed' && o.handBack ? HAND_BACK_LABEL : ORDER_STATUS_LABELS[o.status],
    createdAt: new Date(o.createdAt).toISOString(),
    expiresAt: new Date(o.expiresAt).toISOString(),
    paidAt: iso(o.paidAt),
    confirmedAt: iso(o.confirmedAt),
    receiptNo: o.receiptNo,
    refundAmount: o.refundAmount,
    refundedAt: iso(o.refundedAt),
    history: o.history.map((t) => ({ ...t })),
  };
}
