/**
 * The event outbox (ARCHITECTURE §9): the hospital's events kept durably at the front machine with
 * our own sequence numbers, so the cloud's scheduler can pull them with a cursor whatever the
 * hospital's numbering. Filled by polling QueryEvents (every `pollMs`, and before each read so a
 * reader sees what the hospital has now); the hospital's sequence makes a repeated pull harmless.
 */
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { EventFields, HospitalEvent, HospitalEventKind } from '../../../typings/events';
import { AppError } from '../../../miniprogram/core/errors';
import type { EventFeed } from './feed';

/** Events asked of the hospital per QueryEvents. */
export const PULL_BATCH = 100;
/** QueryEvents calls per pull at most, so one pull never runs away. */
const MAX_ROUNDS = 20;

interface Row {
  seq: number;
  kind: string;
  patientId: string;
  occurredAt: string;
  fields: string;
}

export class Outbox {
  private readonly db: Database.Database;
  private pulling: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    path: string,
    private readonly feed: EventFeed,
    private readonly logger: Pick<Logger, 'warn' | 'error' | 'info'>,
    private readonly clock: () => number = Date.now,
  ) {
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS outbox (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        -- The hospital's sequence for its events; NULL for what the cloud publishes (refunds), kept once by event_key.
        hospital_seq INTEGER UNIQUE,
        event_key    TEXT UNIQUE,
        kind         TEXT NOT NULL,
        patient_id   TEXT NOT NULL,
        occurred_at  TEXT NOT NULL,
        fields       TEXT NOT NULL,
        received_at  INTEGER NOT NULL
      );
    `);
  }

  /** Asks the hospital for what it published since the last event kept; concurrent callers share one pull. */
  pull(): Promise<void> {
    this.pulling ??= this.pullRounds().finally(() => {
      this.pulling = undefined;
    });
    return this.pulling;
  }

  private async pullRounds(): Promise<void> {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO outbox (hospital_seq, kind, patient_id, occurred_at, fields, received_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const since = (this.db.prepare('SELECT COALESCE(MAX(hospital_seq), 0) FROM outbox').pluck().get() as number) ?? 0;
      const events = await this.feed.fetch(since, PULL_BATCH);
      const now = this.clock();
      this.db.transaction(() => {
        for (const e of events) insert.run(e.hospitalSeq, e.kind, e.patientId, e.occurredAt, JSON.stringify(e.fields), now);
      })();
      if (events.length < PULL_BATCH) return;
    }
  }

  /**
   * Events after our sequence `after`, oldest first, at most `limit`; pulls first. When the hospital
   * cannot be asked, answers what is kept (the next read catches up).
   */
  async list(after: number, limit: number): Promise<HospitalEvent[]> {
    try {
      await this.pull();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      this.logger.warn({ code: e.code }, 'outbox pull failed; answering the events kept');
    }
    const rows = this.db
      .prepare('SELECT seq, kind, patient_id AS patientId, occurred_at AS occurredAt, fields FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(after, limit) as Row[];
    return rows.map(toEvent);
  }

  /**
   * Keeps an event the cloud saw (退款到账: WeChat's refund callback reaches the cloud, not the hospital),
   * once by `key`; answers its sequence number (the first one's, when published again).
   */
  publish(event: { kind: HospitalEventKind; patientId: string; key: string; occurredAt: string; fields: EventFields }): number {
    this.db
      .prepare('INSERT OR IGNORE INTO outbox (event_key, kind, patient_id, occurred_at, fields, received_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(event.key, event.kind, event.patientId, event.occurredAt, JSON.stringify(event.fields), this.clock());
    return this.db.prepare('SELECT seq FROM outbox WHERE event_key = ?').pluck().get(event.key) as number;
  }

  /** The kept events with these sequence numbers (unknown ones left out). */
  get(seqs: readonly number[]): HospitalEvent[] {
    if (seqs.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT seq, kind, patient_id AS patientId, occurred_at AS occurredAt, fields FROM outbox WHERE seq IN (${seqs.map(() => '?').join(',')}) ORDER BY seq`)
      .all(...seqs) as Row[];
    return rows.map(toEvent);
  }

  /** Polls every `pollMs` (0: never; reads still pull). */
  start(pollMs: number): void {
    if (pollMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.pull().catch((e: unknown) => this.logger.warn({ err: e instanceof AppError ? e.code : String(e) }, 'outbox poll failed'));
    }, pollMs);
    this.timer.unref?.();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.pulling?.catch(() => undefined);
    this.db.close();
  }
}

function toEvent(r: Row): HospitalEvent {
  return { seq: r.seq, kind: r.kind as HospitalEventKind, patientId: r.patientId, occurredAt: r.occurredAt, fields: JSON.parse(r.fields) as EventFields };
}
