/**
 * Limits per caller at the front machine (the cloud sends an opaque caller id per account): a second
 * line behind the cloud's own counters, so a cloud bug or a stolen key cannot send codes without end.
 * Kept in memory per instance; several instances would keep them in the shared store.
 */
export class SlidingWindowLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Hits of `key` within the window. */
  count(key: string, nowMs: number): number {
    return (this.hits.get(key) ?? []).filter((t) => t > nowMs - this.windowMs).length;
  }

  /** Counts one hit, whatever the limit (something that already happened). */
  record(key: string, nowMs: number): void {
    this.hits.set(key, [...(this.hits.get(key) ?? []).filter((t) => t > nowMs - this.windowMs), nowMs]);
  }

  /** Counts one hit for `key` at `nowMs`, or answers when the next would be allowed (nothing counted). */
  take(key: string, nowMs: number): { ok: true } | { ok: false; retryAt: number } {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return { ok: false, retryAt: (recent[recent.length - this.max] as number) + this.windowMs };
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    // Drop keys gone quiet, so memory follows the active callers only.
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (v.every((t) => t <= nowMs - this.windowMs)) this.hits.delete(k);
    return { ok: true };
  }
}
