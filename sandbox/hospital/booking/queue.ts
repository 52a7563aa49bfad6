/** The clinic queue (排队叫号): check-in, calling the next patient, a patient's place, rooms. */
import { formatHospital, hospitalDate } from '../../../miniprogram/core/time';
import type { HospitalDb } from '../db';
import { publishQueueNear } from './events';
import { AppointmentStatus, MESSAGES, refusal, RegistrationStatus, slotStartInstant, type Refusal } from './rules';
import { findRegistration, patientRegistrations, type RegistrationRow } from './rows';


export interface QueueRow {
  currentNo: number;
  clockCalls: number;
}

export function queueOf(db: HospitalDb, scheduleCode: string): QueueRow {
  db.prepare('INSERT OR IGNORE INTO queues (schedule_code) VALUES (?)').run(scheduleCode);
  return db.prepare('SELECT current_no AS currentNo, clock_calls AS clockCalls FROM queues WHERE schedule_code = ?').get(scheduleCode) as QueueRow;
}

export interface CallResult {
  scheduleCode: string;
  currentNo: number;
  /** The registration called now; null when nobody checked in is waiting. */
  calledRegistrationNo: string | null;
}

/**
 * The doctor calls the next checked-in patient (smallest queue number not yet called); the patient
 * called before is done (visited, and their appointment fulfilled).
 */
export function callNextIn(db: HospitalDb, scheduleCode: string, nowMs: number): CallResult {
  queueOf(db, scheduleCode);
  const finished = db
    .prepare('SELECT registration_no AS registrationNo, appointment_no AS appointmentNo FROM registrations WHERE schedule_code = ? AND status = 1 AND called_at IS NOT NULL')
    .all(scheduleCode) as { registrationNo: string; appointmentNo: string | null }[];
  for (const f of finished) {
    db.prepare('UPDATE registrations SET status = ? WHERE registration_no = ?').run(RegistrationStatus.VISITED, f.registrationNo);
    if (f.appointmentNo !== null) db.prepare('UPDATE appointments SET status = ? WHERE appointment_no = ?').run(AppointmentStatus.FULFILLED, f.appointmentNo);
  }
  const next = db
    .prepare(
      `SELECT registration_no AS registrationNo, queue_no AS queueNo FROM registrations
        WHERE schedule_code = ? AND status = 1 AND checked_in_at IS NOT NULL AND called_at IS NULL ORDER BY queue_no LIMIT 1`,
    )
    .get(scheduleCode) as { registrationNo: string; queueNo: number } | undefined;
  if (next === undefined) return { scheduleCode, currentNo: queueOf(db, scheduleCode).currentNo, calledRegistrationNo: null };
  db.prepare('UPDATE registrations SET called_at = ? WHERE registration_no = ?').run(formatHospital(nowMs), next.registrationNo);
  db.prepare('UPDATE queues SET current_no = ? WHERE schedule_code = ?').run(next.queueNo, scheduleCode);
  publishQueueNear(db, scheduleCode, nowMs);
  return { scheduleCode, currentNo: next.queueNo, calledRegistrationNo: next.registrationNo };
}

/**
 * While a session runs the clock calls one number per slot length: the calls due since the session
 * began that were not made yet are made now (lazily, no timers).
 */
export function advanceQueue(db: HospitalDb, scheduleCode: string, nowMs: number): void {
  const s = db
    .prepare(
      `SELECT s.clinic_date AS clinicDate, s.begin_time AS beginTime, s.end_time AS endTime, d.slot_minutes AS slotMinutes
         FROM schedules s JOIN doctors d ON d.code = s.doctor_code WHERE s.code = ?`,
    )
    .get(scheduleCode) as { clinicDate: string; beginTime: string; endTime: string; slotMinutes: number } | undefined;
  if (s === undefined) return;
  const begin = slotStartInstant(s.clinicDate, s.beginTime);
  if (nowMs < begin) return;
  const end = slotStartInstant(s.clinicDate, s.endTime);
  const slotMs = s.slotMinutes * 60_000;
  const due = Math.floor((Math.min(nowMs, end) - begin) / slotMs) + 1;
  let { clockCalls } = queueOf(db, scheduleCode);
  while (clockCalls < due) {
    clockCalls += 1;
    callNextIn(db, scheduleCode, begin + (clockCalls - 1) * slotMs);
    db.prepare('UPDATE queues SET clock_calls = ? WHERE schedule_code = ?').run(clockCalls, scheduleCode);
  }
}

/** The doctor's "next" button (the sandbox control), after the clock's own calls. */
export function callNext(db: HospitalDb, scheduleCode: string, nowMs: number): CallResult | Refusal {
  return db
    .transaction((): CallResult | Refusal => {
      if (db.prepare('SELECT 1 FROM schedules WHERE code = ?').get(scheduleCode) === undefined) return refusal('1001', MESSAGES.unknownSchedule);
      advanceQueue(db, scheduleCode, nowMs);
      return callNextIn(db, scheduleCode, nowMs);
    })
    .immediate();
}

export type CheckInOutcome = { ok: true; registration: RegistrationRow } | Refusal;

/**
 * The kiosk scan: checks in a paid registration of today (by number, or the patient's earliest one
 * not yet checked in when `patientId` comes from a verified QR code).
 */
export function checkIn(db: HospitalDb, by: { registrationNo: string } | { patientId: string }, nowMs: number): CheckInOutcome {
  return db
    .transaction((): CheckInOutcome => {
      const today = hospitalDate(nowMs);
      let r: RegistrationRow | undefined;
      if ('registrationNo' in by) {
        r = findRegistration(db, by.registrationNo);
        if (r === undefined) return refusal('1001', MESSAGES.unknownRegistration);
      } else {
        r = patientRegistrations(db, by.patientId)
          .filter((x) => x.clinicDate === today && x.status === RegistrationStatus.PAID && x.checkedInAt === null)
          .sort((a, b) => a.beginTime.localeCompare(b.beginTime))[0];
        if (r === undefined) return refusal('1001', MESSAGES.noRegistrationToday);
      }
      if (r.status !== RegistrationStatus.PAID) return refusal('2001', r.status === RegistrationStatus.REFUNDED ? MESSAGES.refunded : MESSAGES.refundVisited);
      if (r.clinicDate !== today) return refusal('2001', '仅可在就诊当日签到');
      if (r.checkedInAt === null) {
        db.prepare('UPDATE registrations SET checked_in_at = ? WHERE registration_no = ?').run(formatHospital(nowMs), r.registrationNo);
        if (r.appointmentNo !== null) db.prepare('UPDATE appointments SET status = ? WHERE appointment_no = ?').run(AppointmentStatus.CHECKED_IN, r.appointmentNo);
      }
      return { ok: true, registration: findRegistration(db, r.registrationNo) as RegistrationRow };
    })
    .immediate();
}

/** A registration's place in its queue (0 not checked in, 1 waiting, 2 called, 3 done). */
export interface QueuePosition {
  registration: RegistrationRow;
  state: 0 | 1 | 2 | 3;
  currentNo: number;
  ahead: number;
  room: string;
}

export type QueueOutcome = { ok: true; queue: QueuePosition } | Refusal;

export function queuePosition(db: HospitalDb, registrationNo: string, nowMs: number): QueueOutcome {
  return db
    .transaction((): QueueOutcome => {
      const first = findRegistration(db, registrationNo);
      if (first === undefined) return refusal('1001', MESSAGES.unknownRegistration);
      if (first.status === RegistrationStatus.REFUNDED) return refusal('2001', MESSAGES.refunded);
      advanceQueue(db, first.scheduleCode, nowMs);
      const r = findRegistration(db, registrationNo) as RegistrationRow;
      const { currentNo } = queueOf(db, r.scheduleCode);
      let state: QueuePosition['state'];
      if (r.status === RegistrationStatus.VISITED) state = 3;
      else if (r.calledAt !== null) state = 2;
      else if (r.checkedInAt !== null) state = 1;
      else state = 0;
      const ahead =
        state === 1
          ? (db
              .prepare('SELECT COUNT(*) FROM registrations WHERE schedule_code = ? AND status = 1 AND checked_in_at IS NOT NULL AND called_at IS NULL AND queue_no < ?')
              .pluck()
              .get(r.scheduleCode, r.queueNo) as number)
          : 0;
      return { ok: true, queue: { registration: r, state, currentNo, ahead, room: roomOf(db, r.doctorCode, r.deptName) } };
    })
    .immediate();
}

/** `<dept>` + the doctor's rank in the department + 诊室, e.g. 呼吸科2诊室. */
export function roomOf(db: HospitalDb, doctorCode: string, deptName: string): string {
  const rank = db
    .prepare('SELECT COUNT(*) FROM doctors d2 JOIN doctors d ON d.code = ? WHERE d2.dept_code = d.dept_code AND d2.sort <= d.sort')
    .pluck()
    .get(doctorCode) as number;
  return `${deptName}${Math.max(1, rank)}诊室`;
}
