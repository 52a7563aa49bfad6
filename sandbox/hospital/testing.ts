/** Helpers for tests that talk HSB to a hospital in-process: build the request, parse the answer. */
import type { HsbEnvelope, HsbServiceName, HsbServices } from '../../typings/hsb';
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import type { Hospital } from './hospital';
import { buildRequest, parseEnvelope } from './xml';

let sequence = 0;

/** Sends one request through `hospital.handle` and parses the answer (lists as arrays). */
export async function callHsb<S extends HsbServiceName>(
  hospital: Hospital,
  service: S,
  body: Partial<Record<keyof HsbServices[S]['request'], string>> | Record<string, string> = {},
  messageId = `test-${++sequence}`,
): Promise<HsbEnvelope<HsbServices[S]['response']>> {
  const xml = await hospital.handle(buildRequest(service, messageId, '2026-11-26 09:30:00', body));
  return parseEnvelope(xml) as HsbEnvelope<HsbServices[S]['response']>;
}

/** A valid ID number from its first 17 digits (region, birth date `YYYYMMDD`, sequence; odd = male). */
export function validIdCard(first17: string): string {
  return first17 + idCardCheckChar(first17);
}

/** The i-th of many distinct valid adult ID numbers (tests and benchmarks that need crowds). */
export function nthIdCard(i: number): string {
  const year = 1960 + (Math.floor(i / 336) % 40);
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0');
  const seq = String(100 + Math.floor(i / 13440)).padStart(3, '0');
  return validIdCard(`110105${year}${month}${day}${seq}`);
}

/** Registers the i-th test patient (测试<i>) and answers their PatientId. */
export async function patient(hospital: Hospital, i: number): Promise<string> {
  const env = await callHsb(hospital, 'RegisterPatient', { PatientName: `测试${i}`, IdCardNo: nthIdCard(i), Phone: '13812345678' });
  return (env.Body as { Patient: { PatientId: string } }).Patient.PatientId;
}

/** Free slots of open sessions on `date`, starting after `after` (HH:mm), grouped by session. */
export function freeSlots(hospital: Hospital, date: string, after = '00:00', minPerSession = 1): { scheduleCode: string; slots: { id: string; begin: string; seq: number }[] } {
  const rows = hospital.db
    .prepare(
      `SELECT sl.schedule_code AS scheduleCode, sl.id, sl.begin_time AS begin, sl.seq FROM slots sl JOIN schedules s ON s.code = sl.schedule_code
        WHERE s.clinic_date = ? AND s.status = 0 AND sl.state = 'free' AND sl.begin_time > ? ORDER BY s.code, sl.seq`,
    )
    .all(date, after) as { scheduleCode: string; id: string; begin: string; seq: number }[];
  const bySession = new Map<string, { id: string; begin: string; seq: number }[]>();
  for (const r of rows) bySession.set(r.scheduleCode, [...(bySession.get(r.scheduleCode) ?? []), r]);
  for (const [scheduleCode, slots] of bySession) if (slots.length >= minPerSession) return { scheduleCode, slots };
  throw new Error(`no session with ${minPerSession} free slots on ${date}`);
}
