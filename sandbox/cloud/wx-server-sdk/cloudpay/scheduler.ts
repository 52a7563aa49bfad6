/** When WeChat's side does things later: real timers in the host, a manual clock in tests. */
import type { PayScheduler } from './types';

/** Real timers, unreferenced so they never keep a process alive on their own. */
export const timerScheduler: PayScheduler = {
  schedule(delayMs, task) {
    const t = setTimeout(() => void task(), Math.max(0, delayMs));
    t.unref?.();
    return () => clearTimeout(t);
  },
};

/** A scheduler tests drive by hand: nothing runs until `advance` or `runAll`. */
export class ManualScheduler implements PayScheduler {
  private now = 0;
  private seq = 0;
  private queue: { due: number; seq: number; task: () => Promise<void>; cancelled: boolean }[] = [];

  schedule(delayMs: number, task: () => Promise<void>): () => void {
    const entry = { due: this.now + Math.max(0, delayMs), seq: this.seq++, task, cancelled: false };
    this.queue.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Tasks waiting to run. */
  get pending(): number {
    return this.queue.filter((e) => !e.cancelled).length;
  }

  /** Moves time forward, running what falls due (and what those schedule), earliest first; same-time tasks run together. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      this.queue = this.queue.filter((e) => !e.cancelled);
      const due = this.queue.filter((e) => e.due <= target);
      if (due.length === 0) break;
      const at = Math.min(...due.map((e) => e.due));
      const batch = due.filter((e) => e.due === at);
      this.queue = this.queue.filter((e) => !batch.includes(e));
      this.now = at;
      await Promise.all(batch.map((e) => e.task()));
    }
    this.now = target;
  }

  /** Runs everything scheduled, however far ahead, up to `maxSteps` time steps. */
  async runAll(maxSteps = 1000): Promise<void> {
    for (let i = 0; i < maxSteps; i++) {
      const live = this.queue.filter((e) => !e.cancelled);
      if (live.length === 0) return;
      await this.advance(Math.max(0, Math.min(...live.map((e) => e.due)) - this.now));
    }
  }
}
