/**
 * `appointment.pay`: where the hospital charges at booking, the payment of a held appointment made
 * (again) — the patient closed the payment sheet or came back from 我的预约. The same held appointment
 * meets the same order; after the hold lapsed there is nothing to pay.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { BOOKING_MESSAGES, canPay } from '../../../common/booking/rules';
import type { ActionDefinition } from '../action';
import { APPOINTMENT_ID_RULE, payForAppointment } from './booking';

export const appointmentPay: ActionDefinition<'appointment.pay', { appointment: 'appointmentId' }> = {
  schema: { appointmentId: APPOINTMENT_ID_RULE },
  scope: { appointment: 'appointmentId' },
  async handler(ctx, input) {
    const { appointments } = await ctx.frontMachine.call('appointment.list', { patientId: ctx.booking.patientId });
    const a = appointments.find((x) => x.appointmentId === input.appointmentId);
    if (!a) throw new AppError('NOT_FOUND', BOOKING_MESSAGES.unknownAppointment, 'appointmentId');
    if (!canPay(a, ctx.clock())) throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.notPayable, 'appointmentId');
    return payForAppointment(ctx, a);
  },
};
