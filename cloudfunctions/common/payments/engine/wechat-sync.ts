/** Brings an unpaid order in line with WeChat Pay's own record: paid → recorded (and confirmed); expired → closed. */
import type { OrderDoc } from '../../../../typings/db';
import { WECHAT_CLOSE_AFTER_MS } from '../config';
import { transition } from '../ledger';
import type { EngineContext } from './context';
import { evidenceFromQuery, followUp, recordPayment } from './recording';

export async function settleWithWeChat(ctx: EngineContext, order: OrderDoc, cause: string): Promise<void> {
  const { ledger, pay, merchant, log } = ctx;
  const now = ctx.clock();
  const q = await pay.queryOrder({ ...merchant, outTradeNo: order._id });
  const evidence = evidenceFromQuery(ctx, order._id, q, `${cause}: queryOrder found the payment`);
  if (evidence) {
    await followUp(ctx, await recordPayment(ctx, evidence), cause);
    return;
  }
  const closeLedger = (why: string) =>
    ledger.change(order._id, (cur) => (cur && (cur.status === 'created' || cur.status === 'paying') ? { next: transition(cur, 'closed', why, now), answer: null } : { answer: null }));
  if (q.resultCode !== 'SUCCESS') {
    // WeChat never heard of it (unifiedOrder never went through): nothing can be paid.
    if (now >= order.expiresAt && (q.errCodeDes ?? '').includes('不存在')) await closeLedger(`${cause}: expired, never placed at WeChat`);
    else log.warn('queryOrder refused', { outTradeNo: order._id, errCodeDes: q.errCodeDes });
    return;
  }
  if (q.tradeState === 'CLOSED' || q.tradeState === 'REVOKED' || q.tradeState === 'PAYERROR') {
    await closeLedger(`${cause}: WeChat reports ${q.tradeState}`);
    return;
  }
  if (q.tradeState === 'USERPAYING') {
    await ledger.change(order._id, (cur) => (cur?.status === 'created' ? { next: transition(cur, 'paying', `${cause}: patient paying`, now), answer: null } : { answer: null }));
    return;
  }
  if (now < order.expiresAt) return;
  // WeChat closes nothing younger than 5 minutes; a refused close is simply tried on the next run.
  if (now - order.createdAt < WECHAT_CLOSE_AFTER_MS) return;
  const closed = await pay.closeOrder({ ...merchant, outTradeNo: order._id });
  if (closed.resultCode === 'SUCCESS') await closeLedger(`${cause}: expired, closed at WeChat`);
  else log.info('closeOrder refused; will ask again', { outTradeNo: order._id, errCodeDes: closed.errCodeDes });
}
