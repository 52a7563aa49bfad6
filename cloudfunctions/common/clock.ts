/**
 * The business clock of the cloud functions: every hospital rule reads `now()` from here, so the
 * local cloud (and tests) can move time. Signatures and timeouts use the real system time instead.
 */
import { systemClock, type Clock } from '../../miniprogram/core/time';

let current: Clock = systemClock;

/** The business "now", epoch milliseconds. */
export function now(): number {
  return current();
}

/** The clock itself, to hand to code that takes a `Clock`. */
export const businessClock: Clock = () => current();

/** Replaces the business clock (the local cloud's `/sandbox/clock`, tests). */
export function setClock(clock: Clock): void {
  current = clock;
}

/** Back to the system clock. */
export function resetClock(): void {
  current = systemClock;
}
