/** `slot.list`: a session's timed slots and which are still available (hospital information, public). */
import type { ActionDefinition } from '../action';
import { SCHEDULE_ID_RULE } from './booking';

export const slotList: ActionDefinition<'slot.list', 'public'> = {
  schema: { scheduleId: SCHEDULE_ID_RULE },
  scope: 'public',
  async handler(ctx, input) {
    const { schedule, slots } = await ctx.frontMachine.call('slot.list', { scheduleId: input.scheduleId });
    // So appointment.create and registration.create, which name only the slot, find its session.
    await ctx.bookings.rememberSlots(schedule.scheduleId, slots.map((s) => s.slotId));
    return { schedule, slots: slots.map((s) => ({ slotId: s.slotId, startTime: s.startTime, endTime: s.endTime, available: s.state === 'free' })) };
  },
};
