/** Orders at WeChat Pay: unifiedOrder, queryOrder, closeOrder. */
import { randomBytes } from 'node:crypto';
import { getWXContext } from '../context';
import { emulator, ORDERS } from './emulator';
import { CLOSE_AFTER_MS, MIN_TIME_EXPIRE_MS, type CloseOrderParams, type CloseOrderResult, type PayOrderRecord, type QueryOrderParams, type QueryOrderResult, type TradeState, type UnifiedOrderParams, type UnifiedOrderResult } from './types';
import { compactTime, DEFAULT_SUB_APPID, fen, invalid, md5Sign, nonce, normalize, optionalText, OUT_NO, parseCompactTime, providerOpenid, refuse, succeed, text, type Params } from './wire';

export async function unifiedOrder(input: UnifiedOrderParams): Promise<UnifiedOrderResult> {
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
  if (timeExpire !== undefined && timeExpire - emulator.now() < MIN_TIME_EXPIRE_MS) return refuse(api, subMchId, subAppid, 'timeExpireTooSoon');

  return emulator.locked(async () => {
    let order = await emulator.read<PayOrderRecord>(ORDERS, outTradeNo);
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
        prepayId: `wx${compactTime(emulator.now()).slice(6)}${randomBytes(12).toString('hex')}`,
        createdAt: emulator.now(),
        ...(timeExpire !== undefined ? { timeExpire } : {}),
        tradeState: 'NOTPAY',
        refundedFee: 0,
        refundCount: 0,
      };
      await emulator.write(ORDERS, order);
    }
    const timeStamp = String(Math.floor(emulator.now() / 1000));
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

export async function findOrder(subMchId: string, outTradeNo: string | undefined, transactionId: string | undefined): Promise<PayOrderRecord | undefined> {
  const order =
    outTradeNo !== undefined
      ? await emulator.read<PayOrderRecord>(ORDERS, outTradeNo)
      : (await emulator.readAll<PayOrderRecord>(ORDERS, { transactionId: transactionId ?? '' }))[0];
  return order && order.subMchId === subMchId ? order : undefined;
}

export function outOrTransaction(api: string, p: Params): { outTradeNo?: string; transactionId?: string } {
  const outTradeNo = optionalText(api, p, 'outTradeNo', 32, OUT_NO);
  const transactionId = optionalText(api, p, 'transactionId', 32, /^\d+$/);
  if (outTradeNo === undefined && transactionId === undefined) throw invalid(api, 'outTradeNo or transactionId is required');
  return { ...(outTradeNo !== undefined ? { outTradeNo } : {}), ...(transactionId !== undefined ? { transactionId } : {}) };
}

export async function queryOrder(input: QueryOrderParams): Promise<QueryOrderResult> {
  const api = 'queryOrder';
  const p = normalize(api, input);
  const subMchId = text(api, p, 'subMchId', 32);
  const ids = outOrTransaction(api, p);
  return emulator.locked(async () => {
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

export async function closeOrder(input: CloseOrderParams): Promise<CloseOrderResult> {
  const api = 'closeOrder';
  const p = normalize(api, input);
  const subMchId = text(api, p, 'subMchId', 32);
  const outTradeNo = text(api, p, 'outTradeNo', 32, OUT_NO);
  return emulator.locked(async () => {
    const order = await findOrder(subMchId, outTradeNo, undefined);
    const appid = order?.subAppid ?? getWXContext().APPID ?? DEFAULT_SUB_APPID;
    if (!order) return refuse(api, subMchId, appid, 'orderNotFound');
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') return refuse(api, subMchId, appid, 'orderPaid');
    if (order.tradeState === 'CLOSED') return refuse(api, subMchId, appid, 'orderClosed');
    if (order.tradeState === 'USERPAYING') return refuse(api, subMchId, appid, 'userPaying');
    if (emulator.now() - order.createdAt < CLOSE_AFTER_MS) return refuse(api, subMchId, appid, 'closeTooEarly');
    await emulator.write(ORDERS, { ...order, tradeState: 'CLOSED', closedAt: emulator.now() });
    return succeed(api, subMchId, appid, { resultMsg: 'OK' as const });
  });
}
