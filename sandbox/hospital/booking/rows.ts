/** The booking tables as rows: slots, appointments, registrations, holds, and the queries that find them. */
import type { HospitalDate } from '../../../typings/hospital';
import type { HospitalDb } from '../db';
import { publishRegistrationRoom } from './events';
import { formatHospital } from '../../../miniprogram/core/time';
import { nextNumber } from '../billing';
import { AppointmentStatus, HoldState, RegistrationStatus, wallMinute } from './rules';

export interface SlotRow {
  slotId: string;
  scheduleCode: string;
  doctorCode: string;
  timeFlag: 1 | 2;
  seq: number;
  beginTime: string;
  endTime: string;
  state: 'free' | 'held' | 'booked';
  clinicDate: HospitalDate;
  scheduleStatus: 0 | 1;
  feeFen: number;
}

/** Everything an appointment or registration shows of its session. */
export interface SessionColumns {
  scheduleCode: string;
  slotId: string;
  doctorCode: string;
  doctorName: string;
  title: string;
  deptCode: string;
  deptName: string;
  clinicDate: HospitalDate;
  timeFlag: 1 | 2;
  beginTime: string;
  endTime: string;
  sessionBegin: string;
  feeFen: number;
  location: string;
  seq: number;
}

export interface AppointmentRow extends SessionColumns {
  appointmentNo: string;
  patientId: string;
  status: AppointmentStatus;
  registrationNo: string | null;
  slotStart: string;
  /** Epoch ms a held appointment lapses; null unless held. */
  expiresAt: number | null;
  lapsed: 0 | 1;
  /** The fee paid at booking: its TradeNo, receipt and amount; null otherwise. */
  tradeNo: string | null;
  receiptNo: string | null;
  paidFee: number | null;
}

export interface RegistrationRow extends SessionColumns {
  registrationNo: string;
  patientId: string;
  status: RegistrationStatus;
  source: 1 | 2;
  appointmentNo: string | null;
  tradeNo: string;
  receiptNo: string;
  registrationFee: number;
  queueNo: number;
  checkedInAt: string | null;
  calledAt: string | null;
}

export interface HoldRow {
  holdNo: string;
  patientId: string;
  slotId: string;
  expiresAt: number;
  state: 0 | 1 | 2;
}

export const SESSION_JOIN = `
    JOIN slots sl ON sl.id = x.slot_id
    JOIN schedules s ON s.code = sl.schedule_code
    JOIN doctors d ON d.code = s.doctor_code
    JOIN departments p ON p.code = s.dept_code`;
export const SESSION_COLUMNS = `
  s.code AS scheduleCode, sl.id AS slotId, d.code AS doctorCode, d.name AS doctorName, d.title, p.code AS deptCode,
  p.name AS deptName, s.clinic_date AS clinicDate, s.time_flag AS timeFlag, sl.begin_time AS beginTime,
  sl.end_time AS endTime, s.begin_time AS sessionBegin, s.fee_fen AS feeFen, p.location, sl.seq`;

export const SELECT_APPOINTMENT = `
  SELECT x.appointment_no AS appointmentNo, x.patient_id AS patientId, x.status, x.registration_no AS registrationNo,
         x.slot_start AS slotStart, x.expires_at AS expiresAt, x.lapsed, x.trade_no AS tradeNo, x.receipt_no AS receiptNo,
         x.paid_fee AS paidFee, ${SESSION_COLUMNS}
    FROM appointments x ${SESSION_JOIN}`;
export const SELECT_REGISTRATION = `
  SELECT x.registration_no AS registrationNo, x.patient_id AS patientId, x.status, x.source, x.appointment_no AS appointmentNo,
         x.trade_no AS tradeNo, x.receipt_no AS receiptNo, x.fee_fen AS registrationFee, x.queue_no AS queueNo,
         x.checked_in_at AS checkedInAt, x.called_at AS calledAt, ${SESSION_COLUMNS}
    FROM registrations x ${SESSION_JOIN}`;

export const SLOT_COLUMNS = `sl.id AS slotId, sl.schedule_code AS scheduleCode, s.doctor_code AS doctorCode, s.time_flag AS timeFlag, sl.seq,
  sl.begin_time AS beginTime, sl.end_time AS endTime, sl.state, s.clinic_date AS clinicDate, s.status AS scheduleStatus, s.fee_fen AS feeFen`;

export function findSlot(db: HospitalDb, slotId: string): SlotRow | undefined {
  return db
    .prepare(
      `SELECT ${SLOT_COLUMNS} FROM slots sl JOIN schedules s ON s.code = sl.schedule_code WHERE sl.id = ?`,
    )
    .get(slotId) as SlotRow | undefined;
}

export function scheduleSlots(db: HospitalDb, scheduleCode: string): SlotRow[] {
  return db
    .prepare(
      `SELECT ${SLOT_COLUMNS} FROM slots sl JOIN schedules s ON s.code = sl.schedule_code WHERE sl.schedule_code = ? ORDER BY sl.seq`,
    )
    .all(scheduleCode) as SlotRow[];
}

export function findAppointment(db: HospitalDb, appointmentNo: string): AppointmentRow | undefined {
  return db.prepare(`${SELECT_APPOINTMENT} WHERE x.appointment_no = ?`).get(appointmentNo) as AppointmentRow | undefined;
}

export function patientAppointments(db: HospitalDb, patientId: string): AppointmentRow[] {
  return db.prepare(`${SELECT_APPOINTMENT} WHERE x.patient_id = ? ORDER BY x.slot_start DESC, x.seq DESC`).all(patientId) as AppointmentRow[];
}

export function findRegistration(db: HospitalDb, registrationNo: string): RegistrationRow | undefined {
  return db.prepare(`${SELECT_REGISTRATION} WHERE x.registration_no = ?`).get(registrationNo) as RegistrationRow | undefined;
}

export function appointmentByTradeNo(db: HospitalDb, tradeNo: string): AppointmentRow | undefined {
  return db.prepare(`${SELECT_APPOINTMENT} WHERE x.trade_no = ?`).get(tradeNo) as AppointmentRow | undefined;
}

export function registrationByTradeNo(db: HospitalDb, tradeNo: string): RegistrationRow | undefined {
  return db.prepare(`${SELECT_REGISTRATION} WHERE x.trade_no = ?`).get(tradeNo) as RegistrationRow | undefined;
}

export function patientRegistrations(db: HospitalDb, patientId: string): RegistrationRow[] {
  return db
    .prepare(`${SELECT_REGISTRATION} WHERE x.patient_id = ? ORDER BY s.clinic_date DESC, sl.begin_time DESC, x.seq DESC`)
    .all(patientId) as RegistrationRow[];
}

export function findHold(db: HospitalDb, holdNo: string): HoldRow | undefined {
  return db
    .prepare('SELECT hold_no AS holdNo, patient_id AS patientId, slot_id AS slotId, expires_at AS expiresAt, state FROM holds WHERE hold_no = ?')
    .get(holdNo) as HoldRow | undefined;
}


/**
 * Applies what the clock made due: lapsed holds free their slots, appointments whose number was not
 * taken by their slot's start become no-shows and release their slots. Idempotent; run inside the
 * caller's transaction so nothing else sees the state in between.
 */
export function settle(db: HospitalDb, nowMs: number): void {
  const lapsed = db.prepare('SELECT hold_no AS holdNo, slot_id AS slotId FROM holds WHERE state = 0 AND expires_at <= ?').all(nowMs) as { holdNo: string; slotId: string }[];
  for (const hold of lapsed) {
    db.prepare('UPDATE holds SET state = ? WHERE hold_no = ?').run(HoldState.LAPSED, hold.holdNo);
    db.prepare("UPDATE slots SET state = 'free' WHERE id = ? AND state = 'held'").run(hold.slotId);
  }
  const unpaid = db
    .prepare('SELECT appointment_no AS appointmentNo, slot_id AS slotId FROM appointments WHERE status = ? AND expires_at <= ?')
    .all(AppointmentStatus.HELD, nowMs) as { appointmentNo: string; slotId: string }[];
  for (const a of unpaid) {
    db.prepare('UPDATE appointments SET status = ?, lapsed = 1, expires_at = NULL WHERE appointment_no = ?').run(AppointmentStatus.CANCELLED, a.appointmentNo);
    db.prepare("UPDATE slots SET state = 'free' WHERE id = ? AND state = 'held'").run(a.slotId);
  }
  const due = db
    .prepare('SELECT appointment_no AS appointmentNo, slot_id AS slotId FROM appointments WHERE status = ? AND registration_no IS NULL AND slot_start <= ?')
    .all(AppointmentStatus.BOOKED, wallMinute(nowMs)) as { appointmentNo: string; slotId: string }[];
  for (const a of due) {
    db.prepare('UPDATE appointments SET status = ? WHERE appointment_no = ?').run(AppointmentStatus.NO_SHOW, a.appointmentNo);
    db.prepare("UPDATE slots SET state = 'free' WHERE id = ? AND state = 'booked'").run(a.slotId);
  }
}

/** Settles due changes in a write transaction of its own (before a read). */
export function settleNow(db: HospitalDb, nowMs: number): void {
  db.transaction(() => settle(db, nowMs)).immediate();
}

export interface NewRegistration {
  patientId: string;
  slot: SlotRow;
  source: 1 | 2;
  appointmentNo: string | null;
  tradeNo: string;
  receiptNo: string;
  fee: number;
}

/** Writes a paid registration (its queue number is the slot's place) and links its appointment; answers its number. */
export function makeRegistration(db: HospitalDb, r: NewRegistration, nowMs: number): string {
  const registrationNo = `GH${10_000_000 + nextNumber(db, 'registration_seq')}`;
  db.prepare(
    `INSERT INTO registrations (registration_no, patient_id, slot_id, schedule_code, status, source, appointment_no, trade_no,
                                receipt_no, fee_fen, queue_no, created_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(registrationNo, r.patientId, r.slot.slotId, r.slot.scheduleCode, r.source, r.appointmentNo, r.tradeNo, r.receiptNo, r.fee, r.slot.seq, formatHospital(nowMs));
  if (r.appointmentNo !== null) db.prepare('UPDATE appointments SET registration_no = ? WHERE appointment_no = ?').run(registrationNo, r.appointmentNo);
  publishRegistrationRoom(db, registrationNo, nowMs);
  return registrationNo;
}

/** The hospital's record of an online payment (reconciliation reads it by pay time). */
export function recordPayment(
  db: HospitalDb,
  p: { tradeNo: string; transactionId: string; patientId: string; totalFee: number; payTime: string; receiptNo: string; bizType: 'REG' | 'TAKE' | 'APPT' },
): void {
  db.prepare('INSERT INTO payments (trade_no, transaction_id, patient_id, total_fee, pay_time, receipt_no, biz_type) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    p.tradeNo,
    p.transactionId,
    p.patientId,
    p.totalFee,
    p.payTime,
    p.receiptNo,
    p.bizType,
  );
}
