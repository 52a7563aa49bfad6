/** `nat.list`: a bound patient's test applications with status and result, live from the hospital; results are never stored. */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';

export const natList: ActionDefinition<'nat.list', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx) {
    return ctx.frontMachine.call('nat.list', { patientId: ctx.patient.patientId });
  },
};
