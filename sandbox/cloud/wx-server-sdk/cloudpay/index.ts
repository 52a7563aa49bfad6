/**
 * `cloud.cloudPay`: WeChat Pay as wx-server-sdk exposes it (the v2 merchant API in JSON, camelCase),
 * over the emulated database, with payment and refund callbacks to the function named in the order,
 * retried on WeChat's schedule until it answers `{errcode: 0}`. Sandbox switches reproduce the faults
 * a payment engine must survive (duplicate, late, out-of-order callbacks, paying after expiry).
 * What was followed, and where it differs: sandbox/cloud/README.md, section cloudPay.
 *
 * Parts, around the one `emulator` instance (emulator.ts): `types` (the contract), `wire` (envelopes,
 * signatures, parameter checks), `orders`, `refunds`, `bill`, `notifications` (paying and callbacks),
 * `scheduler`.
 */
import type { CloudPayPort } from '../../../../cloudfunctions/common/cloud-sdk';
import { downloadBill } from './bill';
import { emulator } from './emulator';
import { closeOrder, queryOrder, unifiedOrder } from './orders';
import { queryRefund, refund } from './refunds';
import { resolvingFailures } from './wire';
import type { CloudPayOptions, PaySwitches } from './types';

export * from './types';
export type { CallFailure } from './wire';
export { ManualScheduler, timerScheduler } from './scheduler';
export { payOrder, releaseHeld, resumeCloudPay, payRecord, type PayOutcome } from './notifications';
export { dailyBill } from './bill';

/** `cloud.cloudPay`, checked against the port the functions use: drift fails to compile. */
export const cloudPay = {
  unifiedOrder: resolvingFailures('unifiedOrder', unifiedOrder),
  queryOrder: resolvingFailures('queryOrder', queryOrder),
  closeOrder: resolvingFailures('closeOrder', closeOrder),
  refund: resolvingFailures('refund', refund),
  queryRefund: resolvingFailures('queryRefund', queryRefund),
  downloadBill: resolvingFailures('downloadBill', downloadBill),
} satisfies CloudPayPort;

/** Sets the clock, scheduler, callback invoker and retry scale; cancels what an earlier configuration scheduled. */
export function configureCloudPay(opts: CloudPayOptions = {}): void {
  emulator.configure(opts);
}

/** Cancels every scheduled callback and refund settlement (the host's close). Stored state stays. */
export function stopCloudPay(): void {
  emulator.stop();
}

/** Back to defaults with no switches (tests; the stored orders go with resetDatabase). */
export function resetCloudPay(): void {
  emulator.reset();
}

/** Sets switches for one order, or globally without `outTradeNo`; answers the effective switches. */
export function setPaySwitches(patch: Partial<PaySwitches>, outTradeNo?: string): PaySwitches {
  return emulator.setSwitches(patch, outTradeNo);
}

/** The switches in force for an order (or the global ones). */
export function paySwitches(outTradeNo?: string): PaySwitches {
  return emulator.switches(outTradeNo);
}
