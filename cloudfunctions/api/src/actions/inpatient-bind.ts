/**
 * `inpatient.bind {patientId, admissionNo}`: binds the stay with that 住院号 if the hospital has it
 * for this bound patient. A wrong number and another patient's number answer alike (NOT_FOUND on
 * admissionNo, the hospital's one message), so the number reveals nothing about anyone else.
 */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';
import { ADMISSION_NO_RULE, stayView } from './inpatient';

export const inpatientBind: ActionDefinition<'inpatient.bind', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE, admissionNo: ADMISSION_NO_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx, input) {
    const { patientId } = ctx.patient;
    const { stay } = await ctx.frontMachine.call('inpatient.stay', { patientId, admissionNo: input.admissionNo.trim() });
    // Ids and the time only: the ward, bed and money stay at the hospital.
    await ctx.stays.put({ _id: stay.stayId, openid: ctx.openid, patientId, createdAt: ctx.clock() });
    return { stay: stayView(stay, ctx.clock()) };
  },
};
