/** `invoice.list`: a bound patient's fiscal e-invoices (one per confirmed payment), live from the hospital. */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';

export const invoiceList: ActionDefinition<'invoice.list', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx) {
    return ctx.frontMachine.call('invoice.list', { patientId: ctx.patient.patientId });
  },
};
