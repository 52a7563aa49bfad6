/**
 * The sandbox hospital in-process: a seeded SQLite database, its clock, fault and call counters,
 * its check-in code key, and `handle(xml)` answering one HSB envelope through the service table.
 */
import type { HospitalDate } from '../../typings/hospital';
import { HsbResultCode } from '../../typings/hsb';
import type { Clock } from '../../miniprogram/core/time';
import { dateRange, formatHospital, systemClock } from '../../miniprogram/core/time';
import { HospitalClock, parseInstant } from './clock';
import type { HospitalDb } from './db';
import { openDatabase } from './db';
import { FaultBoard } from './faults';
import { DEV_QR_KEY, PatientQrCodes } from './qrcode';
import { hashKey, mulberry32 } from './random';
import { PUBLISHED_DAYS, ensureScheduleDates } from './schedule-generator';
import { ensureSeeded } from './seed';
import type { ServiceContext } from './services';
import { SERVICES, isServiceName } from './services';
import { CallStats } from './stats';
import { DEV_CODE_KEY, VerificationCodes } from './verification';
import type { RequestHeader } from './xml';
import { buildResponse, parseRequest } from './xml';

import { type BookingRules, writeBookingRules } from './booking';

export const DEFAULT_SEED = 20221;

export interface HospitalCoreOptions {
  /** Same seed → identical hospital. Default 20221. */
  seed?: number;
  /** SQLite file; default ':memory:'. A file seeded before keeps its data (and must have the same seed). */
  dbPath?: string;
  /** Initial hospital clock: epoch ms, ISO with zone, or Shanghai wall time. Default real time. */
  now?: number | string;
  /** The real time the hospital clock runs on; tests may inject one. */
  realClock?: Clock;
  /**
   * The key the hospital signs check-in codes with. Default: the environment's SANDBOX_QR_KEY,
   * else a public development key.
   */
  qrKey?: string;
  /** Told about exceptions inside a service (the HTTP server logs them). */
  onError?: (error: unknown, service: string) => void;
  /** Booking rules to set at start (kept in the database); unset ones keep their stored or default value. */
  bookingRules?: Partial<BookingRules>;
}

/** One answered envelope; `dropped` means a timeout fault held it until close and nobody should answer. */
export interface HsbAnswer {
  xml: string;
  dropped: boolean;
}

export interface Hospital {
  readonly seed: number;
  readonly db: HospitalDb;
  readonly clock: HospitalClock;
  readonly faults: FaultBoard;
  readonly stats: CallStats;
  /** Issues and verifies check-in codes (the kiosk's verification uses it too). */
  readonly qrCodes: PatientQrCodes;
  /** Verification codes and the SMS gateway (`/sandbox/sms` reads it). */
  readonly codes: VerificationCodes;
  /** The hospital's date today, per its clock. */
  today(): HospitalDate;
  /** The 7 dates the hospital publishes from today, their schedules generated if new. */
  publishedDates(): HospitalDate[];
  /** Answers one HSB envelope. */
  handle(xml: string): Promise<string>;
  /** Answers one HSB envelope, telling whether a timeout fault dropped it. */
  answer(xml: string): Promise<HsbAnswer>;
  /** Ends held requests and closes the database; later calls answer 9999. */
  close(): void;
  readonly closed: boolean;
}

const MESSAGES = {
  ok: '成功',
  busy: '系统繁忙',
  failed: '系统错误，请稍后重试',
  closed: '医院系统已关闭',
} as const;

export function createHospital(opts: HospitalCoreOptions = {}): Hospital {
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer 0..4294967295, got ${seed}`);
  const initial = opts.now === undefined ? undefined : parseInstant(opts.now);
  if (opts.now !== undefined && initial === undefined) throw new RangeError(`now is not an instant: ${String(opts.now)}`);

  const qrCodes = new PatientQrCodes(opts.qrKey ?? (process.env.SANDBOX_QR_KEY || DEV_QR_KEY));

  const db = openDatabase(opts.dbPath ?? ':memory:');
  try {
    ensureSeeded(db, seed);
    if (opts.bookingRules) writeBookingRules(db, opts.bookingRules);
  } catch (error) {
    db.close();
    throw error;
  }
  const clock = new HospitalClock(opts.realClock ?? systemClock, initial);
  const faults = new FaultBoard(mulberry32(hashKey(`${seed}|faults`)));
  const stats = new CallStats();
  const held = new Set<() => void>();
  let closed = false;
  let windowStart = '';

  function publishedDates(): HospitalDate[] {
    const today = clock.today();
    const dates = dateRange(today, PUBLISHED_DAYS);
    // Generation is idempotent; skipping it while the date stands still only saves queries.
    if (today !== windowStart) {
      ensureScheduleDates(db, seed, dates);
      windowStart = today;
    }
    return dates;
  }

  const codes = new VerificationCodes(db, process.env.SANDBOX_CODE_KEY || DEV_CODE_KEY);
  const context: ServiceContext = { db, now: () => clock.now(), today: () => clock.today(), publishedDates, qrCodes, codes };

  /** Waits `ms` (Infinity: until close); says whether close cut it short. */
  function hold(ms: number): Promise<'elapsed' | 'closed'> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const release = () => {
        clearTimeout(timer);
        held.delete(release);
        resolve('closed');
      };
      if (Number.isFinite(ms)) {
        timer = setTimeout(() => {
          held.delete(release);
          resolve('elapsed');
        }, ms);
      }
      held.add(release);
    });
  }

  const reply = (header: RequestHeader, code: HsbResultCode, message: string, body?: object): HsbAnswer => ({
    xml: buildResponse(header, formatHospital(clock.now()), code, message, body),
    dropped: false,
  });

  async function answer(xml: string): Promise<HsbAnswer> {
    const request = parseRequest(xml);
    if (closed) return reply(request.header, HsbResultCode.SYSTEM_ERROR, MESSAGES.closed);
    if (!request.ok) return reply(request.header, HsbResultCode.INVALID_PARAMETER, request.message);
    const { header } = request;
    stats.count(header.ServiceName);
    // A new day publishes its week before any service answers (a string compare when the day is the same).
    publishedDates();
    if (!isServiceName(header.ServiceName)) return reply(header, HsbResultCode.INVALID_PARAMETER, `不支持的服务：${header.ServiceName}`);
    const service = header.ServiceName;

    const fault = faults.draw(service);
    if (fault?.mode === 'error') return reply(header, HsbResultCode.SYSTEM_ERROR, MESSAGES.busy);
    if (fault?.mode === 'timeout') {
      await hold(Infinity);
      return { ...reply(header, HsbResultCode.SYSTEM_ERROR, MESSAGES.closed), dropped: true };
    }
    if (fault?.mode === 'slow' && (await hold(fault.delayMs)) === 'closed') {
      return reply(header, HsbResultCode.SYSTEM_ERROR, MESSAGES.closed);
    }

    try {
      const outcome = await SERVICES[service](request.body, context);
      if (outcome.code === '0') return reply(header, HsbResultCode.OK, MESSAGES.ok, outcome.body);
      return reply(header, outcome.code, outcome.message);
    } catch (error) {
      opts.onError?.(error, service);
      return reply(header, HsbResultCode.SYSTEM_ERROR, MESSAGES.failed);
    }
  }

  publishedDates();

  return {
    seed,
    db,
    clock,
    faults,
    stats,
    qrCodes,
    codes,
    today: () => clock.today(),
    publishedDates,
    answer,
    handle: async (xml) => (await answer(xml)).xml,
    close() {
      if (closed) return;
      closed = true;
      for (const release of [...held]) release();
      db.close();
    },
    get closed() {
      return closed;
    },
  };
}
