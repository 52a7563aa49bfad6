/**
 * Paying an order: in the cloud, WeChat's pay sheet (`wx.requestPayment`); in local mode the local
 * cloud plays WeChat, so the patient confirms in a modal and `POST /sandbox/pay` pays the order.
 * Either way the order's truth comes later from `order.get`: a payment's callback reaches the cloud
 * on its own, so the answer here only says what the patient did.
 */
import type { WxPaymentParams } from '../../typings/payment';
import { config } from '../config';
import { askConsent } from './subscribe';

/** What the patient did: paid, cancelled (the order stays payable until it expires), or it failed. */
export type PayOutcome = 'paid' | 'cancelled' | 'failed';

/** WeChat's errMsg when the patient closes the pay sheet. */
export const PAY_CANCEL_ERR_MSG = 'requestPayment:fail cancel';

type SignType = NonNullable<WechatMiniprogram.RequestPaymentOption['signType']>;

function errMsgOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'errMsg' in error ? String((error as { errMsg: unknown }).errMsg) : String(error);
}

function viaWeChat(payment: WxPaymentParams): Promise<PayOutcome> {
  return new Promise((resolve) => {
    wx.requestPayment({
      timeStamp: payment.timeStamp,
      nonceStr: payment.nonceStr,
      package: payment.package,
      // unifiedOrder signs with one of WeChat's own types; the string is passed through as issued.
      signType: payment.signType as SignType,
      paySign: payment.paySign,
      success: () => resolve('paid'),
      fail: (error) => {
        const errMsg = errMsgOf(error);
        if (errMsg === PAY_CANCEL_ERR_MSG) {
          resolve('cancelled');
          return;
        }
        // WeChat's text means nothing to a patient; the result page shows where the money is.
        console.warn('requestPayment failed', errMsg);
        resolve('failed');
      },
    });
  });
}

/** The local stand-in for WeChat's pay sheet: confirm or cancel. */
function confirmInSandbox(): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '模拟微信支付',
      content: '本地环境：确认支付后由本地云模拟微信完成支付，不产生真实扣款',
      confirmText: '确认支付',
      cancelText: '取消支付',
      success: (answer) => resolve(answer.confirm),
      fail: () => resolve(false),
    });
  });
}

function viaSandbox(outTradeNo: string): Promise<PayOutcome> {
  return new Promise((resolve) => {
    wx.request({
      url: localHostRoute(config.localUrl, '/sandbox/pay'),
      method: 'POST',
      data: { outTradeNo },
      header: { 'content-type': 'application/json' },
      timeout: config.timeoutMs,
      // 409: closed, expired or already paid; the order's page says which.
      success: (response) => resolve(response.statusCode === 200 ? 'paid' : 'failed'),
      fail: (error) => {
        console.warn('sandbox pay failed', errMsgOf(error));
        resolve('failed');
      },
    });
  });
}

/** Pay-sheet parameters issued on this run, by order: 继续支付 opens the same sheet again. */
const issuedPayments = new Map<string, WxPaymentParams>();

/** The pay-sheet parameters issued for an order on this run, if any. */
export function rememberedPayment(outTradeNo: string): WxPaymentParams | undefined {
  return issuedPayments.get(outTradeNo);
}

/** Pays one order; never throws. Its parameters are kept for 继续支付 (valid while the order is unpaid). */
export async function payOrder(payment: WxPaymentParams, outTradeNo: string): Promise<PayOutcome> {
  issuedPayments.set(outTradeNo, payment);
  try {
    const outcome = config.mode === 'cloud' ? await viaWeChat(payment) : (await confirmInSandbox()) ? await viaSandbox(outTradeNo) : 'cancelled';
    // push: WeChat allows the consent dialog in a payment's callback (退款到账 / 取药提醒 / 报告出具提醒).
    if (outcome === 'paid') void askConsent('pay');
    return outcome;
  } catch (error) {
    console.warn('payOrder failed', errMsgOf(error));
    return 'failed';
  }
}

/** A route on the local cloud host (`/sandbox/pay`), from the api URL of config.ts: same origin. */
export function localHostRoute(localApiUrl: string, route: string): string {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.exec(localApiUrl)?.[0] ?? '';
  return `${origin}${route}`;
}
