/**
 * `appointment.takeNumber` (取号): on the visit day within the window, with a verified card. Paid
 * online: an order of kind take-number for the appointment's fee (the hospital's), confirmed at the
 * hospital through registration.confirm once paid. Where the fee was paid at booking, the number is
 * taken at once, without a second charge, and the registration carries the booking's payment.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { BOOKING_MESSAGES, takeNumberRefusal, takeNumberWindow } from '../../../common/booking/rules';
import type { ActionDefinition } from '../action';
import { viewFor } from './payments';
import { APPOINTMENT_ID_RULE, hasVerifiedCard, idempotencyKey, orderOf, registrationView } from './booking';

export const appointmentTakeNumber: ActionDefinition<'appointment.takeNumber', { appointment: 'appointmentId' }> = {
  schema: { appointmentId: APPOINTMENT_ID_RULE },
  scope: { appointment: 'appointmentId' },
  async handler(ctx, input) {
    if (!hasVerifiedCard(ctx.patient)) throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.takeNumberNeedsCard, 'appointmentId');
    const now = ctx.clock();
    const { appointments } = await ctx.frontMachine.call('appointment.list', { patientId: ctx.booking.patientId });
    const a = appointments.find((x) => x.appointmentId === input.appointmentId);
    if (!a) throw new AppError('NOT_FOUND', BOOKING_MESSAGES.unknownAppointment, 'appointmentId');
    const refusal = takeNumberRefusal(a, now);
    if (refusal) throw new AppError('RULE_VIOLATION', refusal, 'appointmentId');

    if (a.outTradeNo !== null) {
      const { registration } = await ctx.frontMachine.call(
        'appointment.takeNumber',
        { patientId: a.patientId, appointmentId: a.appointmentId },
        { idempotencyKey: idempotencyKey('appointment.takeNumber', a.appointmentId) },
      );
      await ctx.bookings.put('registration', { _id: registration.registrationId, openid: ctx.openid, patientId: a.patientId, outTradeNo: a.outTradeNo, createdAt: now });
      return { registration: registrationView(registration, ctx.patient, await orderOf(ctx, a.outTradeNo), now) };
    }

    const { closesAt } = takeNumberWindow(a.date, a.startTime);
    const { order, payment } = await ctx.payments.payBooking({
      openid: ctx.openid,
      patientId: a.patientId,
      hospitalRef: { kind: 'take-number', appointmentId: a.appointmentId },
      amount: a.fee,
      // Unpaid by the slot's start, the number can no longer be taken anyway.
      expiresAt: Math.min(now + ctx.payments.config.orderTtlMs, Math.max(closesAt, now + 5 * 60_000)),
    });
    return { order: viewFor(ctx.account, order), payment };
  },
};
