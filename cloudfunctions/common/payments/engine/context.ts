/** What every part of the payment engine shares: its ports, answers, limits and patient-facing messages. */
import { AppError } from '../../../../miniprogram/core/errors';
import type { FrontMachineClient } from '../../frontmachine';
import type { Logger } from '../../logger';
import type { BookingIndex } from '../../booking/index-store';
import type { Clock } from '../../../../miniprogram/core/time';
import type { PaymentConfig } from '../config';
import type { OrderLedger } from '../ledger';
import type { PayGateway } from '../wxpay';

export interface PaymentPorts {
  ledger: OrderLedger;
  pay: PayGateway;
  config: PaymentConfig;
  /** Who owns each registration: a confirmed registration's index document is written here. */
  bookings: BookingIndex;
}

export interface PaymentDeps extends PaymentPorts {
  frontMachine: FrontMachineClient;
  clock: Clock;
  log: Logger;
}

/** The engine's parts take this: the dependencies and our merchant, as WeChat Pay's calls name it. */
export interface EngineContext extends PaymentDeps {
  merchant: { subMchId: string };
}

export function engineContext(deps: PaymentDeps): EngineContext {
  return { ...deps, merchant: { subMchId: deps.config.subMchId } };
}

/** What a callback answers WeChat: `{errcode: 0}` once recorded (or already recorded), anything else is retried. */
export interface NotifyAnswer {
  errcode: number;
  errmsg?: string;
}

export interface JanitorReport {
  owner: string;
  examined: number;
  worked: number;
  /** Leased by another run at the time. */
  skipped: number;
  failed: number;
  /** Left for the next run: the time budget ran out first. */
  deferred: number;
}

/** A janitor run's time budget (real time: the function's timeout is wall time). */
export interface JanitorBudget {
  deadlineAt: number;
  now?: () => number;
}

/** How long a janitor run's claim on an order lasts (a crashed run's claim expires by itself). */
export const LEASE_MS = 2 * 60_000;
/** Confirmation retries back off from 1 minute up to this. */
export const MAX_CONFIRM_BACKOFF_MS = 10 * 60_000;
/** Bill ids per order, so one order stays one readable receipt. */
export const MAX_BILLS_PER_ORDER = 20;

export const MESSAGES = {
  billsNotPending: '所选费用已缴或已变更，请刷新后重新选择',
  billsInOtherOrder: '所选费用已在另一笔待支付订单中',
  billsBeingConfirmed: '所选费用已支付，正在向医院确认',
  previousOrderPending: '上一笔订单正在处理中，请稍后刷新再试',
  payUnavailable: '微信支付暂时无法下单，请稍后再试',
  orderPaid: '该订单已支付，正在向医院确认',
  notRefundable: '该订单当前状态不可退款',
} as const;

/** The cause recorded when a confirmed registration is handed back (退号). */
export const REFUND_CAUSE_RETURNED = '退号';
/** The cause recorded when a prepaid appointment is cancelled. */
export const REFUND_CAUSE_CANCELLED = '取消预约';
/** The cause recorded when a confirmation replayed after the hospital had already handed the booking back. */
export const REFUND_CAUSE_HANDED_BACK = '医院已取消，原路退回';

/** Hospital answers that mean "this charge cannot be taken": the money goes back. */
export const HOSPITAL_REFUSALS: ReadonlySet<string> = new Set(['RULE_VIOLATION', 'NOT_FOUND', 'CONFLICT', 'INVALID_INPUT']);

/** A hospital answer that says no (as opposed to no answer: the hospital may have done it). */
export function isHospitalRefusal(err: unknown): err is AppError {
  return err instanceof AppError && HOSPITAL_REFUSALS.has(err.code);
}

/** The label of a confirmed order whose hand-back (退号 / prepaid cancel) is under way. */
export const HAND_BACK_LABEL = '退号处理中';

export function confirmBackoff(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_CONFIRM_BACKOFF_MS);
}
