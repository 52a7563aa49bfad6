/** `queue.status` (排队叫号): the patient's number, the number called, how many are ahead, the room. */
import type { ActionDefinition } from '../action';
import { REGISTRATION_ID_RULE } from './booking';

export const queueStatus: ActionDefinition<'queue.status', { registration: 'registrationId' }> = {
  schema: { registrationId: REGISTRATION_ID_RULE },
  scope: { registration: 'registrationId' },
  async handler(ctx, input) {
    return ctx.frontMachine.call('queue.status', { registrationId: input.registrationId });
  },
};
