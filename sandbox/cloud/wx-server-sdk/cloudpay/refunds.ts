/** Refunds at WeChat Pay: refund, queryRefund, and a refund settling (then its callback). */
import { formatHospital } from '../../../../miniprogram/core/time';
import type { RefundNotifyEvent } from '../../../../typings/wxpay';
import type { QueryCondition } from '../command';
import { getWXContext } from '../context';
import { emulator, ORDERS, REFUNDS } from './emulator';
import { createNotifications, scheduleDelivery } from './notifications';
import { findOrder, outOrTransaction } from './orders';
import { MAX_REFUNDS_PER_ORDER, type PayOrderRecord, type PayRefundRecord, type QueryRefundParams, type QueryRefundResult, type RefundParams, type RefundResult } from './types';
import { DEFAULT_SUB_APPID, digits, oneYearAfter, fen, invalid, normalize, optionalText, OUT_NO, RECEIVING_ACCOUNT, refuse, succeed, text, wxPayEnvelope } from './wire';

export async function refund(input: RefundParams): Promise<RefundResult> {
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
  const answer = await emulator.locked(async (): Promise<RefundResult> => {
    const order = await findOrder(subMchId, ids.outTradeNo, ids.transactionId);
    const appid = order?.subAppid ?? getWXContext().APPID ?? DEFAULT_SUB_APPID;
    const earlier = await emulator.read<PayRefundRecord>(REFUNDS, outRefundNo);
    if (earlier) {
      // The same refund number refunds once: a repeat with the same amounts answers the first refund.
      const same = order !== undefined && earlier.outTradeNo === order.outTradeNo && earlier.refundFee === refundFee && earlier.totalFee === totalFee;
      return same && order ? refundAnswer(api, order, earlier) : refuse(api, subMchId, appid, 'refundNumberReused');
    }
    if (!order) return refuse(api, subMchId, appid, 'orderNotFound');
    if (order.paidAt === undefined || order.transactionId === undefined) return refuse(api, subMchId, appid, 'refundUnpaid');
    if (totalFee !== order.totalFee) return refuse(api, subMchId, appid, 'totalFeeMismatch');
    if (emulator.now() > oneYearAfter(order.paidAt)) return refuse(api, subMchId, appid, 'refundOverdue');
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
      createdAt: emulator.now(),
    };
    await emulator.write(REFUNDS, record);
    await emulator.write(ORDERS, { ...order, tradeState: 'REFUND', refundedFee: order.refundedFee + refundFee, refundCount: order.refundCount + 1 });
    settle.push(outRefundNo);
    return refundAnswer(api, order, record);
  });
  for (const no of settle) emulator.schedule(`settle:${no}`, emulator.config.refundSettleMs, () => settleRefund(no));
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

export async function queryRefund(input: QueryRefundParams): Promise<QueryRefundResult> {
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
  return emulator.locked(async () => {
    const refunds = (await emulator.readAll<PayRefundRecord>(REFUNDS, condition)).filter((r) => r.subMchId === subMchId).sort((a, b) => a.createdAt - b.createdAt);
    const first = refunds[0];
    const order = first ? await emulator.read<PayOrderRecord>(ORDERS, first.outTradeNo) : undefined;
    if (!first || !order) return refuse(api, subMchId, getWXContext().APPID ?? DEFAULT_SUB_APPID, 'refundNotFound');
    return succeed(api, subMchId, order.subAppid, {
      transactionId: first.transactionId,
      outTradeNo: first.outTradeNo,
      totalFee: order.totalFee,
      cashFee: order.totalFee,
      refundCount: refunds.length,
      // As developers report of the cloud: the count, but empty per-refund lists. A refund is proven by its
      // callback or the daily bill, never by this answer.
      outRefundNoList: [],
      refundIdList: [],
      refundFeeList: [],
      refundStatusList: [],
      refundSuccessTimeList: [],
      refundRecvAccoutList: [],
    });
  });
}

/** A PROCESSING refund succeeds; WeChat then calls the refund's function. */
export async function settleRefund(outRefundNo: string): Promise<void> {
  const toDeliver = await emulator.locked(async () => {
    const r = await emulator.read<PayRefundRecord>(REFUNDS, outRefundNo);
    const order = r ? await emulator.read<PayOrderRecord>(ORDERS, r.outTradeNo) : undefined;
    if (!r || !order || r.refundStatus !== 'PROCESSING') return [];
    const end = emulator.switches(r.outTradeNo).refundEnd;
    const done: PayRefundRecord = { ...r, refundStatus: end, successAt: emulator.now() };
    await emulator.write(REFUNDS, done);
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
      refundStatus: end,
      successTime: formatHospital(done.successAt ?? 0),
      refundRecvAccout: RECEIVING_ACCOUNT,
      refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      refundRequestSource: 'API',
    };
    return createNotifications('refund', { ...order, envId: done.envId, functionName: done.functionName }, event, outRefundNo);
  });
  for (const id of toDeliver) scheduleDelivery(id, 0);
}

