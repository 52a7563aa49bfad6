/**
 * Events the hospital's clock and staff produce (ARCHITECTURE §9): visit reminders the evening
 * before and the morning of, the 19:00 survey invitation of each visit, a doctor stopping a session
 * (its bookings cancelled and paid fees to be refunded), the pharmacy having a patient's medicine
 * ready. Like the rest of the sandbox, no timers: what the clock made due is published when asked.
 */
import { formatHospital, hospitalDate, hospitalInstant } from '../../miniprogram/core/time';
import { AppointmentStatus, findAppointment, findRegistration, RegistrationStatus, TAKE_NUMBER_OPENS_AT, type AppointmentRow, type RegistrationRow } from './booking';
import type { HospitalDb } from './db';
import { publishEvent, sessionFields } from './events';
import { findPatient } from './patients';

/** 就诊提醒 the evening before a visit, from this wall time. */
export const EVE_REMINDER_AT = '18:00';
/** 就诊提醒 on the visit day, when 取号 opens. */
export const MORNING_REMINDER_AT = TAKE_NUMBER_OPENS_AT;
/** 满意度评价 on the visit day. */
export const SURVEY_AT = '19:00';
/** Where the sandbox's pharmacy hands out medicine unless told otherwise. */
export const DEFAULT_PHARMACY_WINDOW = '门诊药房1号窗口';

const HOUR_MS = 3_600_000;

function dateAfter(date: string, days: number): string {
  return hospitalDate(hospitalInstant(`${date} 12:00:00`) + days * 24 * HOUR_MS);
}

/** Publishes what the clock made due (reminders, survey invitations); each is keyed, so once. Runs in the caller's transaction. */
export function settleEvents(db: HospitalDb, nowMs: number): void {
  const today = hospitalDate(nowMs);
  const time = formatHospital(nowMs, 'HH:mm');
  const remind = (a: AppointmentRow, moment: 'eve' | 'morning') =>
    publishEvent(
      db,
      {
        kind: 'visit.reminder',
        patientId: a.patientId,
        key: `visit.reminder:${a.appointmentNo}:${moment}`,
        fields: { ...sessionFields(a), appointmentId: a.appointmentNo, takeNumberFrom: TAKE_NUMBER_OPENS_AT, moment },
      },
      nowMs,
    );
  const booked = (date: string) =>
    (db.prepare('SELECT appointment_no FROM appointments WHERE status = ? AND schedule_code IN (SELECT code FROM schedules WHERE clinic_date = ?)').pluck().all(AppointmentStatus.BOOKED, date) as string[]).map(
      (no) => findAppointment(db, no) as AppointmentRow,
    );
  if (time >= EVE_REMINDER_AT) for (const a of booked(dateAfter(today, 1))) remind(a, 'eve');
  if (time >= MORNING_REMINDER_AT) for (const a of booked(today).filter((x) => x.registrationNo === null && `${x.clinicDate} ${x.beginTime}` > `${today} ${time}`)) remind(a, 'morning');
  if (time >= SURVEY_AT) {
    const visits = db
      .prepare(
        `SELECT v.visit_no AS visitNo, v.patient_id AS patientId, d.name AS doctorName, p.name AS deptName, s.survey_no AS surveyId
           FROM visits v JOIN doctors d ON d.code = v.doctor_code JOIN departments p ON p.code = v.dept_code
           JOIN surveys s ON s.visit_no = v.visit_no AND s.answered_at IS NULL WHERE v.visit_date = ?`,
      )
      .all(today) as { visitNo: string; patientId: string; doctorName: string; deptName: string; surveyId: string }[];
    for (const v of visits) {
      publishEvent(db, { kind: 'survey.invite', patientId: v.patientId, key: `survey.invite:${v.visitNo}`, fields: { visitId: v.visitNo, surveyId: v.surveyId, deptName: v.deptName, doctorName: v.doctorName, visitTime: `${today} ${SURVEY_AT}` } }, nowMs);
    }
  }
}

export type StopOutcome = { ok: true; scheduleId: string; cancelledAppointments: string[]; refundedRegistrations: string[] } | { ok: false; reason: 'not_found' | 'past' };

/**
 * A doctor stops a session (停诊): it takes no more bookings; its live appointments are cancelled and
 * its paid registrations refunded at the hospital, each patient told with 停诊通知 carrying the order
 * to refund (`outTradeNo`, `amount`). Asked again, the same answer and no second notice.
 */
export function stopSession(db: HospitalDb, scheduleCode: string, nowMs: number): StopOutcome {
  return db
    .transaction((): StopOutcome => {
      const s = db.prepare('SELECT clinic_date AS clinicDate, end_time AS endTime FROM schedules WHERE code = ?').get(scheduleCode) as { clinicDate: string; endTime: string } | undefined;
      if (s === undefined) return { ok: false, reason: 'not_found' };
      if (hospitalInstant(`${s.clinicDate} ${s.endTime}:00`) <= nowMs) return { ok: false, reason: 'past' };
      db.prepare('UPDATE schedules SET status = 1 WHERE code = ?').run(scheduleCode);
      const at = formatHospital(nowMs);
      const stopped = (patientId: string, id: string, fields: Record<string, string>) =>
        publishEvent(db, { kind: 'session.stopped', patientId, key: `session.stopped:${id}`, fields: { reason: '医生停诊', ...fields } }, nowMs);

      const registrations = (db.prepare('SELECT registration_no FROM registrations WHERE schedule_code = ? AND status = ?').pluck().all(scheduleCode, RegistrationStatus.PAID) as string[]).map(
        (no) => findRegistration(db, no) as RegistrationRow,
      );
      for (const r of registrations) {
        db.prepare('UPDATE registrations SET status = ?, refunded_at = ? WHERE registration_no = ?').run(RegistrationStatus.REFUNDED, at, r.registrationNo);
        db.prepare("UPDATE slots SET state = 'free' WHERE id = ?").run(r.slotId);
        if (r.appointmentNo !== null) db.prepare('UPDATE appointments SET status = ? WHERE appointment_no = ?').run(AppointmentStatus.CANCELLED, r.appointmentNo);
        stopped(r.patientId, r.registrationNo, { ...sessionFields(r), registrationId: r.registrationNo, ...(r.appointmentNo ? { appointmentId: r.appointmentNo } : {}), outTradeNo: r.tradeNo, amount: String(r.registrationFee) });
      }
      const appointments = (
        db.prepare('SELECT appointment_no FROM appointments WHERE schedule_code = ? AND status IN (?, ?) AND registration_no IS NULL').pluck().all(scheduleCode, AppointmentStatus.HELD, AppointmentStatus.BOOKED) as string[]
      ).map((no) => findAppointment(db, no) as AppointmentRow);
      for (const a of appointments) {
        db.prepare('UPDATE appointments SET status = ?, expires_at = NULL, refunded_at = ? WHERE appointment_no = ?').run(AppointmentStatus.CANCELLED, a.tradeNo === null ? null : at, a.appointmentNo);
        db.prepare("UPDATE slots SET state = 'free' WHERE id = ? AND state IN ('held', 'booked')").run(a.slotId);
        stopped(a.patientId, a.appointmentNo, { ...sessionFields(a), appointmentId: a.appointmentNo, slotId: a.slotId, ...(a.tradeNo ? { outTradeNo: a.tradeNo } : {}), amount: String(a.paidFee ?? 0) });
      }
      return { ok: true, scheduleId: scheduleCode, cancelledAppointments: appointments.map((a) => a.appointmentNo), refundedRegistrations: registrations.map((r) => r.registrationNo) };
    })
    .immediate();
}

/** The pharmacy has the patient's medicine ready (取药提醒) at `window`; the visit is the patient's latest today, if any. */
export function medicineReady(db: HospitalDb, patientId: string, window: string, nowMs: number): { ok: true; seq: number } | { ok: false; reason: 'unknown_patient' } {
  return db
    .transaction((): { ok: true; seq: number } | { ok: false; reason: 'unknown_patient' } => {
      if (findPatient(db, patientId) === undefined) return { ok: false, reason: 'unknown_patient' };
      const visitNo = db.prepare('SELECT visit_no FROM visits WHERE patient_id = ? AND visit_date = ? ORDER BY seq DESC LIMIT 1').pluck().get(patientId, hospitalDate(nowMs)) as string | undefined;
      const seq = publishEvent(db, { kind: 'medicine.ready', patientId, fields: { window, ...(visitNo ? { visitId: visitNo } : {}) } }, nowMs) as number;
      return { ok: true, seq };
    })
    .immediate();
}
