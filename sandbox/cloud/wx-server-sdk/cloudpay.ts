/**
 * `cloud.cloudPay`: WeChat Pay as wx-server-sdk exposes it (the v2 merchant API in JSON, camelCase),
 * over the emulated database, with payment and refund callbacks to the function named in the order,
 * retried on WeChat's schedule until it answers `{errcode: 0}`. Sandbox switches reproduce the faults
 * a payment engine must survive (duplicate, late, out-of-order callbacks, paying after expiry).
 * What was followed, and where it differs: sandbox/cloud/README.md, section cloudPay.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { formatYuan } from '../../../miniprogram/core/money';
import { dateRange, formatHospital, hospitalInstant, isHospitalDate } from '../../../miniprogram/core/time';
import type { PaymentNotifyEvent, RefundNotifyEvent, WxPayEnvelope } from '../../../typings/wxpay';
import { getWXContext } from './context';
import { command, type QueryCondition } from './command';
import { Database, MAX_LIMIT } from './database';
import { CloudSDKError, ERR_CODE } from './errors';
import { isPlainObject } from './evaluate';

// ---------------------------------------------------------------------------------------------
// Contract types (what the real SDK answers, camelCase).

export type TradeState = 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'REFUND' | 'CLOSED';
export type RefundStatus = 'PROCESSING' | 'SUCCESS';

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
interface Envelope extends WxPayEnvelope {
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
type Refusal = keyof typeof REFUSALS;

// ---------------------------------------------------------------------------------------------
// Configuration: clock, scheduler, the function host, switches.

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
}

/** WeChat's documented notify schedule after the first attempt (15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h). */
export const NOTIFY_RETRY_INTERVALS_MS: readonly number[] = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600].map(
  (s) => s * 1000,
);
/** Orders can be closed only this long after they were placed. */
export const CLOSE_AFTER_MS = 5 * 60 * 1000;
/** How long WeChat waits for a callback function (the function's own time limit in the local cloud). */
export const CALLBACK_TIMEOUT_MS = 20_000;
/** Partial refunds per order. */
export const MAX_REFUNDS_PER_ORDER = 50;

/** Real timers, unreferenced so they never keep a process alive on their own. */
export const timerScheduler: PayScheduler = {
  schedule(delayMs, task) {
    const t = setTimeout(() => void task(), Math.max(0, delayMs));
    t.unref?.();
    return () => clearTimeout(t);
  },
};

/** A scheduler tests drive by hand: nothing runs until `advance` or `runAll`. */
export class ManualScheduler implements PayScheduler {
  private now = 0;
  private seq = 0;
  private queue: { due: number; seq: number; task: () => Promise<void>; cancelled: boolean }[] = [];

  schedule(delayMs: number, task: () => Promise<void>): () => void {
    const entry = { due: this.now + Math.max(0, delayMs), seq: this.seq++, task, cancelled: false };
    this.queue.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Tasks waiting to run. */
  get pending(): number {
    return this.queue.filter((e) => !e.cancelled).length;
  }

  /** Moves time forward, running what falls due (and what those schedule), earliest first; same-time tasks run together. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      this.queue = this.queue.filter((e) => !e.cancelled);
      const due = this.queue.filter((e) => e.due <= target);
      if (due.length === 0) break;
      const at = Math.min(...due.map((e) => e.due));
      const batch = due.filter((e) => e.due === at);
      this.queue = this.queue.filter((e) => !batch.includes(e));
      this.now = at;
      await Promise.all(batch.map((e) => e.task()));
    }
    this.now = target;
  }

  /** Runs everything scheduled, however far ahead, up to `maxSteps` time steps. */
  async runAll(maxSteps = 1000): Promise<void> {
    for (let i = 0; i < maxSteps; i++) {
      const live = this.queue.filter((e) => !e.cancelled);
      if (live.length === 0) return;
      await this.advance(Math.max(0, Math.min(...live.map((e) => e.due)) - this.now));
    }
  }
}

const NO_SWITCHES: PaySwitches = { duplicate: 0, late: false, outOfOrder: false, payAfterExpiry: false };

interface Config {
  clock: () => number;
  scheduler: PayScheduler;
  invoke?: CallbackInvoker;
  retryScale: number;
  refundSettleMs: number;
}

let config: Config = { clock: Date.now, scheduler: timerScheduler, retryScale: 1, refundSettleMs: 0 };
/** Bumped by configure/stop so tasks of an earlier configuration do nothing. */
let generation = 0;
const cancels = new Map<string, () => void>();
const inFlight = new Set<string>();
let globalSwitches: PaySwitches = { ...NO_SWITCHES };
const orderSwitches = new Map<string, Partial<PaySwitches>>();

/** Sets the clock, scheduler, callback invoker and retry scale; cancels what an earlier configuration scheduled. */
export function configureCloudPay(opts: CloudPayOptions = {}): void {
  stopCloudPay();
  config = {
    clock: opts.clock ?? Date.now,
    scheduler: opts.scheduler ?? timerScheduler,
    retryScale: opts.retryScale ?? 1,
    refundSettleMs: opts.refundSettleMs ?? 0,
    ...(opts.invoke ? { invoke: opts.invoke } : {}),
  };
}

/** Cancels every scheduled callback and refund settlement (the host's close). Stored state stays. */
export function stopCloudPay(): void {
  generation++;
  for (const cancel of cancels.values()) cancel();
  cancels.clear();
  inFlight.clear();
}

/** Back to defaults with no switches (tests; the stored orders go with resetDatabase). */
export function resetCloudPay(): void {
  configureCloudPay();
  globalSwitches = { ...NO_SWITCHES };
  orderSwitches.clear();
}

/** Sets switches for one order, or globally without `outTradeNo`; answers the effective switches. */
export function setPaySwitches(patch: Partial<PaySwitches>, outTradeNo?: string): PaySwitches {
  if (outTradeNo === undefined) globalSwitches = { ...globalSwitches, ...patch };
  else orderSwitches.set(outTradeNo, { ...orderSwitches.get(outTradeNo), ...patch });
  return paySwitches(outTradeNo);
}

/** The switches in force for an order (or the global ones). */
export function paySwitches(outTradeNo?: string): PaySwitches {
  return outTradeNo === undefined ? { ...globalSwitches } : { ...globalSwitches, ...orderSwitches.get(outTradeNo) };
}

// ---------------------------------------------------------------------------------------------
// Storage: three collections of the emulated database, so WeChat's side survives restarts.

const ORDERS = '_cloudpay_orders';
const REFUNDS = '_cloudpay_refunds';
const NOTIFICATIONS = '_cloudpay_notifications';

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

function database(): Database {
  return new Database({ throwOnNotFound: false });
}

async function read<T>(collection: string, id: string): Promise<T | undefined> {
  const { data } = await database().collection(collection).doc(id).get();
  return (data ?? undefined) as T | undefined;
}

async function write<T extends { _id: string }>(collection: string, doc: T): Promise<void> {
  const { _id, ...data } = doc;
  await database().collection(collection).doc(_id).set({ data });
}

async function readAll<T>(collection: string, condition: QueryCondition): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += MAX_LIMIT) {
    const { data } = await database().collection(collection).where(condition).skip(skip).limit(MAX_LIMIT).get();
    out.push(...(data as T[]));
    if (data.length < MAX_LIMIT) return out;
  }
}

/** One WeChat at a time: every read-modify-write of the pay records runs under this lock. */
let lockTail: Promise<unknown> = Promise.resolve();
function locked<T>(fn: () => Promise<T>): Promise<T> {
  const run = lockTail.then(fn, fn);
  lockTail = run.catch(() => undefined);
  return run;
}

// ---------------------------------------------------------------------------------------------
// Identifiers, signatures, times.

/** The service provider behind cloudPay (the mini program's merchant is the sub-merchant). */
const PROVIDER_APPID = 'wx0000000000cloudpay';
const PROVIDER_MCH_ID = '1800000000';
const DEFAULT_SUB_APPID = 'wx0000000000sandbox';
/** The sandbox's signing key: paySign has the real shape but nobody verifies it. */
const SANDBOX_PAY_KEY = 'sandbox-cloudpay-key-not-a-secret';

function nonce(): string {
  return randomBytes(16).toString('hex');
}

function digits(n: number): string {
  let s = '';
  while (s.length < n) s += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
  return s.slice(0, n);
}

function md5Sign(fields: Record<string, string>): string {
  const text = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k] ?? ''}`)
    .join('&');
  return createHash('md5').update(`${text}&key=${SANDBOX_PAY_KEY}`).digest('hex').toUpperCase();
}

/** `yyyyMMddHHmmss` in Beijing time, WeChat's timeEnd. */
function compactTime(ms: number): string {
  return formatHospital(ms, 'YYYYMMDDHHmmss');
}

function parseCompactTime(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m || !isHospitalDate(`${m[1]}-${m[2]}-${m[3]}`) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return undefined;
  return hospitalInstant(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`);
}

/** One calendar year after an instant (Beijing has no DST, so UTC fields do). */
function oneYearAfter(ms: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.getTime();
}

/** The merchant fields, with a fresh nonce, that open every answer and callback. */
function wxPayEnvelope(subAppid: string, subMchId: string): WxPayEnvelope {
  return { returnCode: 'SUCCESS', returnMsg: 'OK', appid: PROVIDER_APPID, mchId: PROVIDER_MCH_ID, subAppid, subMchId, nonceStr: nonce() };
}

function envelope(api: string, subMchId: string, subAppid: string): Envelope {
  const fields = wxPayEnvelope(subAppid, subMchId);
  return {
    ...fields,
    sign: md5Sign({ nonce_str: fields.nonceStr, sub_mch_id: subMchId }),
    errCode: 0,
    errMsg: `cloudPay.${api}:ok`,
  };
}

function refuse(api: string, subMchId: string, subAppid: string, refusal: Refusal): CloudPayFailure {
  return { ...envelope(api, subMchId, subAppid), resultCode: 'FAIL', errCodeDes: REFUSALS[refusal].errCodeDes };
}

function succeed<T>(api: string, subMchId: string, subAppid: string, body: T): Envelope & { resultCode: 'SUCCESS' } & T {
  return { ...envelope(api, subMchId, subAppid), resultCode: 'SUCCESS', ...body };
}

// ---------------------------------------------------------------------------------------------
// Parameter checks: a bad parameter rejects, as a call the real cloud refuses (nothing is created).

type Params = Record<string, unknown>;

/** The SDK turns camelCase into snake_case before sending, so both spellings reach WeChat: accept both. */
function normalize(api: string, input: unknown): Params {
  if (!isPlainObject(input)) throw invalid(api, 'parameters must be an object');
  const out: Params = {};
  for (const [k, v] of Object.entries(input)) out[k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = v;
  return out;
}

function invalid(api: string, detail: string): CloudSDKError {
  return new CloudSDKError(`cloudPay.${api}`, `${ERR_CODE.INVALID_PARAM} invalid parameter: ${detail}`, ERR_CODE.INVALID_PARAM);
}

const OUT_NO = /^[0-9A-Za-z_\-|*@]+$/;

function text(api: string, p: Params, key: string, max: number, pattern?: RegExp): string {
  const v = p[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > max || (pattern && !pattern.test(v))) {
    throw invalid(api, `${key} must be a string of 1–${max} characters${pattern ? ` matching ${String(pattern)}` : ''}`);
  }
  return v;
}

function optionalText(api: string, p: Params, key: string, max: number, pattern?: RegExp): string | undefined {
  return p[key] === undefined ? undefined : text(api, p, key, max, pattern);
}

function fen(api: string, p: Params, key: string): number {
  const v = p[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw invalid(api, `${key} must be a positive integer amount in fen`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// The API.

async function unifiedOrder(input: UnifiedOrderParams): Promise<UnifiedOrderResult> {
  const api = 'unifiedOrder';
  const p = normalize(api, input);
  const outTradeNo = text(api, p, 'outTradeNo', 32, OUT_NO);
  const subMchId = text(api, p, 'subMchId', 32, /^[0-9A-Za-z]+$/);
  const body = text(api, p, 'body', 128);
  const totalFee = fen(api, p, 'totalFee');
  const spbillCreateIp = text(api, p, 'spbillCreateIp', 64);
  const envId = text(api, p, 'envId', 64);
  const functionName = text(api, p, 'functionName', 60, /^[A-Za-z0-9_-]+$/);
  optionalText(api, p, 'nonceStr', 32);
  const attach = optionalText(api, p, 'attach', 127);
  if (p.tradeType !== undefined && p.tradeType !== 'JSAPI') throw invalid(api, 'tradeType: only JSAPI is emulated');
  const expireText = optionalText(api, p, 'timeExpire', 14);
  const timeExpire = expireText === undefined ? undefined : parseCompactTime(expireText);
  if (expireText !== undefined && timeExpire === undefined) throw invalid(api, 'timeExpire must be yyyyMMddHHmmss');
  const ctx = getWXContext();
  const subOpenid = optionalText(api, p, 'subOpenid', 128) ?? ctx.OPENID;
  if (subOpenid === undefined) throw invalid(api, 'JSAPI支付必须传openid (call from a user invocation or pass subOpenid)');
  const subAppid = ctx.APPID ?? DEFAULT_SUB_APPID;

  return locked(async () => {
    let order = await read<PayOrderRecord>(ORDERS, outTradeNo);
    if (order) {
      if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') return refuse(api, subMchId, subAppid, 'orderPaid');
      if (order.tradeState === 'CLOSED') return refuse(api, subMchId, subAppid, 'orderClosed');
      // The same order number must come with the same order: WeChat answers the first prepay.
      if (order.totalFee !== totalFee || order.body !== body || order.subMchId !== subMchId) return refuse(api, subMchId, subAppid, 'orderNumberReused');
    } else {
      order = {
        _id: outTradeNo,
        outTradeNo,
        subMchId,
        subAppid,
        subOpenid,
        envId,
        functionName,
        body,
        ...(attach !== undefined ? { attach } : {}),
        totalFee,
        spbillCreateIp,
        tradeType: 'JSAPI',
        prepayId: `wx${compactTime(config.clock()).slice(6)}${randomBytes(12).toString('hex')}`,
        createdAt: config.clock(),
        ...(timeExpire !== undefined ? { timeExpire } : {}),
        tradeState: 'NOTPAY',
        refundedFee: 0,
        refundCount: 0,
      };
      await write(ORDERS, order);
    }
    const timeStamp = String(Math.floor(config.clock() / 1000));
    const nonceStr = nonce();
    const pkg = `prepay_id=${order.prepayId}`;
    const paySign = md5Sign({ appId: order.subAppid, timeStamp, nonceStr, package: pkg, signType: 'MD5' });
    return succeed(api, subMchId, order.subAppid, {
      tradeType: 'JSAPI' as const,
      prepayId: order.prepayId,
      payment: { appId: order.subAppid, timeStamp, nonceStr, package: pkg, signType: 'MD5' as const, paySign },
    });
  });
}

const TRADE_STATE_DESC: Record<TradeState, string> = {
  NOTPAY: '订单未支付',
  USERPAYING: '需要用户输入支付密码',
  SUCCESS: '支付成功',
  REFUND: '订单发生过退款',
  CLOSED: '订单已关闭',
};

async function findOrder(subMchId: string, outTradeNo: string | undefined, transactionId: string | undefined): Promise<PayOrderRecord | undefined> {
  const order =
    outTradeNo !== undefined
      ? await read<PayOrderRecord>(ORDERS, outTradeNo)
      : (await readAll<PayOrderRecord>(ORDERS, { transactionId: transactionId ?? '' }))[0];
  return order && order.subMchId === subMchId ? order : undefined;
}

function outOrTransaction(api: string, p: Params): { outTradeNo?: string; transactionId?: string } {
  const outTradeNo = optionalText(api, p, 'outTradeNo', 32, OUT_NO);
  const transactionId = optionalText(api, p, 'transactionId', 32, /^\d+$/);
  if (outTradeNo === undefined && transactionId === undefined) throw invalid(api, 'outTradeNo or transactionId is required');
  return { ...(outTradeNo !== undefined ? { outTradeNo } : {}), ...(transactionId !== undefined ? { transactionId } : {}) };
}

async function queryOrder(input: QueryOrderParams): Promise<QueryOrderResult> {
  const api = 'queryOrder';
  const p = normalize(api, input);
  const subMchId = text(api, p, 'subMchId', 32);
  const ids = outOrTransaction(api, p);
  return locked(async () => {
    const order = await findOrder(subMchId, ids.outTradeNo, ids.transactionId);
    if (!order) return refuse(api, subMchId, getWXContext().APPID ?? DEFAULT_SUB_APPID, 'orderNotFound');
    const paid = order.paidAt !== undefined && order.transactionId !== undefined;
    return succeed(api, subMchId, order.subAppid, {
      tradeState: order.tradeState,
      tradeStateDesc: TRADE_STATE_DESC[order.tradeState],
      outTradeNo: order.outTradeNo,
      totalFee: order.totalFee,
      feeType: 'CNY' as const,
      tradeType: 'JSAPI' as const,
      ...(order.attach !== undefined ? { attach: order.attach } : {}),
      ...(paid
        ? {
            transactionId: order.transactionId,
            timeEnd: compactTime(order.paidAt ?? 0),
            cashFee: order.totalFee,
            bankType: 'OTHERS',
            openid: providerOpenid(order.subOpenid),
            subOpenid: order.subOpenid,
            isSubscribe: 'N' as const,
            subIsSubscribe: 'N' as const,
          }
        : {}),
    });
  });
}

async function closeOrder(input: CloseOrderParams): Promise<CloseOrderResult> {
  const api = 'closeOrder';
  const p = normalize(api, input);
  const subMchId = text(api, p, 'subMchId', 32);
  const outTradeNo = text(api, p, 'outTradeNo', 32, OUT_NO);
  return locked(async () => {
    const order = await findOrder(subMchId, outTradeNo, undefined);
    const appid = order?.subAppid ?? getWXContext().APPID ?? DEFAULT_SUB_APPID;
    if (!order) return refuse(api, subMchId, appid, 'orderNotFound');
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') return refuse(api, subMchId, appid, 'orderPaid');
    if (order.tradeState === 'CLOSED') return refuse(api, subMchId, appid, 'orderClosed');
    if (order.tradeState === 'USERPAYING') return refuse(api, subMchId, appid, 'userPaying');
    if (config.clock() - order.createdAt < CLOSE_AFTER_MS) return refuse(api, subMchId, appid, 'closeTooEarly');
    await write(ORDERS, { ...order, tradeState: 'CLOSED', closedAt: config.clock() });
    return succeed(api, subMchId, appid, { resultMsg: 'OK' as const });
  });
}

async function refund(input: RefundParams): Promise<RefundResult> {
  const api = 'refund';
  const p = normalize(api, input);
  const subMchId = text(api, p, 'subMchId', 32);
  const ids = outOrTransaction(api, p);
  const outRefundNo = text(api, p, 'outRefundNo', 64, OUT_NO);
  const totalFee = fen(api, p, 'totalFee');
  const refundFee = fen(api, p, 'refundFee');
  const envId = text(api, p, 'envId', 64);
  const functionName = text(api, p, 'functionName', 60, /^[A-Za-z0-9_-]+$/);
  optionalText(api, p, 'nonceStr', 32);
  const refundDesc = optionalText(api, p, 'refundDesc', 80);
  const settle: string[] = [];
  const answer = await locked(async (): Promise<RefundResult> => {
    const order = await findOrder(subMchId, ids.outTradeNo, ids.transactionId);
    const appid = order?.subAppid ?? getWXContext().APPID ?? DEFAULT_SUB_APPID;
    const earlier = await read<PayRefundRecord>(REFUNDS, outRefundNo);
    if (earlier) {
      // The same refund number refunds once: a repeat with the same amounts answers the first refund.
      const same = order !== undefined && earlier.outTradeNo === order.outTradeNo && earlier.refundFee === refundFee && earlier.totalFee === totalFee;
      return same && order ? refundAnswer(api, order, earlier) : refuse(api, subMchId, appid, 'refundNumberReused');
    }
    if (!order) return refuse(api, subMchId, appid, 'orderNotFound');
    if (order.paidAt === undefined || order.transactionId === undefined) return refuse(api, subMchId, appid, 'refundUnpaid');
    if (totalFee !== order.totalFee) return refuse(api, subMchId, appid, 'totalFeeMismatch');
    if (config.clock() > oneYearAfter(order.paidAt)) return refuse(api, subMchId, appid, 'refundOverdue');
    if (order.refundCount >= MAX_REFUNDS_PER_ORDER) return refuse(api, subMchId, appid, 'refundCountExceeded');
    if (order.refundedFee + refundFee > order.totalFee) return refuse(api, subMchId, appid, 'refundExceedsTotal');
    const record: PayRefundRecord = {
      _id: outRefundNo,
      outRefundNo,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId,
      refundId: `503${digits(26)}`,
      subMchId,
      envId,
      functionName,
      totalFee,
      refundFee,
      ...(refundDesc !== undefined ? { refundDesc } : {}),
      refundStatus: 'PROCESSING',
      createdAt: config.clock(),
    };
    await write(REFUNDS, record);
    await write(ORDERS, { ...order, tradeState: 'REFUND', refundedFee: order.refundedFee + refundFee, refundCount: order.refundCount + 1 });
    settle.push(outRefundNo);
    return refundAnswer(api, order, record);
  });
  for (const no of settle) scheduleTask(`settle:${no}`, config.refundSettleMs, () => settleRefund(no));
  return answer;
}

function refundAnswer(api: string, order: PayOrderRecord, r: PayRefundRecord): RefundResult {
  return succeed(api, order.subMchId, order.subAppid, {
    transactionId: r.transactionId,
    outTradeNo: r.outTradeNo,
    outRefundNo: r.outRefundNo,
    refundId: r.refundId,
    refundFee: r.refundFee,
    totalFee: r.totalFee,
    cashFee: r.totalFee,
    cashRefundFee: r.refundFee,
    couponRefundFee: 0 as const,
  });
}

async function queryRefund(input: QueryRefundParams): Promise<QueryRefundResult> {
  const api = 'queryRefund';
  const p = normalize(api, input);
  const subMchId = text(api, p, 'subMchId', 32);
  const outTradeNo = optionalText(api, p, 'outTradeNo', 32, OUT_NO);
  const transactionId = optionalText(api, p, 'transactionId', 32, /^\d+$/);
  const outRefundNo = optionalText(api, p, 'outRefundNo', 64, OUT_NO);
  const refundId = optionalText(api, p, 'refundId', 32, /^\d+$/);
  const condition: QueryCondition | undefined =
    outRefundNo !== undefined
      ? { outRefundNo }
      : refundId !== undefined
        ? { refundId }
        : outTradeNo !== undefined
          ? { outTradeNo }
          : transactionId !== undefined
            ? { transactionId }
            : undefined;
  if (!condition) throw invalid(api, 'one of outRefundNo, refundId, outTradeNo, transactionId is required');
  return locked(async () => {
    const refunds = (await readAll<PayRefundRecord>(REFUNDS, condition)).filter((r) => r.subMchId === subMchId).sort((a, b) => a.createdAt - b.createdAt);
    const first = refunds[0];
    const order = first ? await read<PayOrderRecord>(ORDERS, first.outTradeNo) : undefined;
    if (!first || !order) return refuse(api, subMchId, getWXContext().APPID ?? DEFAULT_SUB_APPID, 'refundNotFound');
    return succeed(api, subMchId, order.subAppid, {
      transactionId: first.transactionId,
      outTradeNo: first.outTradeNo,
      totalFee: order.totalFee,
      cashFee: order.totalFee,
      refundCount: refunds.length,
      outRefundNoList: refunds.map((r) => r.outRefundNo),
      refundIdList: refunds.map((r) => r.refundId),
      refundFeeList: refunds.map((r) => r.refundFee),
      refundStatusList: refunds.map((r) => r.refundStatus),
      refundSuccessTimeList: refunds.map((r) => (r.successAt === undefined ? '' : formatHospital(r.successAt))),
      refundRecvAccoutList: refunds.map(() => RECEIVING_ACCOUNT),
    });
  });
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

/** The fee rate, in 1e-5 yuan per fen (0.6%): the bill's 手续费 column, for show. */
const FEE_UNITS_PER_FEN = 6;
/** WeChat generates a day's bill from 9:00 the next day and advises fetching it after 10:00. */
const BILL_READY_AT = '10:00:00';
const BILL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
const BILL_SUMMARY_HEADER = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';

/** Fee units (1e-5 yuan) as WeChat writes them: `0.15000`, `-0.03000`. */
function feeYuan(units: number): string {
  const abs = Math.abs(units);
  return `${units < 0 ? '-' : ''}${Math.floor(abs / 100000)}.${String(abs % 100000).padStart(5, '0')}`;
}

async function downloadBill(input: DownloadBillParams): Promise<DownloadBillResult> {
  const api = 'downloadBill';
  const p = normalize(api, input);
  const subMchId = text(api, p, 'subMchId', 32);
  const compact = text(api, p, 'billDate', 8, /^\d{8}$/);
  const date = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  if (!isHospitalDate(date)) throw invalid(api, 'billDate must be yyyyMMdd');
  const billType = p.billType ?? 'ALL';
  if (billType !== 'ALL' && billType !== 'SUCCESS' && billType !== 'REFUND' && billType !== 'RECHARGE_REFUND') throw invalid(api, 'billType');
  if (p.tarType !== undefined && p.tarType !== 'GZIP') throw invalid(api, 'tarType must be GZIP');
  const noBill = { returnCode: 'FAIL' as const, returnMsg: 'No Bill Exist', errCode: 0 as const, errMsg: `cloudPay.${api}:ok` };
  const nextDay = dateRange(date, 2)[1] ?? date;
  if (config.clock() < hospitalInstant(`${nextDay} ${BILL_READY_AT}`)) return noBill;
  return locked(async () => {
    const { paid, refunded } = await dayRecords(date);
    const rows: string[][] = [];
    let feeUnits = 0;
    let settledFen = 0;
    let refundedFen = 0;
    for (const o of billType === 'ALL' || billType === 'SUCCESS' ? paid.filter((x) => x.subMchId === subMchId) : []) {
      const fee = o.totalFee * FEE_UNITS_PER_FEN;
      feeUnits += fee;
      settledFen += o.totalFee;
      const y = formatYuan(o.totalFee);
      rows.push([formatHospital(o.paidAt ?? 0), o.subAppid, PROVIDER_MCH_ID, o.subMchId, '', o.transactionId ?? '', o.outTradeNo, providerOpenid(o.subOpenid), 'JSAPI', 'SUCCESS', 'OTHERS', 'CNY', y, '0.00', '0', '0', '0.00', '0.00', '', '', o.body, o.attach ?? '', feeYuan(fee), '0.60%', y, '0.00', '']);
    }
    for (const r of billType === 'ALL' || billType === 'REFUND' ? refunded.filter((x) => x.subMchId === subMchId) : []) {
      const o = await read<PayOrderRecord>(ORDERS, r.outTradeNo);
      const fee = -r.refundFee * FEE_UNITS_PER_FEN;
      feeUnits += fee;
      refundedFen += r.refundFee;
      const y = formatYuan(r.refundFee);
      rows.push([formatHospital(r.createdAt), o?.subAppid ?? '', PROVIDER_MCH_ID, r.subMchId, '', r.transactionId, r.outTradeNo, o ? providerOpenid(o.subOpenid) : '', 'JSAPI', 'REFUND', 'OTHERS', 'CNY', '0.00', '0.00', r.refundId, r.outRefundNo, y, '0.00', 'ORIGINAL', r.refundStatus, o?.body ?? '', o?.attach ?? '', feeYuan(fee), '0.60%', '0.00', y, '']);
    }
    if (rows.length === 0) return noBill;
    const summary = [String(rows.length), formatYuan(settledFen), formatYuan(refundedFen), '0.00', feeYuan(feeUnits), formatYuan(settledFen), formatYuan(refundedFen)];
    // Every detail and summary field starts with a backtick, so spreadsheets keep long numbers intact.
    const csv = [BILL_HEADER, ...rows.map((row) => row.map((v) => `\`${v}`).join(',')), BILL_SUMMARY_HEADER, summary.map((v) => `\`${v}`).join(','), ''].join('\r\n');
    return { data: p.tarType === 'GZIP' ? gzipSync(Buffer.from(csv, 'utf8')) : csv, errCode: 0 as const, errMsg: `cloudPay.${api}:ok` };
  });
}

/** `cloud.cloudPay`, typed. */
export const cloudPay = { unifiedOrder, queryOrder, closeOrder, refund, queryRefund, downloadBill };

// ---------------------------------------------------------------------------------------------
// The patient's side (the sandbox host plays it) and WeChat's callbacks.

const RECEIVING_ACCOUNT = '支付用户零钱';

/** A stable stand-in for the payer's openid under the service provider's appid. */
function providerOpenid(subOpenid: string): string {
  return `oSP_${createHash('sha256').update(subOpenid).digest('base64url').slice(0, 24)}`;
}

export type PayOutcome =
  | { ok: true; order: PayOrderRecord }
  | { ok: false; reason: 'NOT_FOUND' | 'CLOSED' | 'ALREADY_PAID' | 'EXPIRED' };

/**
 * The patient pays (`userPaying`: only enters the password screen, USERPAYING). WeChat then calls the
 * order's function, subject to the switches. Refused for unknown, closed, paid and (unless the
 * payAfterExpiry switch is on) expired orders; an order never closed is paid even if the merchant gave up on it.
 */
export async function payOrder(outTradeNo: string, opts: { userPaying?: boolean } = {}): Promise<PayOutcome> {
  const toDeliver: string[] = [];
  const outcome = await locked(async (): Promise<PayOutcome> => {
    const order = await read<PayOrderRecord>(ORDERS, outTradeNo);
    if (!order) return { ok: false, reason: 'NOT_FOUND' };
    if (order.tradeState === 'CLOSED') return { ok: false, reason: 'CLOSED' };
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') return { ok: false, reason: 'ALREADY_PAID' };
    const now = config.clock();
    if (order.timeExpire !== undefined && now > order.timeExpire && !paySwitches(outTradeNo).payAfterExpiry) return { ok: false, reason: 'EXPIRED' };
    if (opts.userPaying) {
      const paying: PayOrderRecord = { ...order, tradeState: 'USERPAYING' };
      await write(ORDERS, paying);
      return { ok: true, order: paying };
    }
    const paid: PayOrderRecord = { ...order, tradeState: 'SUCCESS', transactionId: `42000${digits(5)}${formatHospital(now, 'YYYYMMDD')}${digits(10)}`, paidAt: now };
    await write(ORDERS, paid);
    const event: PaymentNotifyEvent = {
      ...wxPayEnvelope(paid.subAppid, paid.subMchId),
      resultCode: 'SUCCESS',
      openid: providerOpenid(paid.subOpenid),
      isSubscribe: 'N',
      subOpenid: paid.subOpenid,
      subIsSubscribe: 'N',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      totalFee: paid.totalFee,
      feeType: 'CNY',
      cashFee: paid.totalFee,
      transactionId: paid.transactionId ?? '',
      outTradeNo: paid.outTradeNo,
      ...(paid.attach !== undefined ? { attach: paid.attach } : {}),
      timeEnd: compactTime(now),
    };
    toDeliver.push(...(await createNotifications('payment', paid, event)));
    return { ok: true, order: paid };
  });
  for (const id of toDeliver) scheduleDelivery(id, 0);
  return outcome;
}

async function settleRefund(outRefundNo: string): Promise<void> {
  const toDeliver = await locked(async () => {
    const r = await read<PayRefundRecord>(REFUNDS, outRefundNo);
    const order = r ? await read<PayOrderRecord>(ORDERS, r.outTradeNo) : undefined;
    if (!r || !order || r.refundStatus !== 'PROCESSING') return [];
    const done: PayRefundRecord = { ...r, refundStatus: 'SUCCESS', successAt: config.clock() };
    await write(REFUNDS, done);
    const event: RefundNotifyEvent = {
      ...wxPayEnvelope(order.subAppid, done.subMchId),
      transactionId: done.transactionId,
      outTradeNo: done.outTradeNo,
      refundId: done.refundId,
      outRefundNo: done.outRefundNo,
      totalFee: done.totalFee,
      settlementTotalFee: done.totalFee,
      refundFee: done.refundFee,
      settlementRefundFee: done.refundFee,
      refundStatus: 'SUCCESS',
      successTime: formatHospital(done.successAt ?? 0),
      refundRecvAccout: RECEIVING_ACCOUNT,
      refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      refundRequestSource: 'API',
    };
    return createNotifications('refund', { ...order, envId: done.envId, functionName: done.functionName }, event, outRefundNo);
  });
  for (const id of toDeliver) scheduleDelivery(id, 0);
}

/** Stores one notification (plus duplicates), held or pending per the switches; answers the ids to deliver now. */
async function createNotifications(
  kind: 'payment' | 'refund',
  target: Pick<PayOrderRecord, 'outTradeNo' | 'envId' | 'functionName'>,
  event: PayNotifyEvent,
  outRefundNo?: string,
): Promise<string[]> {
  const sw = paySwitches(target.outTradeNo);
  const heldBy = sw.late ? 'late' : kind === 'payment' && sw.outOfOrder ? 'outOfOrder' : undefined;
  const base = kind === 'payment' ? `payment:${target.outTradeNo}` : `refund:${outRefundNo ?? ''}`;
  const ready: string[] = [];
  for (let copy = 0; copy <= Math.max(0, Math.floor(sw.duplicate)); copy++) {
    const id = copy === 0 ? base : `${base}#${copy + 1}`;
    const record: PayNotificationRecord = {
      _id: id,
      kind,
      outTradeNo: target.outTradeNo,
      ...(outRefundNo !== undefined ? { outRefundNo } : {}),
      functionName: target.functionName,
      envId: target.envId,
      event,
      state: heldBy ? 'held' : 'pending',
      ...(heldBy ? { heldBy } : {}),
      attempts: 0,
      history: [],
      createdAt: config.clock(),
    };
    await write(NOTIFICATIONS, record);
    if (!heldBy) ready.push(id);
  }
  return ready;
}

function scheduleTask(key: string, delayMs: number, task: () => Promise<void>): void {
  if (cancels.has(key)) return;
  const gen = generation;
  const cancel = config.scheduler.schedule(delayMs, async () => {
    if (gen !== generation) return;
    cancels.delete(key);
    try {
      await task();
    } catch (e) {
      // A storage failure inside WeChat's side is a bug of the emulation: say so, loudly.
      console.error(`[cloudPay] ${key} failed:`, e);
    }
  });
  cancels.set(key, cancel);
}

function scheduleDelivery(id: string, delayMs: number): void {
  if (!inFlight.has(id)) scheduleTask(`deliver:${id}`, delayMs, () => deliver(id));
}

/** What the callback answered, kept small for the record. */
function summarize(answer: unknown): unknown {
  if (answer instanceof Error) return { error: answer.message.split('\n')[0] ?? '' };
  return answer === undefined ? null : answer;
}

async function deliver(id: string): Promise<void> {
  const gen = generation;
  const note = await locked(() => read<PayNotificationRecord>(NOTIFICATIONS, id));
  if (!note || note.state !== 'pending' || inFlight.has(id)) return;
  inFlight.add(id);
  let answer: unknown;
  let timer: NodeJS.Timeout | undefined;
  try {
    if (!config.invoke) throw new Error('no function host configured');
    // A function that never answers is a failed delivery, as WeChat's own timeout makes it.
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CALLBACK_TIMEOUT_MS} ms`)), CALLBACK_TIMEOUT_MS);
      timer.unref?.();
    });
    answer = await Promise.race([config.invoke(note.functionName, note.event, note.envId), timeout]);
  } catch (e) {
    answer = e instanceof Error ? e : new Error(String(e));
  } finally {
    clearTimeout(timer);
    inFlight.delete(id);
  }
  if (gen !== generation) return;
  const acknowledged = isPlainObject(answer) && answer.errcode === 0;
  const release = await locked(async () => {
    const current = await read<PayNotificationRecord>(NOTIFICATIONS, id);
    if (!current) return [];
    const attempts = current.attempts + 1;
    const history = [...current.history, { at: config.clock(), answer: summarize(answer) }].slice(-20);
    const retryIn = NOTIFY_RETRY_INTERVALS_MS[attempts - 1];
    const state = acknowledged ? 'delivered' : retryIn === undefined ? 'abandoned' : 'pending';
    await write(NOTIFICATIONS, { ...current, attempts, history, state, ...(acknowledged ? { deliveredAt: config.clock() } : {}) });
    if (state === 'pending' && retryIn !== undefined) scheduleDelivery(id, retryIn * config.retryScale);
    // Out of order: the refund callback has now gone first, so the held payment callback may follow.
    if (current.kind === 'refund' && attempts === 1) return releaseWhere(current.outTradeNo, 'outOfOrder');
    return [];
  });
  for (const rid of release) scheduleDelivery(rid, 0);
}

async function releaseWhere(outTradeNo: string | undefined, heldBy?: 'late' | 'outOfOrder'): Promise<string[]> {
  const held = await readAll<PayNotificationRecord>(NOTIFICATIONS, {
    state: 'held',
    ...(outTradeNo !== undefined ? { outTradeNo } : {}),
    ...(heldBy !== undefined ? { heldBy } : {}),
  });
  for (const n of held) await write(NOTIFICATIONS, { ...n, state: 'pending' });
  return held.map((n) => n._id);
}

/** Releases held callbacks (all, or one order's); answers how many were released. */
export async function releaseHeld(outTradeNo?: string): Promise<number> {
  const ids = await locked(() => releaseWhere(outTradeNo));
  for (const id of ids) scheduleDelivery(id, 0);
  return ids.length;
}

/** After a restart: resumes pending callbacks and settles refunds still processing, as WeChat would have meanwhile. */
export async function resumeCloudPay(): Promise<void> {
  const [pending, processing] = await locked(async () => [
    await readAll<PayNotificationRecord>(NOTIFICATIONS, { state: 'pending' }),
    await readAll<PayRefundRecord>(REFUNDS, { refundStatus: 'PROCESSING' }),
  ] as const);
  for (const n of pending) scheduleDelivery(n._id, 0);
  for (const r of processing) scheduleTask(`settle:${r.outRefundNo}`, 0, () => settleRefund(r.outRefundNo));
}

/** WeChat's whole record of an order: the order, its refunds and every callback with its attempts. */
export async function payRecord(
  outTradeNo: string,
): Promise<{ order: PayOrderRecord; refunds: PayRefundRecord[]; notifications: PayNotificationRecord[]; switches: PaySwitches } | undefined> {
  return locked(async () => {
    const order = await read<PayOrderRecord>(ORDERS, outTradeNo);
    if (!order) return undefined;
    const refunds = (await readAll<PayRefundRecord>(REFUNDS, { outTradeNo })).sort((a, b) => a.createdAt - b.createdAt);
    const notifications = (await readAll<PayNotificationRecord>(NOTIFICATIONS, { outTradeNo })).sort((a, b) => a.createdAt - b.createdAt || a._id.localeCompare(b._id));
    return { order, refunds, notifications, switches: paySwitches(outTradeNo) };
  });
}

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

/** Payments by time paid and refunds by time applied for (the bill's 交易时间), of one Beijing day, sorted. */
async function dayRecords(date: string): Promise<{ paid: PayOrderRecord[]; refunded: PayRefundRecord[] }> {
  const start = hospitalInstant(`${date} 00:00:00`);
  const end = start + 24 * 60 * 60 * 1000;
  const _ = command;
  const paid = await readAll<PayOrderRecord>(ORDERS, { paidAt: _.gte(start).and(_.lt(end)) });
  const refunded = await readAll<PayRefundRecord>(REFUNDS, { createdAt: _.gte(start).and(_.lt(end)) });
  return { paid: paid.sort((a, b) => (a.paidAt ?? 0) - (b.paidAt ?? 0)), refunded: refunded.sort((a, b) => a.createdAt - b.createdAt) };
}

/** WeChat's record of one Beijing day: payments by time paid, refunds by time applied for. */
export async function dailyBill(date: string): Promise<DailyBill> {
  if (!isHospitalDate(date)) throw new RangeError(`not a date: ${date}`);
  return locked(async () => {
    const { paid, refunded } = await dayRecords(date);
    const payments = paid.map((o) => ({
      time: formatHospital(o.paidAt ?? 0),
      outTradeNo: o.outTradeNo,
      transactionId: o.transactionId ?? '',
      subMchId: o.subMchId,
      totalFee: o.totalFee,
    }));
    const refunds = refunded.map((r) => ({
      time: formatHospital(r.createdAt),
      outTradeNo: r.outTradeNo,
      transactionId: r.transactionId,
      outRefundNo: r.outRefundNo,
      refundId: r.refundId,
      refundFee: r.refundFee,
      refundStatus: r.refundStatus,
      successTime: r.successAt === undefined ? '' : formatHospital(r.successAt),
    }));
    return {
      date,
      payments,
      refunds,
      totals: {
        paymentCount: payments.length,
        paymentFee: payments.reduce((s, x) => s + x.totalFee, 0),
        refundCount: refunds.length,
        refundFee: refunds.reduce((s, x) => s + x.refundFee, 0),
      },
    };
  });
}
