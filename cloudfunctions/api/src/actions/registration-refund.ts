/**
 * `registration.refund` (退号): the intent is recorded on the order first (so an answer lost in a
 * timeout is finished by the janitor; the patient sees 退号处理中), then the hospital takes the
 * registration back (it refuses after check-in or once the session started: RULE_VIOLATION passes
 * through, the intent is dropped) and frees the slot; then the order goes confirmed → refunding
 * (cause 退号) and is refunded to the original payment path.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { HandBackCall } from '../../../../typings/db';
import { isHospitalRefusal, REFUND_CAUSE_RETURNED } from '../../../common/payments';
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
    const call: Extract<HandBackCall, { op: 'registration.refund' }> = {
      op: 'registration.refund',
      request: { registrationId: input.registrationId, outTradeNo: order._id },
      idempotencyKey: idempotencyKey('registration.refund', input.registrationId),
    };
    await ctx.payments.recordHandBack(order._id, { cause: REFUND_CAUSE_RETURNED, call });
    const { registration } = await ctx.frontMachine.call(call.op, call.request, { idempotencyKey: call.idempotencyKey }).catch(async (err: unknown) => {
      if (isHospitalRefusal(err)) await ctx.payments.dropHandBack(order._id, err.message);
      throw err;
    });
    const after = await ctx.payments.refundConfirmed(order._id, REFUND_CAUSE_RETURNED);
    return registrationView(registration, ctx.patient, after, ctx.clock());
  },
};
