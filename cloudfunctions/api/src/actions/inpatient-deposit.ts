/**
 * `inpatient.deposit {patientId, stayId, amount}`: a deposit (100.00 to 50,000.00 yuan, whole fen)
 * for a bound stay still in hospital, as one more order kind of the payment engine: placed at WeChat
 * Pay, confirmed at the hospital after payment (which refuses it once discharged or settling, and the
 * engine refunds). The balance grows once the hospital confirmed.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';
import { viewFor } from './payments';
import { DEPOSIT_AMOUNT_RULE, NOT_IN_HOSPITAL, STAY_ID_RULE } from './inpatient';

export const inpatientDeposit: ActionDefinition<'inpatient.deposit', { stay: 'stayId' }> = {
  schema: { patientId: PATIENT_ID_RULE, stayId: STAY_ID_RULE, amount: DEPOSIT_AMOUNT_RULE },
  scope: { stay: 'stayId' },
  async handler(ctx, input) {
    const patientId = ctx.patient.patientId;
    const stayId = ctx.stay._id;
    // Asked live first, so a discharged stay costs the patient no payment (the hospital checks again at confirmation).
    const { stay } = await ctx.frontMachine.call('inpatient.stay', { patientId, stayId });
    if (stay.status !== 'in-hospital') throw new AppError('RULE_VIOLATION', NOT_IN_HOSPITAL, 'stayId');
    const { order, payment } = await ctx.payments.payDeposit({ openid: ctx.openid, patientId, stayId, amount: input.amount });
    return { order: viewFor(ctx.account, order), payment };
  },
};
