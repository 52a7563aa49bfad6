/**
 * `appointment.create` (预约): a slot from tomorrow to the last published day, for a bound patient
 * (card-less patients too). Limits against scalping from the hospital's own list: one live
 * appointment per doctor per half-day, at most MAX_ACTIVE_APPOINTMENTS live. A double submission
 * books once (same Idempotency-Key, and the hospital answers the patient's live appointment).
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { BOOKING_MESSAGES, bookingWindowRefusal, isActiveAppointment, MAX_ACTIVE_APPOINTMENTS } from '../../../common/booking/rules';
import type { ActionDefinition } from '../action';
import { appointmentView, idempotencyKey, SLOT_ID_RULE, slotSession } from './booking';
import { PATIENT_ID_RULE } from './patients';

export const appointmentCreate: ActionDefinition<'appointment.create', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE, slotId: SLOT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx, input) {
    const now = ctx.clock();
    const patientId = ctx.patient.patientId;
    const { schedule, slot } = await slotSession(ctx, input.slotId);
    const outside = bookingWindowRefusal(schedule.date, now);
    if (outside) throw new AppError('RULE_VIOLATION', outside, 'slotId');
    // Release-time rush: a slot the (cached) list shows taken, for a patient with no booking through us,
    // cannot be this patient's double submission, so SOLD_OUT costs the hospital nothing.
    if (slot.state !== 'free' && (await ctx.bookings.listByAccount('appointment', ctx.openid, patientId)).length === 0) {
      throw new AppError('SOLD_OUT', BOOKING_MESSAGES.slotTaken, 'slotId');
    }

    const { appointments } = await ctx.frontMachine.call('appointment.list', { patientId });
    const same = appointments.find((a) => a.slotId === input.slotId && isActiveAppointment(a));
    const active = appointments.filter((a) => isActiveAppointment(a) && a !== same);
    if (!same) {
      if (active.some((a) => a.doctorId === schedule.doctorId && a.date === schedule.date && a.period === schedule.period)) {
        throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.sameDoctorHalfDay, 'slotId');
      }
      if (active.length >= MAX_ACTIVE_APPOINTMENTS) throw new AppError('LIMIT_REACHED', BOOKING_MESSAGES.tooMany, 'slotId');
    }
    // Earlier (cancelled) bookings of this slot are counted in, so booking it again after a cancel is a new write.
    const earlier = appointments.filter((a) => a.slotId === input.slotId && a !== same).length;
    const { appointment } = same
      ? { appointment: same }
      : await ctx.frontMachine.call('appointment.book', { patientId, slotId: input.slotId }, { idempotencyKey: idempotencyKey('appointment.book', ctx.openid, patientId, input.slotId, earlier) });
    await ctx.bookings.put('appointment', { _id: appointment.appointmentId, openid: ctx.openid, patientId, createdAt: now });
    return appointmentView(appointment, ctx.patient, now);
  },
};
