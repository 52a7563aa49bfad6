/** `report.trend`: a lab item's values across the patient's finished reports (the LIS's history), oldest first. */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';
import { ITEM_CODE_RULE } from './records';

export const reportTrend: ActionDefinition<'report.trend', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE, itemCode: ITEM_CODE_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx, input) {
    return ctx.frontMachine.call('report.trend', { patientId: ctx.patient.patientId, itemCode: input.itemCode });
  },
};
