/**
 * `appointment.cancel`: until 00:00 of the visit day (Shanghai), checked here on the business clock
 * and again at the hospital on its own; the slot returns to others. A fee paid at booking goes back to
 * the original path once the hospital has cancelled; a held appointment's unpaid order expires at once.
 * Asked again after a cancel, it finishes what the first call may have left (the refund).
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { HospitalAppointment } from '../../../../typings/booking';
import { BOOKING_MESSAGES, canCancel, cancelDeadline } from '../../../common/booking/rules';
import { bookingOrderNo, isHospitalRefusal, REFUND_CAUSE_CANCELLED } from '../../../common/payments';
import type { ActionDefinition, BookingContext } from '../action';
import { APPOINTMENT_ID_RULE, appointmentView, idempotencyKey } from './booking';

/**
 * Money follows the hospital: refund what it says was paid; a payment it has not recorded yet is
 * refused by it when confirmed (or found cancelled on a replay) and refunded by the engine; an unpaid
 * order of a held appointment expires at once.
 */
function orderNoOf(a: HospitalAppointment): string {
  return a.outTradeNo ?? bookingOrderNo({ kind: 'appointment', appointmentId: a.appointmentId, slotId: a.slotId }, a.patientId, 1);
}

async function settleMoney(ctx: BookingContext, a: HospitalAppointment): Promise<void> {
  const outTradeNo = orderNoOf(a);
  const order = await ctx.payments.ledger.get(outTradeNo);
  if (!order) return;
  if (order.status === 'created' || order.status === 'paying') await ctx.payments.abandon(outTradeNo, 'appointment.cancel');
  else if (order.status === 'paid') await ctx.payments.confirm(outTradeNo, 'appointment.cancel');
  else if (order.status === 'confirmed' || order.status === 'refunding') await ctx.payments.refundConfirmed(outTradeNo, REFUND_CAUSE_CANCELLED);
}

export const appointmentCancel: ActionDefinition<'appointment.cancel', { appointment: 'appointmentId' }> = {
  schema: { appointmentId: APPOINTMENT_ID_RULE },
  scope: { appointment: 'appointmentId' },
  async handler(ctx, input) {
    const now = ctx.clock();
    const { appointments } = await ctx.frontMachine.call('appointment.list', { patientId: ctx.booking.patientId });
    const a = appointments.find((x) => x.appointmentId === input.appointmentId);
    if (!a) throw new AppError('NOT_FOUND', BOOKING_MESSAGES.unknownAppointment, 'appointmentId');
    if (a.status === 'cancelled') {
      await settleMoney(ctx, a);
      return appointmentView(a, ctx.patient, now);
    }
    if (now >= cancelDeadline(a.date)) throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.cancelOnVisitDay, 'appointmentId');
    if (!canCancel(a, now)) throw new AppError('RULE_VIOLATION', a.registrationId !== null ? BOOKING_MESSAGES.alreadyTaken : BOOKING_MESSAGES.notCancellable, 'appointmentId');
    const key = idempotencyKey('appointment.cancel', a.appointmentId);
    // A fee paid at booking: the intent first, so a cancel whose answer is lost is finished (and refunded) by the janitor.
    const outTradeNo = orderNoOf(a);
    await ctx.payments.recordHandBack(outTradeNo, { cause: REFUND_CAUSE_CANCELLED, call: { op: 'appointment.cancel', request: { appointmentId: a.appointmentId }, idempotencyKey: key } });
    const { appointment } = await ctx.frontMachine.call('appointment.cancel', { appointmentId: a.appointmentId }, { idempotencyKey: key }).catch(async (err: unknown) => {
      if (isHospitalRefusal(err)) await ctx.payments.dropHandBack(outTradeNo, err.message);
      throw err;
    });
    await settleMoney(ctx, appointment);
    return appointmentView(appointment, ctx.patient, now);
  },
};
