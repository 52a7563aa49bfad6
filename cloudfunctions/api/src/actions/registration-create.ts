/**
 * `registration.create` (当日挂号): one of today's slots, verified card required; the hospital holds
 * the slot for its holdMinutes (hospital.info) while the patient pays; the order expires with the hold and is confirmed
 * through registration.confirm {holdId} once paid (a late payment whose slot went is refunded).
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { hospitalDate } from '../../../../miniprogram/core/time';
import { BOOKING_MESSAGES, slotStart } from '../../../common/booking/rules';
import type { ActionDefinition } from '../action';
import { viewFor } from './payments';
import { PATIENT_ID_RULE } from './patients';
import { bookingRules, hasVerifiedCard, idempotencyKey, SCHEDULE_ID_RULE, SLOT_ID_RULE, slotSession } from './booking';

export const registrationCreate: ActionDefinition<'registration.create', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE, slotId: SLOT_ID_RULE, scheduleId: { ...SCHEDULE_ID_RULE, required: false } },
  scope: { patient: 'patientId' },
  async handler(ctx, input) {
    if (!hasVerifiedCard(ctx.patient)) throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.registrationNeedsCard, 'patientId');
    const now = ctx.clock();
    const patientId = ctx.patient.patientId;
    const { schedule, slot } = await slotSession(ctx, input.slotId, input.scheduleId);
    if (schedule.date !== hospitalDate(now)) throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.slotNotToday, 'slotId');
    if (slotStart(schedule.date, slot.startTime) <= now) throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.slotStarted, 'slotId');
    // Keyed per minute: a double tap meets on one hold; later the hospital answers the patient's live hold itself.
    const { hold } = await ctx.frontMachine.call(
      'slot.hold',
      { patientId, slotId: input.slotId, minutes: (await bookingRules(ctx)).holdMinutes },
      { idempotencyKey: idempotencyKey('slot.hold', ctx.openid, patientId, input.slotId, Math.floor(now / 60_000)) },
    );
    const { order, payment } = await ctx.payments.payBooking({
      openid: ctx.openid,
      patientId,
      hospitalRef: { kind: 'registration', holdId: hold.holdId, slotId: input.slotId },
      amount: schedule.fee,
      expiresAt: Date.parse(hold.expiresAt),
    });
    return { order: viewFor(ctx.account, order), payment, holdExpiresAt: hold.expiresAt };
  },
};
