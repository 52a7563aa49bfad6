/** The numbers the hospital's operators watch on `GET /metrics` (signed like every call). */
import type { AuthRefusal } from '../../typings/frontmachine';

/** The data of `GET /metrics`. */
export interface HealthReport {
  status: 'ok';
  uptimeS: number;
  /** `errors` counts calls that left the hospital unreachable (timeouts included); business answers such as 1001 are not errors. */
  hsb: { calls: number; errors: number; timeouts: number; p50Ms: number; p99Ms: number };
  /** A caller joining an in-flight call counts as a hit: it spared the hospital a call. */
  cache: { hits: number; misses: number };
  refusals: Record<AuthRefusal, number>;
  /**
   * Booking and hold attempts at release time: accepted by the hospital, answered SOLD_OUT here
   * without a hospital call (the cache knew), or SOLD_OUT by the hospital (taken first).
   */
  bookings: { accepted: number; soldOutFast: number; soldOutHospital: number };
}

/** Latencies kept for percentiles: the most recent calls only, so memory stays flat. */
const LATENCY_WINDOW = 1024;

/** How an HSB call ended, for the counters. */
export type HsbOutcome = 'ok' | 'business' | 'error' | 'timeout';

export class Metrics {
  private readonly startedAt = performance.now();
  private hsbCalls = 0;
  private hsbErrors = 0;
  private hsbTimeouts = 0;
  private readonly latencies: number[] = [];
  private latencyCursor = 0;
  private cacheHits = 0;
  private cacheMisses = 0;
  private readonly refusals: Record<AuthRefusal, number> = { unsigned: 0, bad_signature: 0, stale_timestamp: 0, replayed_nonce: 0 };
  private readonly bookings = { accepted: 0, soldOutFast: 0, soldOutHospital: 0 };

  recordHsbCall(outcome: HsbOutcome, durationMs: number): void {
    this.hsbCalls += 1;
    if (outcome === 'error' || outcome === 'timeout') this.hsbErrors += 1;
    if (outcome === 'timeout') this.hsbTimeouts += 1;
    if (this.latencies.length < LATENCY_WINDOW) this.latencies.push(durationMs);
    else this.latencies[this.latencyCursor] = durationMs;
    this.latencyCursor = (this.latencyCursor + 1) % LATENCY_WINDOW;
  }

  recordCache(hit: boolean): void {
    if (hit) this.cacheHits += 1;
    else this.cacheMisses += 1;
  }

  recordBooking(outcome: keyof HealthReport['bookings']): void {
    this.bookings[outcome] += 1;
  }

  recordRefusal(reason: AuthRefusal): void {
    this.refusals[reason] += 1;
  }

  snapshot(): HealthReport {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      status: 'ok',
      uptimeS: Math.floor((performance.now() - this.startedAt) / 1000),
      hsb: { calls: this.hsbCalls, errors: this.hsbErrors, timeouts: this.hsbTimeouts, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) },
      cache: { hits: this.cacheHits, misses: this.cacheMisses },
      refusals: { ...this.refusals },
      bookings: { ...this.bookings },
    };
  }
}

/** Nearest-rank percentile of an ascending list, rounded to whole milliseconds; 0 when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return Math.round(sorted[rank - 1] ?? 0);
}
