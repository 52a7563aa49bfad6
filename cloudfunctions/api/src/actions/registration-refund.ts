/**
 * `registration.refund` (退号): the hospital takes the registration back first (it refuses after
 * check-in or once the session started: RULE_VIOLATION passes through) and frees the slot; then the
 * order goes confirmed → refunding (cause 退号) and is refunded to the original payment path.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { REFUND_CAUSE_RETURNED } from '../../../common/payments';
import { BOOKING_MESSAGES } from '../../../common/booking/rules';
import type { ActionDefinition } from '../action';
import { idempotencyKey, orderOf, REGISTRATION_ID_RULE, registrationView } from './booking';

export const registrationRefund: ActionDefinition<'registration.refund', { registration: 'registrationId' }> = {
  schema: { registrationId: REGISTRATION_ID_RULE },
  scope: { registration: 'registrationId' },
  async handler(ctx, input) {
    const order = await orderOf(ctx, ctx.booking.outTradeNo);
    // Only what was paid online here is refunded online; anything else is the window's business.
    if (!order || (order.status !== 'confirmed' && order.status !== 'refunding' && order.status !== 'refunded')) {
      throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.notRefundable, 'registrationId');
    }
    const { registration } = await ctx.frontMachine.call(
      'registration.refund',
      { registrationId: input.registrationId, outTradeNo: order._id },
      { idempotencyKey: idempotencyKey('registration.refund', input.registrationId) },
    );
    const after = await ctx.payments.refundConfirmed(order._id, REFUND_CAUSE_RETURNED);
    return registrationView(registration, ctx.patient, after, ctx.clock());
  },
};
