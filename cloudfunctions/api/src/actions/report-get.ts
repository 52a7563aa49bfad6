/**
 * `report.get`: one finished report; a pending one answers RULE_VIOLATION 报告尚未出具 (field
 * reportId), another patient's NOT_FOUND — both from the hospital, never a guess of ours.
 */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';
import { REPORT_ID_RULE } from './records';

export const reportGet: ActionDefinition<'report.get', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE, reportId: REPORT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx, input) {
    return ctx.frontMachine.call('report.get', { patientId: ctx.patient.patientId, reportId: input.reportId });
  },
};
