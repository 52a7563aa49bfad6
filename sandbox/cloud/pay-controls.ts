/**
 * The local cloud's WeChat Pay controls: wires the emulated cloudPay to the host's functions (WeChat
 * calls the order's function back as a pay callback) and exposes the sandbox routes that play the
 * patient paying, set the fault switches, release held callbacks and show WeChat's records.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { businessClock } from '../../cloudfunctions/common/clock';
import { isHospitalDate } from '../../miniprogram/core/time';
import type { CloudFunctionModule } from './host';
import { LOCAL_ENV, runWithContext } from './wx-server-sdk';
import {
  configureCloudPay,
  dailyBill,
  payOrder,
  payRecord,
  paySwitches,
  releaseHeld,
  resumeCloudPay,
  setPaySwitches,
  stopCloudPay,
  type PayOutcome,
  type PayScheduler,
  type PaySwitches,
} from './wx-server-sdk/cloudpay';

export interface PayControlsOptions {
  /** The host's function loader: WeChat calls back the function an order names. */
  loadFunction(name: string): CloudFunctionModule | undefined;
  /** The mini program's AppID the callbacks run under. */
  appId: string;
  /** WeChat's retry intervals are multiplied by this; default CLOUDPAY_RETRY_SCALE or 0.01 (15 s → 150 ms). */
  retryScale?: number;
  /** Default: the functions' business clock, so /sandbox/clock moves WeChat's rules too. */
  clock?: () => number;
  /** Default: real timers. */
  scheduler?: PayScheduler;
}

const REFUSED: Record<Extract<PayOutcome, { ok: false }>['reason'], { status: number; message: string }> = {
  NOT_FOUND: { status: 404, message: '订单不存在' },
  CLOSED: { status: 409, message: '订单已关闭，无法支付' },
  ALREADY_PAID: { status: 409, message: '订单已支付，请勿重复支付' },
  EXPIRED: { status: 409, message: '订单已过期，无法支付' },
};

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*@]{1,32}$/;

function retryScaleFromEnv(): number {
  const n = Number(process.env.CLOUDPAY_RETRY_SCALE);
  return Number.isFinite(n) && n > 0 ? n : 0.01;
}

function body(raw: unknown): Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/** `{duplicate?, late?, outOfOrder?, payAfterExpiry?, refundEnd?}` checked field by field; a message names the bad one. */
function parseSwitches(b: Record<string, unknown>): Partial<PaySwitches> | string {
  const patch: Partial<PaySwitches> = {};
  if (b.duplicate !== undefined) {
    const d = b.duplicate === true ? 1 : b.duplicate === false ? 0 : b.duplicate;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 10) return 'duplicate 应为 true/false 或 0 到 10 的整数';
    patch.duplicate = d;
  }
  for (const key of ['late', 'outOfOrder', 'payAfterExpiry'] as const) {
    if (b[key] === undefined) continue;
    if (typeof b[key] !== 'boolean') return `${key} 应为 true 或 false`;
    patch[key] = b[key];
  }
  if (b.refundEnd !== undefined) {
    if (b.refundEnd !== 'SUCCESS' && b.refundEnd !== 'REFUNDCLOSE' && b.refundEnd !== 'CHANGE') return 'refundEnd 应为 SUCCESS、REFUNDCLOSE 或 CHANGE';
    patch.refundEnd = b.refundEnd;
  }
  return patch;
}

/** Configures cloudPay for the host and registers the /sandbox/pay routes; cloudPay stops with the app. */
export function registerPayControls(app: FastifyInstance, opts: PayControlsOptions): void {
  configureCloudPay({
    clock: opts.clock ?? businessClock,
    retryScale: opts.retryScale ?? retryScaleFromEnv(),
    ...(opts.scheduler ? { scheduler: opts.scheduler } : {}),
    async invoke(functionName, event) {
      const fn = opts.loadFunction(functionName);
      if (!fn) throw new Error(`FunctionName parameter could not be found: ${functionName}`);
      const context = { request_id: randomUUID(), function_name: functionName, function_version: '$LATEST', namespace: LOCAL_ENV };
      // A pay callback carries no user: identity comes from the event, and SOURCE tells it from a client call.
      return runWithContext({ APPID: opts.appId, ENV: LOCAL_ENV, SOURCE: 'wx_paycallback' }, () => Promise.resolve(fn.main(event, context)));
    },
  });
  app.addHook('onReady', async () => resumeCloudPay());
  app.addHook('onClose', async () => stopCloudPay());

  app.post('/sandbox/pay', async (req, reply) => {
    const b = body(req.body);
    if (typeof b.outTradeNo !== 'string' || !OUT_TRADE_NO.test(b.outTradeNo)) return reply.code(400).send({ message: '缺少或无效的商户订单号 outTradeNo' });
    if (b.userPaying !== undefined && typeof b.userPaying !== 'boolean') return reply.code(400).send({ message: 'userPaying 应为 true 或 false' });
    const outcome = await payOrder(b.outTradeNo, { userPaying: b.userPaying === true });
    if (!outcome.ok) {
      const refused = REFUSED[outcome.reason];
      return reply.code(refused.status).send({ code: outcome.reason, message: refused.message });
    }
    const { order } = outcome;
    return {
      outTradeNo: order.outTradeNo,
      tradeState: order.tradeState,
      totalFee: order.totalFee,
      ...(order.transactionId !== undefined ? { transactionId: order.transactionId } : {}),
      switches: paySwitches(order.outTradeNo),
    };
  });

  app.get<{ Querystring: { outTradeNo?: string } }>('/sandbox/pay/switches', async (req) => paySwitches(req.query.outTradeNo));

  app.post('/sandbox/pay/switches', async (req, reply) => {
    const b = body(req.body);
    if (b.outTradeNo !== undefined && (typeof b.outTradeNo !== 'string' || !OUT_TRADE_NO.test(b.outTradeNo))) {
      return reply.code(400).send({ message: '无效的商户订单号 outTradeNo' });
    }
    const patch = parseSwitches(b);
    if (typeof patch === 'string') return reply.code(400).send({ message: patch });
    const outTradeNo = b.outTradeNo as string | undefined;
    return { ...(outTradeNo !== undefined ? { outTradeNo } : {}), switches: setPaySwitches(patch, outTradeNo) };
  });

  app.post('/sandbox/pay/release', async (req, reply) => {
    const b = body(req.body);
    if (b.outTradeNo !== undefined && typeof b.outTradeNo !== 'string') return reply.code(400).send({ message: '无效的商户订单号 outTradeNo' });
    return { released: await releaseHeld(b.outTradeNo as string | undefined) };
  });

  app.get<{ Params: { outTradeNo: string } }>('/sandbox/pay/orders/:outTradeNo', async (req, reply) => {
    const record = await payRecord(req.params.outTradeNo);
    return record ?? reply.code(404).send({ message: '订单不存在' });
  });

  app.get<{ Querystring: { date?: string } }>('/sandbox/pay/bill', async (req, reply) => {
    const date = req.query.date;
    if (typeof date !== 'string' || !isHospitalDate(date)) return reply.code(400).send({ message: 'date 应为 YYYY-MM-DD 格式的日期' });
    return dailyBill(date);
  });
}
