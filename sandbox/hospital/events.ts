/**
 * The hospital's events for patients (ARCHITECTURE §9): one function publishes them all, inside the
 * caller's transaction, so an event exists exactly when the change it tells of was committed.
 * QueryEvents reads them after a sequence number; the front machine keeps them in its outbox.
 */
import type { EventFields, HospitalEventKind } from '../../typings/events';
import { formatHospital } from '../../miniprogram/core/time';
import type { HospitalDb } from './db';

export interface PublishedEvent {
  kind: HospitalEventKind;
  patientId: string;
  fields: EventFields;
  /**
   * Makes publishing idempotent: an event whose key exists is not published again (a reminder, a
   * queue notice, a stopped session asked twice). Default: a new key every time.
   */
  key?: string;
}

export interface EventRow {
  seq: number;
  kind: HospitalEventKind;
  patientId: string;
  fields: EventFields;
  /** Shanghai wall time. */
  occurredAt: string;
}

/** Publishes one event at `nowMs`; answers its seq, or undefined when its key was published before. */
export function publishEvent(db: HospitalDb, event: PublishedEvent, nowMs: number): number | undefined {
  const key = event.key ?? `${event.kind}:${event.patientId}:${nextEventNumber(db)}`;
  const run = db
    .prepare('INSERT OR IGNORE INTO events (event_key, kind, patient_id, fields, occurred_at) VALUES (?, ?, ?, ?, ?)')
    .run(key, event.kind, event.patientId, JSON.stringify(event.fields), formatHospital(nowMs));
  return run.changes === 1 ? Number(run.lastInsertRowid) : undefined;
}

function nextEventNumber(db: HospitalDb): number {
  db.prepare("INSERT INTO meta (key, value) VALUES ('event_seq', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1").run();
  return Number((db.prepare("SELECT value FROM meta WHERE key = 'event_seq'").get() as { value: string }).value);
}

/** Events after `afterSeq`, oldest first. */
export function eventsSince(db: HospitalDb, afterSeq: number, limit: number): EventRow[] {
  const rows = db
    .prepare('SELECT seq, kind, patient_id AS patientId, fields, occurred_at AS occurredAt FROM events WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(afterSeq, limit) as (Omit<EventRow, 'fields'> & { fields: string })[];
  return rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as EventFields }));
}

/** What a visit's session says in a message: department, doctor, when, where. */
export function sessionFields(s: { deptName: string; doctorName: string; clinicDate: string; beginTime: string; location: string }): EventFields {
  return { deptName: s.deptName, doctorName: s.doctorName, visitTime: `${s.clinicDate} ${s.beginTime}`, location: s.location };
}
