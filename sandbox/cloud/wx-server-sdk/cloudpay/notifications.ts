/** The patient's side (the sandbox host plays it) and WeChat's callbacks: delivered, retried, held, released. */
import { formatHospital } from '../../../../miniprogram/core/time';
import type { PaymentNotifyEvent } from '../../../../typings/wxpay';
import { isPlainObject } from '../evaluate';
import { emulator, NOTIFICATIONS, ORDERS, REFUNDS } from './emulator';
import { settleRefund } from './refunds';
import {
  CALLBACK_TIMEOUT_MS,
  NOTIFY_RETRY_INTERVALS_MS,
  type PayNotificationRecord,
  type PayNotifyEvent,
  type PayOrderRecord,
  type PayRefundRecord,
  type PaySwitches,
} from './types';
import { compactTime, digits, providerOpenid, wxPayEnvelope } from './wire';

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
  const outcome = await emulator.locked(async (): Promise<PayOutcome> => {
    const order = await emulator.read<PayOrderRecord>(ORDERS, outTradeNo);
    if (!order) return { ok: false, reason: 'NOT_FOUND' };
    if (order.tradeState === 'CLOSED') return { ok: false, reason: 'CLOSED' };
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') return { ok: false, reason: 'ALREADY_PAID' };
    const now = emulator.now();
    if (order.timeExpire !== undefined && now > order.timeExpire && !emulator.switches(outTradeNo).payAfterExpiry) return { ok: false, reason: 'EXPIRED' };
    if (opts.userPaying) {
      const paying: PayOrderRecord = { ...order, tradeState: 'USERPAYING' };
      await emulator.write(ORDERS, paying);
      return { ok: true, order: paying };
    }
    const paid: PayOrderRecord = { ...order, tradeState: 'SUCCESS', transactionId: `42000${digits(5)}${formatHospital(now, 'YYYYMMDD')}${digits(10)}`, paidAt: now };
    await emulator.write(ORDERS, paid);
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

/** Stores one notification (plus duplicates), held or pending per the switches; answers the ids to deliver now. */
export async function createNotifications(
  kind: 'payment' | 'refund',
  target: Pick<PayOrderRecord, 'outTradeNo' | 'envId' | 'functionName'>,
  event: PayNotifyEvent,
  outRefundNo?: string,
): Promise<string[]> {
  const sw = emulator.switches(target.outTradeNo);
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
      createdAt: emulator.now(),
    };
    await emulator.write(NOTIFICATIONS, record);
    if (!heldBy) ready.push(id);
  }
  return ready;
}

export function scheduleDelivery(id: string, delayMs: number): void {
  if (!emulator.inFlight.has(id)) emulator.schedule(`deliver:${id}`, delayMs, () => deliver(id));
}

/** What the callback answered, kept small for the record. */
function summarize(answer: unknown): unknown {
  if (answer instanceof Error) return { error: answer.message.split('\n')[0] ?? '' };
  return answer === undefined ? null : answer;
}

async function deliver(id: string): Promise<void> {
  const gen = emulator.generation;
  const note = await emulator.locked(() => emulator.read<PayNotificationRecord>(NOTIFICATIONS, id));
  if (!note || note.state !== 'pending' || emulator.inFlight.has(id)) return;
  emulator.inFlight.add(id);
  let answer: unknown;
  let timer: NodeJS.Timeout | undefined;
  try {
    if (!emulator.config.invoke) throw new Error('no function host configured');
    // A function that never answers is a failed delivery, as WeChat's own timeout makes it.
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CALLBACK_TIMEOUT_MS} ms`)), CALLBACK_TIMEOUT_MS);
      timer.unref?.();
    });
    answer = await Promise.race([emulator.config.invoke(note.functionName, note.event, note.envId), timeout]);
  } catch (e) {
    answer = e instanceof Error ? e : new Error(String(e));
  } finally {
    clearTimeout(timer);
    emulator.inFlight.delete(id);
  }
  if (gen !== emulator.generation) return;
  const acknowledged = isPlainObject(answer) && answer.errcode === 0;
  const release = await emulator.locked(async () => {
    const current = await emulator.read<PayNotificationRecord>(NOTIFICATIONS, id);
    if (!current) return [];
    const attempts = current.attempts + 1;
    const history = [...current.history, { at: emulator.now(), answer: summarize(answer) }].slice(-20);
    const retryIn = NOTIFY_RETRY_INTERVALS_MS[attempts - 1];
    const state = acknowledged ? 'delivered' : retryIn === undefined ? 'abandoned' : 'pending';
    await emulator.write(NOTIFICATIONS, { ...current, attempts, history, state, ...(acknowledged ? { deliveredAt: emulator.now() } : {}) });
    if (state === 'pending' && retryIn !== undefined) scheduleDelivery(id, retryIn * emulator.config.retryScale);
    // Out of order: the refund callback has now gone first, so the held payment callback may follow.
    if (current.kind === 'refund' && attempts === 1) return releaseWhere(current.outTradeNo, 'outOfOrder');
    return [];
  });
  for (const rid of release) scheduleDelivery(rid, 0);
}

async function releaseWhere(outTradeNo: string | undefined, heldBy?: 'late' | 'outOfOrder'): Promise<string[]> {
  const held = await emulator.readAll<PayNotificationRecord>(NOTIFICATIONS, {
    state: 'held',
    ...(outTradeNo !== undefined ? { outTradeNo } : {}),
    ...(heldBy !== undefined ? { heldBy } : {}),
  });
  for (const n of held) await emulator.write(NOTIFICATIONS, { ...n, state: 'pending' });
  return held.map((n) => n._id);
}

/** Releases held callbacks (all, or one order's); answers how many were released. */
export async function releaseHeld(outTradeNo?: string): Promise<number> {
  const ids = await emulator.locked(() => releaseWhere(outTradeNo));
  for (const id of ids) scheduleDelivery(id, 0);
  return ids.length;
}

/** After a restart: resumes pending callbacks and settles refunds still processing, as WeChat would have meanwhile. */
export async function resumeCloudPay(): Promise<void> {
  const [pending, processing] = await emulator.locked(async () => [
    await emulator.readAll<PayNotificationRecord>(NOTIFICATIONS, { state: 'pending' }),
    await emulator.readAll<PayRefundRecord>(REFUNDS, { refundStatus: 'PROCESSING' }),
  ] as const);
  for (const n of pending) scheduleDelivery(n._id, 0);
  for (const r of processing) emulator.schedule(`settle:${r.outRefundNo}`, 0, () => settleRefund(r.outRefundNo));
}

/** WeChat's whole record of an order: the order, its refunds and every callback with its attempts. */
export async function payRecord(
  outTradeNo: string,
): Promise<{ order: PayOrderRecord; refunds: PayRefundRecord[]; notifications: PayNotificationRecord[]; switches: PaySwitches } | undefined> {
  return emulator.locked(async () => {
    const order = await emulator.read<PayOrderRecord>(ORDERS, outTradeNo);
    if (!order) return undefined;
    const refunds = (await emulator.readAll<PayRefundRecord>(REFUNDS, { outTradeNo })).sort((a, b) => a.createdAt - b.createdAt);
    const notifications = (await emulator.readAll<PayNotificationRecord>(NOTIFICATIONS, { outTradeNo })).sort((a, b) => a.createdAt - b.createdAt || a._id.localeCompare(b._id));
    return { order, refunds, notifications, switches: emulator.switches(outTradeNo) };
  });
}
