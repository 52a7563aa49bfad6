/**
 * The one cloudPay emulator instance: its configuration (clock, scheduler, callback invoker), the
 * sandbox switches, what it has scheduled, and its store (three collections of the emulated database,
 * so WeChat's side survives restarts) behind one lock.
 */
import type { QueryCondition } from '../command';
import { Database, MAX_LIMIT } from '../database';
import { timerScheduler } from './scheduler';
import type { CallbackInvoker, CloudPayOptions, PayScheduler, PaySwitches } from './types';

export const ORDERS = '_cloudpay_orders';
export const REFUNDS = '_cloudpay_refunds';
export const NOTIFICATIONS = '_cloudpay_notifications';

const NO_SWITCHES: PaySwitches = { duplicate: 0, late: false, outOfOrder: false, payAfterExpiry: false, refundEnd: 'SUCCESS' };

interface Config {
  clock: () => number;
  scheduler: PayScheduler;
  invoke?: CallbackInvoker;
  retryScale: number;
  refundSettleMs: number;
}

export class PayEmulator {
  config: Config = { clock: Date.now, scheduler: timerScheduler, retryScale: 1, refundSettleMs: 0 };
  /** Bumped by configure/stop so tasks of an earlier configuration do nothing. */
  generation = 0;
  readonly cancels = new Map<string, () => void>();
  readonly inFlight = new Set<string>();
  private globalSwitches: PaySwitches = { ...NO_SWITCHES };
  private readonly orderSwitches = new Map<string, Partial<PaySwitches>>();
  private lockTail: Promise<unknown> = Promise.resolve();

  /** Sets the clock, scheduler, callback invoker and retry scale; cancels what an earlier configuration scheduled. */
  configure(opts: CloudPayOptions = {}): void {
    this.stop();
    this.config = {
      clock: opts.clock ?? Date.now,
      scheduler: opts.scheduler ?? timerScheduler,
      retryScale: opts.retryScale ?? 1,
      refundSettleMs: opts.refundSettleMs ?? 0,
      ...(opts.invoke ? { invoke: opts.invoke } : {}),
    };
  }

  /** Cancels every scheduled callback and refund settlement (the host's close). Stored state stays. */
  stop(): void {
    this.generation++;
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
    this.inFlight.clear();
  }

  /** Back to defaults with no switches (tests; the stored orders go with resetDatabase). */
  reset(): void {
    this.configure();
    this.globalSwitches = { ...NO_SWITCHES };
    this.orderSwitches.clear();
  }

  now(): number {
    return this.config.clock();
  }

  /** Sets switches for one order, or globally without `outTradeNo`; answers the effective switches. */
  setSwitches(patch: Partial<PaySwitches>, outTradeNo?: string): PaySwitches {
    if (outTradeNo === undefined) this.globalSwitches = { ...this.globalSwitches, ...patch };
    else this.orderSwitches.set(outTradeNo, { ...this.orderSwitches.get(outTradeNo), ...patch });
    return this.switches(outTradeNo);
  }

  /** The switches in force for an order (or the global ones). */
  switches(outTradeNo?: string): PaySwitches {
    return outTradeNo === undefined ? { ...this.globalSwitches } : { ...this.globalSwitches, ...this.orderSwitches.get(outTradeNo) };
  }

  /** One WeChat at a time: every read-modify-write of the pay records runs under this lock. */
  locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lockTail.then(fn, fn);
    this.lockTail = run.catch(() => undefined);
    return run;
  }

  async read<T>(collection: string, id: string): Promise<T | undefined> {
    const { data } = await database().collection(collection).doc(id).get();
    return (data ?? undefined) as T | undefined;
  }

  async write<T extends { _id: string }>(collection: string, doc: T): Promise<void> {
    const { _id, ...data } = doc;
    await database().collection(collection).doc(_id).set({ data });
  }

  async readAll<T>(collection: string, condition: QueryCondition): Promise<T[]> {
    const out: T[] = [];
    for (let skip = 0; ; skip += MAX_LIMIT) {
      const { data } = await database().collection(collection).where(condition).skip(skip).limit(MAX_LIMIT).get();
      out.push(...(data as T[]));
      if (data.length < MAX_LIMIT) return out;
    }
  }

  /** Runs `task` after `delayMs` on the scheduler, once per key, unless the emulator is reconfigured meanwhile. */
  schedule(key: string, delayMs: number, task: () => Promise<void>): void {
    if (this.cancels.has(key)) return;
    const gen = this.generation;
    const cancel = this.config.scheduler.schedule(delayMs, async () => {
      if (gen !== this.generation) return;
      this.cancels.delete(key);
      try {
        await task();
      } catch (e) {
        // A storage failure inside WeChat's side is a bug of the emulation: say so, loudly.
        console.error(`[cloudPay] ${key} failed:`, e);
      }
    });
    this.cancels.set(key, cancel);
  }
}

function database(): Database {
  // WeChat's own records are not the functions' collections: they exist without set-up.
  return new Database({ throwOnNotFound: false });
}

/** The emulator: one instance per process, as there is one WeChat Pay. */
export const emulator = new PayEmulator();
