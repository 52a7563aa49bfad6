/** `visit.list` (就诊记录): a bound patient's outpatient visits, newest first, live from the hospital. */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';

export const visitList: ActionDefinition<'visit.list', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx) {
    return ctx.frontMachine.call('visit.list', { patientId: ctx.patient.patientId });
  },
};
