/** `report.list` (报告查询): a bound patient's lab, exam and pathology reports, pending ones too, live from the hospital. */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';

export const reportList: ActionDefinition<'report.list', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx) {
    return ctx.frontMachine.call('report.list', { patientId: ctx.patient.patientId });
  },
};
