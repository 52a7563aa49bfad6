/**
 * What payNotify does with one event, apart from wiring: WeChat Pay's payment and refund callbacks
 * go to the engine, which verifies them and records them idempotently. Only WeChat Pay's own call
 * (`getWXContext().SOURCE === 'wx_paycallback'`) is one: any user can call a cloud function by name,
 * so a mini program (`wx_client`), an HTTP API call, another function or a console run is refused.
 */

/** The only caller payNotify answers: WeChat Pay's callback. */
export const PAY_CALLBACK_SOURCE = 'wx_paycallback';
import type { Logger } from '../../common/logger';
import type { NotifyAnswer, PaymentEngine } from '../../common/payments';

/** A refund notify carries the refund's own numbers; a payment notify never does. */
export function isRefundNotify(event: unknown): boolean {
  return event !== null && typeof event === 'object' && ('outRefundNo' in event || 'refundStatus' in event);
}

export async function handlePayNotify(event: unknown, caller: { OPENID?: string; SOURCE?: string }, engine: PaymentEngine, log: Logger): Promise<NotifyAnswer> {
  if (caller.OPENID || caller.SOURCE !== PAY_CALLBACK_SOURCE) {
    log.warn('payNotify called by someone other than WeChat Pay: refused', { openid: caller.OPENID, source: caller.SOURCE });
    return { errcode: 1, errmsg: 'not a WeChat Pay callback' };
  }
  try {
    return isRefundNotify(event) ? await engine.onRefundNotify(event) : await engine.onPaymentNotify(event);
  } catch (e) {
    // Not recorded: a non-zero answer makes WeChat deliver it again later.
    log.error('payNotify failed before recording; WeChat will retry', { error: e });
    return { errcode: -1, errmsg: 'not recorded, retry' };
  }
}
