/**
 * The slice of `cloud.cloudPay` (wx-server-sdk) the payment engine calls, typed. A business refusal
 * resolves with `resultCode: 'FAIL'` and only `errCodeDes` (the SDK overwrites WeChat's err_code
 * with 0), so the engine branches on resultCode and asks queryOrder / queryRefund for the truth.
 */

interface Answer {
  returnCode?: string;
  resultCode?: 'SUCCESS' | 'FAIL';
  errCodeDes?: string;
  subMchId?: string;
}

export type TradeState = 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'REFUND' | 'CLOSED' | 'REVOKED' | 'PAYERROR';

export interface UnifiedOrderAnswer extends Answer {
  payment?: { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string };
}
export interface QueryOrderAnswer extends Answer {
  tradeState?: TradeState;
  totalFee?: number;
  transactionId?: string;
  /** `yyyyMMddHHmmss`, Beijing time. */
  timeEnd?: string;
}
export interface RefundAnswer extends Answer {
  refundId?: string;
  refundFee?: number;
}
/** The cloud answers the count with empty per-refund lists (developers' reports): a refund is proven by its callback or the daily bill. */
export interface QueryRefundAnswer extends Answer {
  refundCount?: number;
  outRefundNoList?: string[];
  refundFeeList?: number[];
  refundStatusList?: string[];
  /** `yyyy-MM-dd HH:mm:ss`, Beijing time; '' while processing. */
  refundSuccessTimeList?: string[];
}
export type DownloadBillAnswer = { data: string | Buffer } | { returnCode: 'FAIL'; returnMsg: string };

/** What the engine asks WeChat Pay; `cloud.cloudPay` satisfies it. */
export interface PayGateway {
  unifiedOrder(p: {
    body: string;
    outTradeNo: string;
    spbillCreateIp: string;
    subMchId: string;
    totalFee: number;
    envId: string;
    functionName: string;
    timeExpire?: string;
    subOpenid?: string;
    attach?: string;
  }): Promise<UnifiedOrderAnswer>;
  queryOrder(p: { subMchId: string; outTradeNo: string }): Promise<QueryOrderAnswer>;
  closeOrder(p: { subMchId: string; outTradeNo: string }): Promise<Answer>;
  refund(p: {
    subMchId: string;
    outTradeNo: string;
    outRefundNo: string;
    totalFee: number;
    refundFee: number;
    envId: string;
    functionName: string;
    refundDesc?: string;
  }): Promise<RefundAnswer>;
  queryRefund(p: { subMchId: string; outRefundNo: string }): Promise<QueryRefundAnswer>;
  downloadBill(p: { subMchId: string; billDate: string; billType?: 'ALL' }): Promise<DownloadBillAnswer>;
}

/** The function WeChat Pay calls back for payments and refunds. */
export const PAY_NOTIFY_FUNCTION = 'payNotify';
