/**
 * The payment engine (ARCHITECTURE §8): creates orders, records WeChat Pay's payment and refund
 * evidence (callbacks or queries) in the ledger, has the hospital confirm paid orders, refunds what
 * the hospital cannot take, and the janitor that drives every open order to an end state.
 * Every status change goes through `transition` (the table in ledger.ts) inside a ledger transaction;
 * calls to WeChat and to the hospital happen outside transactions, and are safe to repeat
 * (same outTradeNo, Idempotency-Key = outTradeNo, outRefundNo = 'R' + outTradeNo).
 *
 * Parts: `order-numbers` · `placing` (bill.pay, booking orders) · `callbacks` (payNotify) ·
 * `recording` (WeChat's evidence → ledger) · `confirmation` + `order-kinds` (the hospital, one table
 * per kind) · `refunds` · `wechat-sync` (queryOrder / closeOrder) · `janitor`.
 */
import type { HandBack, OrderDoc } from '../../../../typings/db';
import type { PaymentConfig } from '../config';
import type { OrderLedger } from '../ledger';
import { onPaymentNotify, onRefundNotify } from './callbacks';
import { confirm, type ConfirmOutcome } from './confirmation';
import { engineContext, type JanitorBudget, type JanitorReport, type NotifyAnswer, type PaymentDeps } from './context';
import { dropHandBack, recordHandBack } from './hand-backs';
import { runJanitor } from './janitor';
import type { BookingOrderRequest } from './order-numbers';
import { abandon, payBills, payBooking, type PlacedOrder } from './placing';
import { refundConfirmed } from './refunds';
import { payDeposit, type DepositOrderRequest } from './deposits';

export {
  LEASE_MS,
  MAX_BILLS_PER_ORDER,
  MAX_CONFIRM_BACKOFF_MS,
  HAND_BACK_LABEL,
  isHospitalRefusal,
  MESSAGES,
  REFUND_CAUSE_CANCELLED,
  REFUND_CAUSE_RETURNED,
  type JanitorBudget,
  type JanitorReport,
  type NotifyAnswer,
  type PaymentDeps,
  type PaymentPorts,
} from './context';
export { BOOKING_DESCRIPTIONS, billOrderDescription, billOrderNo, bookingOrderNo, compactBeijing, refundNoOf, type BookingOrderRequest } from './order-numbers';
export type { PlacedOrder } from './placing';
export { DEPOSIT_DESCRIPTION, DEPOSIT_MESSAGES, depositOrderNo, type DepositOrderRequest } from './deposits';

export interface PaymentEngine {
  readonly ledger: OrderLedger;
  readonly config: PaymentConfig;
  /** bill.pay: one order for the patient's chosen pending bills (amount from the hospital), placed at WeChat. */
  payBills(req: { openid: string; patientId: string; billIds: string[] }): Promise<PlacedOrder>;
  /** 当日挂号 / 预约 paid at booking / 取号: one order per hold or held appointment (per appointment and attempt for 取号), placed at WeChat. */
  payBooking(req: BookingOrderRequest): Promise<PlacedOrder>;
  /** 住院押金: one order per (account, stay, amount, attempt), the amount the patient chose within the limits, placed at WeChat. */
  payDeposit(req: DepositOrderRequest): Promise<PlacedOrder>;
  /** What was booked is given up before payment: an unpaid order expires now, so the janitor closes it at WeChat. */
  abandon(outTradeNo: string, cause: string): Promise<void>;
  /** 退号: a confirmed order the hospital already took back goes confirmed → refunding, refunded to the original path. */
  refundConfirmed(outTradeNo: string, cause: string): Promise<OrderDoc>;
  /** Before asking the hospital to take a confirmed booking back: the intent, so a lost answer is finished by the janitor. */
  recordHandBack(outTradeNo: string, intent: Omit<HandBack, 'requestedAt'>): Promise<OrderDoc | null>;
  /** The hospital refused the hand-back: the booking stands. */
  dropHandBack(outTradeNo: string, why: string): Promise<void>;
  /** A payment callback, verified against our merchant, the ledger and WeChat's own record. */
  onPaymentNotify(event: unknown): Promise<NotifyAnswer>;
  /** A refund callback, verified the same way. */
  onRefundNotify(event: unknown): Promise<NotifyAnswer>;
  /** Asks the hospital to confirm a paid order once; refused → refund; unavailable → retry later. */
  confirm(outTradeNo: string, cause: string): Promise<ConfirmOutcome>;
  /** One janitor pass over every open order, within an optional time budget (the rest waits for the next run). */
  runJanitor(owner: string, budget?: JanitorBudget): Promise<JanitorReport>;
}

export function createPaymentEngine(deps: PaymentDeps): PaymentEngine {
  const ctx = engineContext(deps);
  return {
    ledger: ctx.ledger,
    config: ctx.config,
    payBills: (req) => payBills(ctx, req),
    payBooking: (req) => payBooking(ctx, req),
    payDeposit: (req) => payDeposit(ctx, req),
    abandon: (outTradeNo, cause) => abandon(ctx, outTradeNo, cause),
    refundConfirmed: (outTradeNo, cause) => refundConfirmed(ctx, outTradeNo, cause),
    recordHandBack: (outTradeNo, intent) => recordHandBack(ctx, outTradeNo, intent),
    dropHandBack: (outTradeNo, why) => dropHandBack(ctx, outTradeNo, why),
    onPaymentNotify: (event) => onPaymentNotify(ctx, event),
    onRefundNotify: (event) => onRefundNotify(ctx, event),
    confirm: (outTradeNo, cause) => confirm(ctx, outTradeNo, cause),
    runJanitor: (owner, budget) => runJanitor(ctx, owner, budget),
  };
}
