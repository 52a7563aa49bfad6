/**
 * `inpatient.daily {patientId, stayId, date}`: the 每日清单 of one day of a bound stay (items with
 * category, quantity, unit price and amount, subtotals by category), with the stay for its header.
 * A day outside the stay so far → RULE_VIOLATION on date (the hospital's word).
 */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';
import { STAY_ID_RULE, stayView } from './inpatient';

export const inpatientDaily: ActionDefinition<'inpatient.daily', { stay: 'stayId' }> = {
  schema: { patientId: PATIENT_ID_RULE, stayId: STAY_ID_RULE, date: { type: 'date', label: '日期', required: true } },
  scope: { stay: 'stayId' },
  async handler(ctx, input) {
    const patientId = ctx.patient.patientId;
    const stayId = ctx.stay._id;
    const [{ stay }, list] = await Promise.all([
      ctx.frontMachine.call('inpatient.stay', { patientId, stayId }),
      ctx.frontMachine.call('inpatient.daily', { patientId, stayId, date: input.date }),
    ]);
    return { ...list, stay: stayView(stay, ctx.clock()) };
  },
};
