/** `patient.list`: the caller's patients, masked, default first, with the account's cap. */
import type { ActionDefinition } from '../action';
import { listOf } from './patients';

export const patientList: ActionDefinition<'patient.list', 'account'> = {
  schema: {},
  scope: 'account',
  async handler(ctx) {
    return listOf(ctx.account?.patients ?? []);
  },
};
