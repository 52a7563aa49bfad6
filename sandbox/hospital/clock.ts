/**
 * The hospital's clock: starts at a given instant (or real time), keeps running from wherever it
 * is set, or stands still while frozen. Everything the hospital computes reads it.
 */
import type { HospitalDate } from '../../typings/hospital';
import type { Clock } from '../../miniprogram/core/time';
import { formatHospital, hospitalDate, hospitalInstant, isHospitalDate, systemClock } from '../../miniprogram/core/time';

/** What `GET /sandbox/clock` shows. */
export interface ClockSnapshot {
  /** The instant, ISO 8601 in UTC. */
  now: string;
  /** The hospital's date (Asia/Shanghai). */
  today: HospitalDate;
  /** The hospital's wall time, `YYYY-MM-DD HH:mm:ss`. */
  hospitalTime: string;
  frozen: boolean;
}

const WALL_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?)?$/;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads an instant: epoch ms (number or digits), an ISO string with a zone, or a zone-less
 * `YYYY-MM-DD[ HH:mm[:ss]]` taken as hospital wall time (never the process's TZ).
 */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (/^\d{1,15}$/.test(s)) return Number(s);
  if (ZONED_ISO.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const m = WALL_TIME.exec(s);
  if (!m || !isHospitalDate(m[1] ?? '')) return undefined;
  const wall = `${m[1]} ${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}`;
  const ms = hospitalInstant(wall);
  // A wall time that does not read back the same (25:00, 12:61) is not a time.
  return formatHospital(ms) === wall ? ms : undefined;
}

export class HospitalClock {
  /** Hospital instant at the last anchor. */
  private base: number;
  /** Real instant at the last anchor. */
  private anchor: number;
  private isFrozen = false;

  constructor(
    private readonly real: Clock = systemClock,
    initial?: number,
  ) {
    this.anchor = real();
    this.base = initial ?? this.anchor;
  }

  /** The hospital's current instant, epoch ms. */
  now(): number {
    return this.isFrozen ? this.base : this.base + (this.real() - this.anchor);
  }

  /** The hospital's date today. */
  today(): HospitalDate {
    return hospitalDate(this.now());
  }

  get frozen(): boolean {
    return this.isFrozen;
  }

  /** Moves to `ms`; `freeze` true stops the clock there, false lets it run, absent keeps the mode. */
  set(ms: number, freeze?: boolean): void {
    this.base = ms;
    this.anchor = this.real();
    if (freeze !== undefined) this.isFrozen = freeze;
  }

  /** Moves forward (or back, if negative) by `ms`, keeping the mode. */
  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  freeze(): void {
    this.set(this.now(), true);
  }

  resume(): void {
    this.set(this.now(), false);
  }

  snapshot(): ClockSnapshot {
    const now = this.now();
    return { now: new Date(now).toISOString(), today: hospitalDate(now), hospitalTime: formatHospital(now), frozen: this.isFrozen };
  }
}
