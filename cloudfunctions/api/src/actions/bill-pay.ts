/**
 * `bill.pay`: one order for the chosen pending bills, the amount summed from the hospital's bills
 * (never the client's), placed at WeChat Pay; answers wx.requestPayment's parameters. The same bills
 * again while unpaid answer the same order (see the engine's deterministic order numbers).
 */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';
import { BILL_IDS_RULE, viewFor } from './payments';

export const billPay: ActionDefinition<'bill.pay', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE, billIds: BILL_IDS_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx, input) {
    const { order, payment } = await ctx.payments.payBills({ openid: ctx.openid, patientId: ctx.patient.patientId, billIds: input.billIds });
    return { order: viewFor(ctx.account, order), payment };
  },
};
