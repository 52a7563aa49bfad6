/** `cost.list` (费用查询): a bound patient's visits with their bills, paid or pending, live from the hospital. */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';

export const costList: ActionDefinition<'cost.list', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx) {
    return ctx.frontMachine.call('cost.list', { patientId: ctx.patient.patientId });
  },
};
