/** `bill.list`: a bound patient's pending outpatient bills (门诊缴费), live from the hospital, never stored. */
import { sumFen } from '../../../../miniprogram/core/money';
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';

export const billList: ActionDefinition<'bill.list', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx) {
    const { bills } = await ctx.frontMachine.call('bill.pending', { patientId: ctx.patient.patientId });
    return { bills, total: sumFen(bills.map((b) => b.amount)) };
  },
};
