/** `survey.pending`: a bound patient's surveys to answer, one per finished visit, live from the hospital. */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';

export const surveyPending: ActionDefinition<'survey.pending', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx) {
    return ctx.frontMachine.call('survey.pending', { patientId: ctx.patient.patientId });
  },
};
