/**
 * WeChat Pay's callbacks as wx-server-sdk (cloudPay) delivers them to the function named in the order
 * or refund: camelCase fields of the v2 payment notify and of the refund notify's decrypted req_info.
 * The `payNotify` function receives these; the local cloud's emulation sends them. Types only.
 */

/** The merchant fields every cloudPay answer and callback carries. */
export interface WxPayEnvelope {
  returnCode: 'SUCCESS';
  returnMsg: 'OK';
  appid: string;
  mchId: string;
  subAppid: string;
  subMchId: string;
  nonceStr: string;
}

/** The event a paid order's callback function receives (wx-server-sdk camelCase of WeChat's notify). */
export interface PaymentNotifyEvent extends WxPayEnvelope {
  resultCode: 'SUCCESS';
  /** The payer under the service provider's appid; the mini program's own openid is subOpenid. */
  openid: string;
  isSubscribe: 'N';
  subOpenid: string;
  subIsSubscribe: 'N';
  tradeType: 'JSAPI';
  bankType: string;
  totalFee: number;
  feeType: 'CNY';
  cashFee: number;
  transactionId: string;
  outTradeNo: string;
  attach?: string;
  /** `yyyyMMddHHmmss`, Beijing time. */
  timeEnd: string;
}

/** The event a finished refund's callback function receives (the decrypted req_info, camelCase). */
export interface RefundNotifyEvent extends WxPayEnvelope {
  transactionId: string;
  outTradeNo: string;
  refundId: string;
  outRefundNo: string;
  totalFee: number;
  settlementTotalFee: number;
  refundFee: number;
  settlementRefundFee: number;
  /** SUCCESS, or an abnormal end: REFUNDCLOSE (closed), CHANGE (the money could not reach the payer). */
  refundStatus: 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE';
  /** `yyyy-MM-dd HH:mm:ss`, Beijing time. */
  successTime: string;
  refundRecvAccout: string;
  refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS';
  refundRequestSource: 'API';
}
