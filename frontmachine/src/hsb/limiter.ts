/** A cap on concurrent calls: at most `max` run at once, the rest wait in FIFO order. */

/** A call waited longer than allowed for a free slot. */
export class QueueTimeoutError extends Error {
  constructor() {
    super('waited too long for a free HSB connection slot');
    this.name = 'QueueTimeoutError';
  }
}

interface Waiter {
  start: () => void;
  timer?: NodeJS.Timeout;
}

export class ConcurrencyLimit {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`concurrency must be a positive integer, got ${max}`);
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `task` when a slot is free; rejects with QueueTimeoutError after `maxWaitMs` in the queue. */
  async run<T>(task: () => Promise<T>, maxWaitMs?: number): Promise<T> {
    if (this.running >= this.max) await this.waitForSlot(maxWaitMs);
    else this.running += 1;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private waitForSlot(maxWaitMs: number | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { start: resolve };
      if (maxWaitMs !== undefined) {
        waiter.timer = setTimeout(() => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new QueueTimeoutError());
        }, maxWaitMs);
      }
      this.queue.push(waiter);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next === undefined) {
      this.running -= 1;
      return;
    }
    // The slot passes straight to the next waiter, so `running` never dips and overshoots.
    if (next.timer !== undefined) clearTimeout(next.timer);
    next.start();
  }
}
