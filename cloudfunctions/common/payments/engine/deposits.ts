/**
 * Inpatient deposits (住院押金): one order per (account, stay, amount, attempt). The same deposit
 * tapped twice meets one order; once it is confirmed (or closed unpaid) the next tap is the next
 * attempt, a new deposit. Confirmed at the hospital by `inpatient.deposit` (order-kinds.ts).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../../miniprogram/core/errors';
import { depositAmountRefusal } from '../../../../miniprogram/core/inpatient';
import { MESSAGES, type EngineContext } from './context';
import { newOrder, placeAtWeChat, type PlacedOrder } from './placing';
import { settleWithWeChat } from './wechat-sync';

/** What the order says it is for: never a ward or a diagnosis. */
export const DEPOSIT_DESCRIPTION = '住院押金';

/** Deposits of one amount one account may start for a stay before the ward's cashier is the better way. */
const MAX_DEPOSIT_ATTEMPTS = 50;

export const DEPOSIT_MESSAGES = {
  beingConfirmed: '该笔押金已支付，正在向医院确认，请稍后刷新',
  tooMany: '押金缴纳次数过多，请到住院处办理',
} as const;

/** A deposit to place: the stay was checked in hospital just before; the amount is the patient's choice, in fen. */
export interface DepositOrderRequest {
  openid: string;
  patientId: string;
  stayId: string;
  amount: number;
}

/** `Z` + 24 hex of SHA-256(openid, patient, stay, amount) + `N` + attempt: at most 32 characters. */
export function depositOrderNo(req: DepositOrderRequest, attempt: number): string {
  const digest = createHash('sha256').update(JSON.stringify([req.openid, req.patientId, req.stayId, req.amount]), 'utf8').digest('hex').slice(0, 24);
  return `Z${digest}N${attempt}`;
}

export async function payDeposit(ctx: EngineContext, req: DepositOrderRequest): Promise<PlacedOrder> {
  // The action validated it already; the engine never places an amount outside the hospital's limits.
  const refusal = depositAmountRefusal(req.amount);
  if (refusal !== undefined) throw new AppError('INVALID_INPUT', refusal, 'amount');
  for (let attempt = 1; attempt <= MAX_DEPOSIT_ATTEMPTS; attempt++) {
    const outTradeNo = depositOrderNo(req, attempt);
    const now = ctx.clock();
    const order = await ctx.ledger.change(outTradeNo, (cur) => {
      if (cur) return { answer: cur };
      const fresh = newOrder({
        outTradeNo,
        openid: req.openid,
        patientId: req.patientId,
        ref: { kind: 'inpatient-deposit', stayId: req.stayId },
        description: DEPOSIT_DESCRIPTION,
        amount: req.amount,
        now,
        expiresAt: now + ctx.config.orderTtlMs,
        cause: 'inpatient.deposit',
      });
      return { next: fresh, answer: fresh };
    });
    // Done with (confirmed, or never paid, or refunded): this tap is a new deposit.
    if (order.status === 'confirmed' || order.status === 'closed' || order.status === 'refunding' || order.status === 'refunded') continue;
    if (order.status === 'paid') throw new AppError('CONFLICT', DEPOSIT_MESSAGES.beingConfirmed, 'amount');
    if (now >= order.expiresAt) {
      await settleWithWeChat(ctx, order, 'inpatient.deposit: previous attempt expired');
      const after = await ctx.ledger.get(outTradeNo);
      if (after?.status === 'closed') continue;
      throw new AppError('PAYMENT_PENDING', after?.status === 'paid' ? MESSAGES.orderPaid : MESSAGES.previousOrderPending, 'amount');
    }
    const payment = await placeAtWeChat(ctx, order);
    return { order: (await ctx.ledger.get(outTradeNo)) ?? order, payment };
  }
  throw new AppError('LIMIT_REACHED', DEPOSIT_MESSAGES.tooMany, 'amount');
}
