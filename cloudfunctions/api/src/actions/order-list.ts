/** `order.list`: the caller's orders, newest first; with `patientId`, only that bound patient's. */
import { AppError } from '../../../../miniprogram/core/errors';
import type { ActionDefinition } from '../action';
import { PATIENT_FORBIDDEN } from '../scopes';
import { PATIENT_ID_RULE } from './patients';
import { viewFor } from './payments';

/** The newest orders shown; older ones stay in the ledger (and at the hospital's window). */
export const MAX_ORDERS_LISTED = 100;

export const orderList: ActionDefinition<'order.list', 'account'> = {
  schema: { patientId: { ...PATIENT_ID_RULE, required: false } },
  scope: 'account',
  async handler(ctx, input) {
    // The filter is optional, so the router cannot resolve it as a patient scope: check it here, before any read.
    if (input.patientId !== undefined && !ctx.account?.patients.some((p) => p.patientId === input.patientId)) {
      throw new AppError('FORBIDDEN', PATIENT_FORBIDDEN, 'patientId');
    }
    const orders = await ctx.payments.ledger.listByAccount(ctx.openid, input.patientId);
    return { orders: orders.slice(0, MAX_ORDERS_LISTED).map((o) => viewFor(ctx.account, o)) };
  },
};
