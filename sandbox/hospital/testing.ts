/** Helpers for tests that talk HSB to a hospital in-process: build the request, parse the answer. */
import type { HsbEnvelope, HsbServiceName, HsbServices } from '../../typings/hsb';
import { idCardCheckChar, parseIdCard } from '../../miniprogram/core/idcard';
import { findOrCreatePatient, idCardDocument } from './patients';
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

let callers = 0;

/** The code of the newest SMS the hospital delivered to `phone`, if any. */
export function latestCode(hospital: Hospital, phone: string): string | undefined {
  return /验证码为(\d{6})/.exec(hospital.codes.messages(phone)[0]?.text ?? '')?.[1];
}

/**
 * Binds as the app does: SendVerificationCode (BIND) → the code from the SMS that reached `Phone`
 * → RegisterPatient with it. A decoy (the record does not match) reaches no phone, so a wrong code
 * is sent and the hospital's refusal answered. Each call is a new caller unless one is given.
 */
export async function registerWithCode(
  hospital: Hospital,
  body: Record<string, string>,
  caller = `sandbox-test-${++callers}`,
): Promise<HsbEnvelope<HsbServices['RegisterPatient']['response']>> {
  const phone = (body.Phone ?? '').replace(/\D/g, '').slice(-11);
  const newest = () => JSON.stringify(hospital.codes.messages(phone)[0] ?? null);
  const before = newest();
  const sent = await callHsb(hospital, 'SendVerificationCode', { Purpose: 'BIND', Caller: caller, ...body });
  if (sent.Header.ResultCode !== '0') return sent as unknown as HsbEnvelope<HsbServices['RegisterPatient']['response']>;
  const delivered = newest() !== before;
  const code = delivered ? (latestCode(hospital, phone) as string) : '000000';
  const challenge = (sent.Body as HsbServices['SendVerificationCode']['response']).Challenge.ChallengeNo;
  return callHsb(hospital, 'RegisterPatient', { ...body, Caller: caller, ChallengeNo: challenge, VerifyCode: code });
}

/** Sends a binding's code and answers RegisterPatient's body with it (the code read from the SMS to `Phone`). */
export async function withCode(hospital: Hospital, body: Record<string, string>, caller: string): Promise<Record<string, string>> {
  const sent = await callHsb(hospital, 'SendVerificationCode', { Purpose: 'BIND', Caller: caller, ...body });
  return { ...body, Caller: caller, ChallengeNo: sent.Body.Challenge.ChallengeNo, VerifyCode: latestCode(hospital, body.Phone ?? '') ?? '000000' };
}

/**
 * The i-th test patient (测试<i>), registered at the hospital's window (no code: the person is there
 * with their card), for tests whose subject is not binding; answers their PatientId.
 */
export async function patient(hospital: Hospital, i: number): Promise<string> {
  const idCard = parseIdCard(nthIdCard(i), hospital.clock.now());
  if (!idCard.ok) throw new Error(`test patient ${i}: ${idCard.message}`);
  const registered = findOrCreatePatient(hospital.db, { name: `测试${i}`, doc: idCardDocument(idCard.value), phone: '13812345678' }, hospital.clock.now());
  if (!registered.ok) throw new Error(`test patient ${i}: ${registered.reason}`);
  return registered.patient.patientId;
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
