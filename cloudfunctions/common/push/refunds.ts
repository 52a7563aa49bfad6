/**
 * 停诊: the hospital cancelled the session's bookings and names the order that paid for each; the
 * money follows through the payment engine's public interface, as appointment.cancel does (an
 * unpaid order expires, a paid one the hospital now refuses is refunded, a confirmed one refunded).
 */
import type { HospitalEvent } from '../../../typings/events';
import { bookingOrderNo, type PaymentEngine } from '../payments';

/** The refund's cause in the ledger and reconciliation. */
export const REFUND_CAUSE_STOPPED = '停诊退款';

export type StopRefunds = Pick<PaymentEngine, 'ledger' | 'abandon' | 'confirm' | 'refundConfirmed'>;

/** Settles the money of one stopped booking; answers what was done. Idempotent (the engine's refund number is per order). */
export async function settleStoppedBooking(payments: StopRefunds, event: HospitalEvent): Promise<'none' | 'abandoned' | 'refunding'> {
  const { outTradeNo: paid, appointmentId, slotId } = event.fields;
  // A held appointment's order is named by the cloud, not the hospital: the same number appointment.create used.
  const outTradeNo = paid || (appointmentId && slotId ? bookingOrderNo({ kind: 'appointment', appointmentId, slotId }, event.patientId, 1) : undefined);
  if (!outTradeNo) return 'none';
  const order = await payments.ledger.get(outTradeNo);
  if (!order || order.patientId !== event.patientId) return 'none';
  switch (order.status) {
    case 'created':
    case 'paying':
      await payments.abandon(outTradeNo, 'session.stopped');
      return 'abandoned';
    case 'paid':
      // The hospital no longer holds the booking: its refusal makes the engine refund.
      await payments.confirm(outTradeNo, 'session.stopped');
      return 'refunding';
    case 'confirmed':
    case 'refunding':
      await payments.refundConfirmed(outTradeNo, REFUND_CAUSE_STOPPED);
      return 'refunding';
    default:
      return 'none';
  }
}
