/**
 * `appointment.create` (预约): a slot from tomorrow to the last published day, for a bound patient
 * (card-less patients too). Limits against scalping are the hospital's (hospital.info): one live
 * appointment per doctor per half-day, at most `maxActiveAppointments` live — checked here to spare
 * the hospital a write, and again by the hospital under its booking lock. Where the hospital charges
 * at booking the appointment comes back held, with the order to pay before the hold lapses. A double
 * submission books once (same Idempotency-Key, and the hospital answers the patient's live appointment).
 * The intent is recorded before the hospital is asked, so a booking whose answer was lost (the hospital
 * made it after we stopped waiting) is found by the next attempt or by 我的预约 and recorded as the
 * caller's, never refused as sold out.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { BOOKING_MESSAGES, bookingWindowRefusal, isActiveAppointment } from '../../../common/booking/rules';
import type { ActionDefinition } from '../action';
import { appointmentView, bookingIntentId, bookingRules, idempotencyKey, payForAppointment, SCHEDULE_ID_RULE, SLOT_ID_RULE, slotSession } from './booking';
import { PATIENT_ID_RULE } from './patients';

export const appointmentCreate: ActionDefinition<'appointment.create', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE, slotId: SLOT_ID_RULE, scheduleId: { ...SCHEDULE_ID_RULE, required: false } },
  scope: { patient: 'patientId' },
  async handler(ctx, input) {
    const now = ctx.clock();
    const patientId = ctx.patient.patientId;
    const { schedule, slot } = await slotSession(ctx, input.slotId, input.scheduleId);
    const outside = bookingWindowRefusal(schedule.date, now);
    if (outside) throw new AppError('RULE_VIOLATION', outside, 'slotId');
    // Release-time rush: a slot the (cached) list shows taken, for a patient with no booking through us,
    // cannot be this patient's double submission, so SOLD_OUT costs the hospital nothing.
    const intentId = bookingIntentId(ctx.openid, patientId, input.slotId);
    if (
      slot.state !== 'free' &&
      (await ctx.bookings.listByAccount('appointment', ctx.openid, patientId)).length === 0 &&
      !(await ctx.bookings.intentsOf(ctx.openid, patientId)).some((i) => i._id === intentId)
    ) {
      throw new AppError('SOLD_OUT', BOOKING_MESSAGES.slotTaken, 'slotId');
    }

    const { appointments } = await ctx.frontMachine.call('appointment.list', { patientId });
    const same = appointments.find((a) => a.slotId === input.slotId && (a.status === 'held' || a.status === 'booked'));
    const active = appointments.filter((a) => isActiveAppointment(a) && a !== same);
    // The cap is at least 1: a patient with nothing live (most of a release-time rush) needs no rules.
    if (!same && active.length > 0) {
      if (active.some((a) => a.doctorId === schedule.doctorId && a.date === schedule.date && a.period === schedule.period)) {
        throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.sameDoctorHalfDay, 'slotId');
      }
      const { maxActiveAppointments } = await bookingRules(ctx);
      if (active.length >= maxActiveAppointments) throw new AppError('LIMIT_REACHED', BOOKING_MESSAGES.tooMany(maxActiveAppointments), 'slotId');
    }
    // Earlier (cancelled) bookings of this slot are counted in, so booking it again after a cancel is a new write.
    const earlier = appointments.filter((a) => a.slotId === input.slotId && a !== same).length;
    if (!same) await ctx.bookings.recordIntent({ _id: intentId, openid: ctx.openid, patientId, slotId: input.slotId, createdAt: now });
    const { appointment } = same
      ? { appointment: same }
      : await ctx.frontMachine
          .call('appointment.book', { patientId, slotId: input.slotId }, { idempotencyKey: idempotencyKey('appointment.book', ctx.openid, patientId, input.slotId, earlier) })
          .catch(async (err: unknown) => {
            // A "no" changed nothing at the hospital; only silence leaves the intent for the next look.
            if (err instanceof AppError && err.code !== 'HOSPITAL_UNAVAILABLE') await ctx.bookings.dropIntent(intentId);
            throw err;
          });
    await ctx.bookings.put('appointment', { _id: appointment.appointmentId, openid: ctx.openid, patientId, createdAt: now });
    await ctx.bookings.dropIntent(intentId);
    const view = appointmentView(appointment, ctx.patient, now);
    // The hospital's answer decides, not the cached rules: a held appointment is one to pay for.
    if (appointment.status !== 'held') return view;
    return { ...view, pay: await payForAppointment(ctx, appointment) };
  },
};
