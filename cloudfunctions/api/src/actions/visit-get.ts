/** `visit.get`: one visit's outpatient record and prescriptions; another patient's visit is NOT_FOUND at the hospital. */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';
import { VISIT_ID_RULE } from './records';

export const visitGet: ActionDefinition<'visit.get', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE, visitId: VISIT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx, input) {
    return ctx.frontMachine.call('visit.get', { patientId: ctx.patient.patientId, visitId: input.visitId });
  },
};
