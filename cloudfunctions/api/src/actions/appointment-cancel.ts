/**
 * `appointment.cancel`: until 00:00 of the visit day (Shanghai), checked here on the business clock
 * and again at the hospital on its own; the slot returns to others.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { BOOKING_MESSAGES, canCancel, cancelDeadline } from '../../../common/booking/rules';
import type { ActionDefinition } from '../action';
import { APPOINTMENT_ID_RULE, appointmentView, idempotencyKey } from './booking';

export const appointmentCancel: ActionDefinition<'appointment.cancel', { appointment: 'appointmentId' }> = {
  schema: { appointmentId: APPOINTMENT_ID_RULE },
  scope: { appointment: 'appointmentId' },
  async handler(ctx, input) {
    const now = ctx.clock();
    const { appointments } = await ctx.frontMachine.call('appointment.list', { patientId: ctx.booking.patientId });
    const a = appointments.find((x) => x.appointmentId === input.appointmentId);
    if (!a) throw new AppError('NOT_FOUND', BOOKING_MESSAGES.unknownAppointment, 'appointmentId');
    if (a.status === 'cancelled') return appointmentView(a, ctx.patient, now);
    if (now >= cancelDeadline(a.date)) throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.cancelOnVisitDay, 'appointmentId');
    if (!canCancel(a, now)) throw new AppError('RULE_VIOLATION', a.registrationId !== null ? BOOKING_MESSAGES.alreadyTaken : BOOKING_MESSAGES.notCancellable, 'appointmentId');
    const { appointment } = await ctx.frontMachine.call('appointment.cancel', { appointmentId: a.appointmentId }, { idempotencyKey: idempotencyKey('appointment.cancel', a.appointmentId) });
    return appointmentView(appointment, ctx.patient, now);
  },
};
