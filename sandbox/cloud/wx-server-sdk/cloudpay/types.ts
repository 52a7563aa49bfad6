/** cloudPay's contract as wx-server-sdk answers it (camelCase), the emulator's records and its options. */
import type { PaymentNotifyEvent, RefundNotifyEvent, WxPayEnvelope } from '../../../../typings/wxpay';

export type TradeState = 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'REFUND' | 'CLOSED';
/** A refund ends SUCCESS, or abnormally: REFUNDCLOSE (closed) or CHANGE (the money could not reach the payer). */
export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE';

export interface UnifiedOrderParams {
  body: string;
  /** The merchant's order number: 1–32 of `0-9 A-Z a-z _ - | * @`, unique per merchant. */
  outTradeNo: string;
  spbillCreateIp: string;
  subMchId: string;
  /** Amount in fen, a positive integer. */
  totalFee: number;
  /** The environment and function WeChat calls back when the order is paid. */
  envId: string;
  functionName: string;
  nonceStr?: string;
  tradeType?: 'JSAPI';
  attach?: string;
  /** `yyyyMMddHHmmss`, Beijing time: WeChat refuses payment after it. */
  timeExpire?: string;
  /** Defaults to the calling user's OPENID, as cloudPay does. */
  subOpenid?: string;
}

/** The parameters for `wx.requestPayment`. */
export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'MD5';
  paySign: string;
}

/** Fields every resolved answer carries; errCode is always 0 because the SDK overwrites WeChat's err_code. */
export interface Envelope extends WxPayEnvelope {
  sign: string;
  errCode: 0;
  errMsg: string;
}

/** A business refusal: WeChat's err_code is lost in the SDK (see README), only errCodeDes remains. */
export interface CloudPayFailure extends Envelope {
  resultCode: 'FAIL';
  errCodeDes: string;
}

export type CloudPayAnswer<T> = (Envelope & { resultCode: 'SUCCESS' } & T) | CloudPayFailure;

export type UnifiedOrderResult = CloudPayAnswer<{ tradeType: 'JSAPI'; prepayId: string; payment: RequestPaymentParams }>;

export interface QueryOrderParams {
  subMchId: string;
  outTradeNo?: string;
  transactionId?: string;
  nonceStr?: string;
}

export type QueryOrderResult = CloudPayAnswer<{
  tradeState: TradeState;
  tradeStateDesc: string;
  outTradeNo: string;
  totalFee: number;
  feeType: 'CNY';
  tradeType: 'JSAPI';
  attach?: string;
  /** Present once paid (SUCCESS or REFUND). */
  transactionId?: string;
  timeEnd?: string;
  cashFee?: number;
  bankType?: string;
  openid?: string;
  subOpenid?: string;
  isSubscribe?: 'N';
  subIsSubscribe?: 'N';
}>;

export interface CloseOrderParams {
  subMchId: string;
  outTradeNo: string;
  nonceStr?: string;
}

export type CloseOrderResult = CloudPayAnswer<{ resultMsg: 'OK' }>;

export interface RefundParams {
  subMchId: string;
  outTradeNo?: string;
  transactionId?: string;
  /** The merchant's refund number (≤ 64): the same number refunds once. */
  outRefundNo: string;
  /** The order's total, fen. */
  totalFee: number;
  /** This refund's amount, fen. */
  refundFee: number;
  envId: string;
  functionName: string;
  nonceStr?: string;
  refundDesc?: string;
}

export type RefundResult = CloudPayAnswer<{
  transactionId: string;
  outTradeNo: string;
  outRefundNo: string;
  refundId: string;
  refundFee: number;
  totalFee: number;
  cashFee: number;
  cashRefundFee: number;
  couponRefundFee: 0;
}>;

export interface QueryRefundParams {
  subMchId: string;
  outTradeNo?: string;
  transactionId?: string;
  outRefundNo?: string;
  refundId?: string;
  nonceStr?: string;
}

export type QueryRefundResult = CloudPayAnswer<{
  transactionId: string;
  outTradeNo: string;
  totalFee: number;
  cashFee: number;
  refundCount: number;
  outRefundNoList: string[];
  refundIdList: string[];
  refundFeeList: number[];
  refundStatusList: RefundStatus[];
  /** `yyyy-MM-dd HH:mm:ss` Beijing time, '' while processing. */
  refundSuccessTimeList: string[];
  refundRecvAccoutList: string[];
}>;

// The callback events are contracts of the payNotify function: they live in typings/wxpay.ts.
export type { PaymentNotifyEvent, RefundNotifyEvent };
export type PayNotifyEvent = PaymentNotifyEvent | RefundNotifyEvent;

/** WeChat's err_code and err_code_des for each refusal; the SDK hands back only errCodeDes. */
export const REFUSALS = {
  orderNumberReused: { errCode: 'INVALID_REQUEST', errCodeDes: '201 商户订单号重复' },
  orderPaid: { errCode: 'ORDERPAID', errCodeDes: '该订单已支付' },
  orderClosed: { errCode: 'ORDERCLOSED', errCodeDes: '订单已关闭' },
  orderNotFound: { errCode: 'ORDERNOTEXIST', errCodeDes: '订单不存在' },
  timeExpireTooSoon: { errCode: 'PARAM_ERROR', errCodeDes: 'time_expire时间过短，刷卡至少1分钟，其他5分钟' },
  closeTooEarly: { errCode: 'SYSTEMERROR', errCodeDes: '订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟' },
  userPaying: { errCode: 'USERPAYING', errCodeDes: '用户支付中，需要输入密码' },
  refundUnpaid: { errCode: 'ERROR', errCodeDes: '订单未支付，不能退款' },
  refundOverdue: { errCode: 'TRADE_OVERDUE', errCodeDes: '订单已经超过退款期限' },
  refundCountExceeded: { errCode: 'ERROR', errCodeDes: '每个支付订单的部分退款次数不能超过50次' },
  refundExceedsTotal: { errCode: 'ERROR', errCodeDes: '申请退款金额超过订单可退金额' },
  totalFeeMismatch: { errCode: 'PARAM_ERROR', errCodeDes: '订单金额与原订单不一致' },
  refundNumberReused: { errCode: 'ERROR', errCodeDes: '订单金额或退款金额与之前请求不一致，请核实后再试' },
  refundNotFound: { errCode: 'REFUNDNOTEXIST', errCodeDes: '退款订单查询失败' },
} as const;
export type Refusal = keyof typeof REFUSALS;

/** Runs a task later; answers a cancel function. Real timers in the host, a manual one in tests. */
export interface PayScheduler {
  schedule(delayMs: number, task: () => Promise<void>): () => void;
}

/** Calls the named cloud function with a callback event; what it answers decides the retry. */
export type CallbackInvoker = (functionName: string, event: PayNotifyEvent, envId: string) => Promise<unknown>;

export interface CloudPayOptions {
  /** WeChat's "now" (5-minute close, 1-year refund, expiry, times in events); default Date.now. */
  clock?: () => number;
  scheduler?: PayScheduler;
  /** Without one, every callback attempt fails (and is retried). */
  invoke?: CallbackInvoker;
  /** Multiplies WeChat's retry intervals: 1 is real time, the local cloud uses 0.01. */
  retryScale?: number;
  /** How long a refund stays PROCESSING before it succeeds (scheduler ms); default 0. */
  refundSettleMs?: number;
}

/** Sandbox faults, set globally or per order (an order's own setting wins). */
export interface PaySwitches {
  /** Extra copies of every callback, each delivered (and retried) on its own. */
  duplicate: number;
  /** Callbacks are held until released. */
  late: boolean;
  /** The payment callback is held until the order's first refund callback has been attempted (or released). */
  outOfOrder: boolean;
  /** The patient can pay although the order's timeExpire has passed. */
  payAfterExpiry: boolean;
  /** How the order's refunds end (default SUCCESS). */
  refundEnd: 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE';
}

/** WeChat's documented notify schedule after the first attempt (15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h). */
export const NOTIFY_RETRY_INTERVALS_MS: readonly number[] = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600].map(
  (s) => s * 1000,
);
/** unifiedOrder refuses a timeExpire closer than this (WeChat: 其他5分钟). */
export const MIN_TIME_EXPIRE_MS = 5 * 60 * 1000;
/** Orders can be closed only this long after they were placed. */
export const CLOSE_AFTER_MS = 5 * 60 * 1000;
/** How long WeChat waits for a callback function (the function's own time limit in the local cloud). */
export const CALLBACK_TIMEOUT_MS = 20_000;
/** Partial refunds per order. */
export const MAX_REFUNDS_PER_ORDER = 50;

/** WeChat's record of an order (amounts in fen, instants in epoch ms). */
export interface PayOrderRecord {
  _id: string;
  outTradeNo: string;
  subMchId: string;
  subAppid: string;
  subOpenid: string;
  envId: string;
  functionName: string;
  body: string;
  attach?: string;
  totalFee: number;
  spbillCreateIp: string;
  tradeType: 'JSAPI';
  prepayId: string;
  createdAt: number;
  timeExpire?: number;
  tradeState: TradeState;
  transactionId?: string;
  paidAt?: number;
  closedAt?: number;
  refundedFee: number;
  refundCount: number;
}

export interface PayRefundRecord {
  _id: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  refundId: string;
  subMchId: string;
  envId: string;
  functionName: string;
  totalFee: number;
  refundFee: number;
  refundDesc?: string;
  refundStatus: RefundStatus;
  createdAt: number;
  successAt?: number;
}

export interface PayNotificationRecord {
  _id: string;
  kind: 'payment' | 'refund';
  outTradeNo: string;
  outRefundNo?: string;
  functionName: string;
  envId: string;
  event: PayNotifyEvent;
  /** pending: being delivered; held: waiting for release; delivered: answered errcode 0; abandoned: schedule exhausted. */
  state: 'pending' | 'held' | 'delivered' | 'abandoned';
  heldBy?: 'late' | 'outOfOrder';
  attempts: number;
  /** Each attempt's time and what the function answered (or the error), newest last. */
  history: { at: number; answer: unknown }[];
  createdAt: number;
  deliveredAt?: number;
}

export interface DownloadBillParams {
  subMchId: string;
  /** `yyyyMMdd`, a Beijing day. */
  billDate: string;
  billType?: 'ALL' | 'SUCCESS' | 'REFUND' | 'RECHARGE_REFUND';
  tarType?: 'GZIP';
}

/** The bill as text (a Buffer with tarType GZIP), or returnCode FAIL ('No Bill Exist'). */
export type DownloadBillResult =
  | { data: string | Buffer; errCode: 0; errMsg: string }
  | { returnCode: 'FAIL'; returnMsg: string; errCode: 0; errMsg: string };


export interface BillPayment {
  /** `yyyy-MM-dd HH:mm:ss`, Beijing time. */
  time: string;
  outTradeNo: string;
  transactionId: string;
  subMchId: string;
  totalFee: number;
}

export interface BillRefund {
  /** When the refund was applied for, `yyyy-MM-dd HH:mm:ss`, Beijing time. */
  time: string;
  outTradeNo: string;
  transactionId: string;
  outRefundNo: string;
  refundId: string;
  refundFee: number;
  refundStatus: RefundStatus;
  successTime: string;
}

export interface DailyBill {
  date: string;
  payments: BillPayment[];
  refunds: BillRefund[];
  totals: { paymentCount: number; paymentFee: number; refundCount: number; refundFee: number };
}

