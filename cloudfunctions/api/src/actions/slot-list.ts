/** `slot.list`: a session's timed slots and which are still available (hospital information, public). */
import type { ActionDefinition } from '../action';
import { slotStart } from '../../../common/booking/rules';
import { SCHEDULE_ID_RULE } from './booking';

export const slotList: ActionDefinition<'slot.list', 'public'> = {
  schema: { scheduleId: SCHEDULE_ID_RULE },
  scope: 'public',
  async handler(ctx, input) {
    const { schedule, slots } = await ctx.frontMachine.call('slot.list', { scheduleId: input.scheduleId });
    // A free slot whose time has come is no longer a choice (the hospital would refuse it).
    const now = ctx.clock();
    const available = (s: (typeof slots)[number]) => s.state === 'free' && slotStart(schedule.date, s.startTime) > now;
    return { schedule, slots: slots.map((s) => ({ slotId: s.slotId, startTime: s.startTime, endTime: s.endTime, available: available(s) })) };
  },
};
