/** `patient.qrcode`: the hospital's short-lived signed check-in code for one of the caller's patients; never stored. */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';

export const patientQrcode: ActionDefinition<'patient.qrcode', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx) {
    const { code, expiresAt } = await ctx.frontMachine.call('patient.qrcode', { patientId: ctx.patient.patientId });
    return { code, expiresAt };
  },
};
