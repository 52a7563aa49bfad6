/**
 * Booking on the hospital side (ARCHITECTURE §7): appointments (预约), holds while a same-day
 * registration is paid (锁号), registrations (挂号: same-day or an appointment's number taken), refunds
 * (退号) and the clinic queue (排队叫号). Every change of a slot runs in one `BEGIN IMMEDIATE`
 * transaction that first settles what the clock made due (lapsed holds, no-shows), so concurrent
 * bookings — even through two connections on one file — never oversell. No timers: time-driven
 * changes are computed from the hospital clock whenever a booking or a query comes by.
 */
import type { BookingRules, HospitalDate } from '../../typings/hospital';
import { formatHospital, hospitalDate, hospitalInstant } from '../../miniprogram/core/time';
import { newReceiptNo, nextNumber } from './billing';
import type { HospitalDb } from './db';
import { readMeta, writeMeta } from './db';
import { publishEvent, sessionFields, type PublishedEvent } from './events';
import { findPatient } from './patients';
import { PUBLISHED_DAYS } from './schedule-generator';

/** Appointment states as the HSB writes them; HELD: booked where the fee is paid at booking, unpaid yet. */
export const AppointmentStatus = { HELD: 0, BOOKED: 1, CHECKED_IN: 2, FULFILLED: 3, CANCELLED: 4, NO_SHOW: 5 } as const;
export type AppointmentStatus = (typeof AppointmentStatus)[keyof typeof AppointmentStatus];
/** Registration states: 1 paid, 2 refunded, 3 visited. */
export const RegistrationStatus = { PAID: 1, REFUNDED: 2, VISITED: 3 } as const;
export type RegistrationStatus = (typeof RegistrationStatus)[keyof typeof RegistrationStatus];
/** 1 same-day registration (当日挂号), 2 an appointment's number taken (取号). */
export const RegistrationSource = { SAME_DAY: 1, TAKE_NUMBER: 2 } as const;
const HoldState = { LIVE: 0, USED: 1, LAPSED: 2 } as const;

/**
 * The take-number window (取号): on the visit day from 07:00 (the hospital's morning opening) until
 * the slot's start time, exclusive. An appointment whose number was not taken by then is a no-show
 * and its slot is released.
 */
export const TAKE_NUMBER_OPENS_AT = '07:00';
/** Longest hold a same-day registration may ask for, in minutes. */
export const MAX_HOLD_MINUTES = 30;

/** The hospital's booking rules (kept in `meta`, exposed by GetHospitalInfo, enforced here). */
export type { BookingRules };

export const DEFAULT_BOOKING_RULES: BookingRules = { payAtBooking: false, maxActiveAppointments: 3, holdMinutes: 10 };

export function readBookingRules(db: HospitalDb): BookingRules {
  const number = (key: string, fallback: number) => {
    const v = readMeta(db, key);
    return v === undefined ? fallback : Number(v);
  };
  return {
    payAtBooking: (readMeta(db, 'rules.pay_at_booking') ?? (DEFAULT_BOOKING_RULES.payAtBooking ? '1' : '0')) === '1',
    maxActiveAppointments: number('rules.max_active_appointments', DEFAULT_BOOKING_RULES.maxActiveAppointments),
    holdMinutes: number('rules.hold_minutes', DEFAULT_BOOKING_RULES.holdMinutes),
  };
}

export function writeBookingRules(db: HospitalDb, rules: Partial<BookingRules>): BookingRules {
  if (rules.payAtBooking !== undefined) writeMeta(db, 'rules.pay_at_booking', rules.payAtBooking ? '1' : '0');
  if (rules.maxActiveAppointments !== undefined) writeMeta(db, 'rules.max_active_appointments', String(rules.maxActiveAppointments));
  if (rules.holdMinutes !== undefined) writeMeta(db, 'rules.hold_minutes', String(rules.holdMinutes));
  return readBookingRules(db);
}

export const MESSAGES = {
  slotTaken: '该时段已被预约，请选择其他时段',
  unknownPatient: '患者不存在',
  unknownSlot: '号源不存在',
  unknownSchedule: '排班不存在',
  unknownAppointment: '预约记录不存在',
  unknownHold: '锁号记录不存在',
  unknownRegistration: '挂号记录不存在',
  stopped: '该医生本时段已停诊，请选择其他医生或时段',
  pastSlot: '该时段已过，请选择其他时段',
  sameDayForBooking: '当日号源请使用“当日挂号”办理',
  outsideWindow: `仅可预约明日起${PUBLISHED_DAYS - 1}天内的号源`,
  holdNotToday: '当日挂号仅可选择今日号源',
  cancelOnVisitDay: '就诊当日不可在线取消预约，请到窗口办理',
  notCancellable: '该预约当前状态不可取消',
  notYours: '该记录不属于此就诊人',
  holdUsed: '该锁号已完成挂号',
  sameDoctorHalfDay: '同一医生同一时段只能预约一次',
  tooMany: (max: number) => `最多同时持有${max}个有效预约`,
  appointmentLost: '预约已超时未支付，号源已被他人预约，费用将原路退回',
  appointmentNotPayable: '该预约已取消或无需支付，费用将原路退回',
  notPrepaid: '该预约未预付挂号费，请缴费取号',
  prepaid: '该预约已在预约时缴费，取号无需再缴费',
  holdLost: '锁号已超时，号源已被他人挂走，费用将原路退回',
  feeMismatch: '支付金额与挂号费不符，费用将原路退回',
  takeNotToday: '仅可在就诊当日取号',
  takeTooEarly: `取号时间为就诊当日${TAKE_NUMBER_OPENS_AT}起至就诊时段开始前`,
  takeClosed: '已过取号时间，该预约已失效',
  takeNotBooked: '该预约当前状态不可取号',
  alreadyTaken: '该预约已取号',
  tradeNoUsed: '该商户订单号已用于其他缴费',
  tradeNoMismatch: '商户订单号与挂号记录不符',
  refundVisited: '已就诊，不能退号',
  refundCheckedIn: '已签到候诊，不能在线退号，请到窗口办理',
  refundStarted: '就诊时段已开始，不能在线退号，请到窗口办理',
  refunded: '该挂号已退号',
  noRegistrationToday: '今日没有待签到的挂号',
} as const;

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
interface SessionColumns {
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

const SESSION_JOIN = `
    JOIN slots sl ON sl.id = x.slot_id
    JOIN schedules s ON s.code = sl.schedule_code
    JOIN doctors d ON d.code = s.doctor_code
    JOIN departments p ON p.code = s.dept_code`;
const SESSION_COLUMNS = `
  s.code AS scheduleCode, sl.id AS slotId, d.code AS doctorCode, d.name AS doctorName, d.title, p.code AS deptCode,
  p.name AS deptName, s.clinic_date AS clinicDate, s.time_flag AS timeFlag, sl.begin_time AS beginTime,
  sl.end_time AS endTime, s.begin_time AS sessionBegin, s.fee_fen AS feeFen, p.location, sl.seq`;

const SELECT_APPOINTMENT = `
  SELECT x.appointment_no AS appointmentNo, x.patient_id AS patientId, x.status, x.registration_no AS registrationNo,
         x.slot_start AS slotStart, x.expires_at AS expiresAt, x.lapsed, x.trade_no AS tradeNo, x.receipt_no AS receiptNo,
         x.paid_fee AS paidFee, ${SESSION_COLUMNS}
    FROM appointments x ${SESSION_JOIN}`;
const SELECT_REGISTRATION = `
  SELECT x.registration_no AS registrationNo, x.patient_id AS patientId, x.status, x.source, x.appointment_no AS appointmentNo,
         x.trade_no AS tradeNo, x.receipt_no AS receiptNo, x.fee_fen AS registrationFee, x.queue_no AS queueNo,
         x.checked_in_at AS checkedInAt, x.called_at AS calledAt, ${SESSION_COLUMNS}
    FROM registrations x ${SESSION_JOIN}`;

const SLOT_COLUMNS = `sl.id AS slotId, sl.schedule_code AS scheduleCode, s.doctor_code AS doctorCode, s.time_flag AS timeFlag, sl.seq,
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

function appointmentByTradeNo(db: HospitalDb, tradeNo: string): AppointmentRow | undefined {
  return db.prepare(`${SELECT_APPOINTMENT} WHERE x.trade_no = ?`).get(tradeNo) as AppointmentRow | undefined;
}

function registrationByTradeNo(db: HospitalDb, tradeNo: string): RegistrationRow | undefined {
  return db.prepare(`${SELECT_REGISTRATION} WHERE x.trade_no = ?`).get(tradeNo) as RegistrationRow | undefined;
}

export function patientRegistrations(db: HospitalDb, patientId: string): RegistrationRow[] {
  return db
    .prepare(`${SELECT_REGISTRATION} WHERE x.patient_id = ? ORDER BY s.clinic_date DESC, sl.begin_time DESC, x.seq DESC`)
    .all(patientId) as RegistrationRow[];
}

function findHold(db: HospitalDb, holdNo: string): HoldRow | undefined {
  return db
    .prepare('SELECT hold_no AS holdNo, patient_id AS patientId, slot_id AS slotId, expires_at AS expiresAt, state FROM holds WHERE hold_no = ?')
    .get(holdNo) as HoldRow | undefined;
}

/** `YYYY-MM-DD HH:mm` of a slot's start, comparable as text with `wallMinute(now)`. */
function slotStartOf(clinicDate: string, beginTime: string): string {
  return `${clinicDate} ${beginTime}`;
}

function wallMinute(nowMs: number): string {
  return formatHospital(nowMs, 'YYYY-MM-DD HH:mm');
}

/** The instant a slot starts. */
export function slotStartInstant(clinicDate: string, beginTime: string): number {
  return hospitalInstant(`${clinicDate} ${beginTime}:00`);
}

/** The take-number window of a visit: [07:00 of the visit day, the slot's start). */
export function takeNumberWindow(clinicDate: string, beginTime: string): { opensAt: number; closesAt: number } {
  return { opensAt: hospitalInstant(`${clinicDate} ${TAKE_NUMBER_OPENS_AT}:00`), closesAt: slotStartInstant(clinicDate, beginTime) };
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

export type Refusal = { ok: false; code: '1001' | '2001' | '2002' | '2003'; message: string };
const refusal = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });

/** Whether the slot may still be booked or held at `nowMs`, and on which day rule. */
function slotRefusal(slot: SlotRow, nowMs: number, sameDay: boolean): Refusal | undefined {
  const today = hospitalDate(nowMs);
  if (slot.scheduleStatus === 1) return refusal('2001', MESSAGES.stopped);
  if (slot.clinicDate < today || slotStartInstant(slot.clinicDate, slot.beginTime) <= nowMs) return refusal('2001', MESSAGES.pastSlot);
  if (sameDay) {
    if (slot.clinicDate !== today) return refusal('2001', MESSAGES.holdNotToday);
  } else {
    if (slot.clinicDate === today) return refusal('2001', MESSAGES.sameDayForBooking);
    const last = hospitalDate(hospitalInstant(`${today} 12:00:00`) + (PUBLISHED_DAYS - 1) * 86_400_000);
    if (slot.clinicDate > last) return refusal('2001', MESSAGES.outsideWindow);
  }
  if (slot.state !== 'free') return refusal('2002', MESSAGES.slotTaken);
  return undefined;
}

// ---- appointments ---------------------------------------------------------------------------------

export type AppointmentOutcome = { ok: true; appointment: AppointmentRow } | Refusal;

/** The patient's live appointments (held, booked, checked-in) with the session each is in. */
function activeAppointments(db: HospitalDb, patientId: string): { doctorCode: string; clinicDate: string; timeFlag: number }[] {
  return db
    .prepare(
      `SELECT s.doctor_code AS doctorCode, s.clinic_date AS clinicDate, s.time_flag AS timeFlag
         FROM appointments a JOIN schedules s ON s.code = a.schedule_code WHERE a.patient_id = ? AND a.status IN (?, ?, ?)`,
    )
    .all(patientId, AppointmentStatus.HELD, AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN) as { doctorCode: string; clinicDate: string; timeFlag: number }[];
}

/**
 * Books a free slot (today+1 .. today+6) in one write transaction, the per-patient limits against
 * scalping checked under the same lock (one live appointment per doctor per half-day, at most the
 * hospital's cap live), so concurrent bookings by one patient cannot both pass. Where the fee is paid
 * at booking the appointment is held for the hospital's holdMinutes. The same patient booking the
 * same slot again answers the live appointment (a double submission books nothing twice).
 */
export function bookAppointment(db: HospitalDb, patientId: string, slotId: string, channel: string, nowMs: number): AppointmentOutcome {
  const book = db.transaction((): AppointmentOutcome => {
    settle(db, nowMs);
    if (findPatient(db, patientId) === undefined) return refusal('1001', MESSAGES.unknownPatient);
    const slot = findSlot(db, slotId);
    if (slot === undefined) return refusal('1001', MESSAGES.unknownSlot);
    const mine = db
      .prepare('SELECT appointment_no FROM appointments WHERE patient_id = ? AND slot_id = ? AND status IN (?, ?)')
      .pluck()
      .get(patientId, slotId, AppointmentStatus.HELD, AppointmentStatus.BOOKED) as string | undefined;
    if (mine !== undefined) return { ok: true, appointment: findAppointment(db, mine) as AppointmentRow };
    const refused = slotRefusal(slot, nowMs, false);
    if (refused) return refused;
    const rules = readBookingRules(db);
    const active = activeAppointments(db, patientId);
    if (active.some((a) => a.doctorCode === slot.doctorCode && a.clinicDate === slot.clinicDate && a.timeFlag === slot.timeFlag)) {
      return refusal('2001', MESSAGES.sameDoctorHalfDay);
    }
    if (active.length >= rules.maxActiveAppointments) return refusal('2003', MESSAGES.tooMany(rules.maxActiveAppointments));
    const held = rules.payAtBooking;
    // The state check above ran under the write lock; the guarded update makes a miss impossible to ignore.
    if (db.prepare("UPDATE slots SET state = ? WHERE id = ? AND state = 'free'").run(held ? 'held' : 'booked', slotId).changes !== 1) {
      return refusal('2002', MESSAGES.slotTaken);
    }
    const appointmentNo = `YY${10_000_000 + nextNumber(db, 'appointment_seq')}`;
    // Whole seconds, so the hold lapses exactly at the ExpireTime the patient was shown.
    const expiresAt = held ? Math.floor((nowMs + rules.holdMinutes * 60_000) / 1000) * 1000 : null;
    db.prepare(
      `INSERT INTO appointments (appointment_no, patient_id, slot_id, schedule_code, slot_start, status, channel, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      appointmentNo,
      patientId,
      slotId,
      slot.scheduleCode,
      slotStartOf(slot.clinicDate, slot.beginTime),
      held ? AppointmentStatus.HELD : AppointmentStatus.BOOKED,
      channel,
      formatHospital(nowMs),
      expiresAt,
    );
    const booked = findAppointment(db, appointmentNo) as AppointmentRow;
    if (!held) publishEvent(db, appointmentBooked(booked), nowMs);
    return { ok: true, appointment: booked };
  });
  return book.immediate();
}

export type CancelOutcome = { ok: true; appointment: AppointmentRow; refundFee: number } | Refusal;

/**
 * Cancels a held or booked appointment before 00:00 of its visit day and frees the slot; the fee paid
 * at booking (if any) is answered for the caller to refund. Asking again answers the same.
 */
export function cancelAppointment(db: HospitalDb, appointmentNo: string, nowMs: number): CancelOutcome {
  const cancel = db.transaction((): CancelOutcome => {
    settle(db, nowMs);
    const a = findAppointment(db, appointmentNo);
    if (a === undefined) return refusal('1001', MESSAGES.unknownAppointment);
    if (a.status === AppointmentStatus.CANCELLED && a.lapsed === 0 && a.registrationNo === null) return { ok: true, appointment: a, refundFee: a.paidFee ?? 0 };
    const live = a.status === AppointmentStatus.HELD || a.status === AppointmentStatus.BOOKED;
    if (!live || a.registrationNo !== null) return refusal('2001', a.registrationNo !== null ? MESSAGES.alreadyTaken : MESSAGES.notCancellable);
    // The deadline is 00:00 of the visit day in Shanghai: from then on the visit day has come.
    if (hospitalDate(nowMs) >= a.clinicDate) return refusal('2001', MESSAGES.cancelOnVisitDay);
    db.prepare('UPDATE appointments SET status = ?, expires_at = NULL, refunded_at = ? WHERE appointment_no = ?').run(
      AppointmentStatus.CANCELLED,
      a.tradeNo === null ? null : formatHospital(nowMs),
      appointmentNo,
    );
    db.prepare("UPDATE slots SET state = 'free' WHERE id = ? AND state IN ('held', 'booked')").run(a.slotId);
    return { ok: true, appointment: findAppointment(db, appointmentNo) as AppointmentRow, refundFee: a.paidFee ?? 0 };
  });
  return cancel.immediate();
}

export interface AppointmentPayment {
  patientId: string;
  appointmentNo: string;
  totalFee: number;
  tradeNo: string;
  transactionId: string;
  /** Shanghai wall time. */
  payTime: string;
}

export type AppointmentPaidOutcome = { ok: true; appointment: AppointmentRow; receiptNo: string } | Refusal;

/**
 * Records the fee of a held appointment (held → booked) in one write transaction, idempotent by
 * TradeNo. A hold that lapsed is honoured while its slot stayed free (the payment was only late); a
 * slot taken meanwhile, a cancelled appointment or a wrong fee is refused (2001) and the caller refunds.
 */
export function confirmAppointment(db: HospitalDb, c: AppointmentPayment, nowMs: number): AppointmentPaidOutcome {
  const confirm = db.transaction((): AppointmentPaidOutcome => {
    const earlier = appointmentByTradeNo(db, c.tradeNo);
    if (earlier !== undefined) return { ok: true, appointment: earlier, receiptNo: earlier.receiptNo as string };
    if (db.prepare('SELECT 1 FROM payments WHERE trade_no = ?').get(c.tradeNo) !== undefined) return refusal('2001', MESSAGES.tradeNoUsed);
    settle(db, nowMs);
    const a = findAppointment(db, c.appointmentNo);
    if (a === undefined) return refusal('1001', MESSAGES.unknownAppointment);
    if (a.patientId !== c.patientId) return refusal('2001', MESSAGES.notYours);
    if (a.status === AppointmentStatus.CANCELLED && a.lapsed === 1) {
      // A late payment keeps the slot only if nobody took it meanwhile (and it has not started).
      const slot = findSlot(db, a.slotId) as SlotRow;
      if (slot.state !== 'free' || slotStartInstant(slot.clinicDate, slot.beginTime) <= nowMs) return refusal('2001', MESSAGES.appointmentLost);
    } else if (a.status !== AppointmentStatus.HELD) {
      return refusal('2001', MESSAGES.appointmentNotPayable);
    }
    if (c.totalFee !== a.feeFen) return refusal('2001', MESSAGES.feeMismatch);
    const receiptNo = newReceiptNo(db, c.payTime);
    db.prepare("UPDATE slots SET state = 'booked' WHERE id = ?").run(a.slotId);
    db.prepare('UPDATE appointments SET status = ?, lapsed = 0, expires_at = NULL, trade_no = ?, receipt_no = ?, paid_fee = ? WHERE appointment_no = ?').run(
      AppointmentStatus.BOOKED,
      c.tradeNo,
      receiptNo,
      c.totalFee,
      a.appointmentNo,
    );
    recordPayment(db, { ...c, receiptNo, bizType: 'APPT' });
    const booked = findAppointment(db, a.appointmentNo) as AppointmentRow;
    publishEvent(db, appointmentBooked(booked), nowMs);
    return { ok: true, appointment: booked, receiptNo };
  });
  return confirm.immediate();
}

/** Why the number of appointment `a` cannot be taken at `nowMs` (the window rules), or undefined. */
function takeNumberRefusal(a: AppointmentRow, patientId: string, nowMs: number): Refusal | undefined {
  if (a.patientId !== patientId) return refusal('2001', MESSAGES.notYours);
  if (a.registrationNo !== null) return refusal('2001', MESSAGES.alreadyTaken);
  if (a.status === AppointmentStatus.NO_SHOW) return refusal('2001', MESSAGES.takeClosed);
  if (a.status !== AppointmentStatus.BOOKED) return refusal('2001', MESSAGES.takeNotBooked);
  if (hospitalDate(nowMs) !== a.clinicDate) return refusal('2001', MESSAGES.takeNotToday);
  if (nowMs < takeNumberWindow(a.clinicDate, a.beginTime).opensAt) return refusal('2001', MESSAGES.takeTooEarly);
  return undefined;
}

export type TakeNumberOutcome = { ok: true; registration: RegistrationRow } | Refusal;

/** 取号 of an appointment paid at booking: the registration carries the booking's payment; asked again, the same registration. */
export function takePrepaidNumber(db: HospitalDb, patientId: string, appointmentNo: string, nowMs: number): TakeNumberOutcome {
  const take = db.transaction((): TakeNumberOutcome => {
    settle(db, nowMs);
    if (findPatient(db, patientId) === undefined) return refusal('1001', MESSAGES.unknownPatient);
    const a = findAppointment(db, appointmentNo);
    if (a === undefined) return refusal('1001', MESSAGES.unknownAppointment);
    if (a.patientId === patientId && a.registrationNo !== null && a.tradeNo !== null) {
      return { ok: true, registration: findRegistration(db, a.registrationNo) as RegistrationRow };
    }
    const refused = takeNumberRefusal(a, patientId, nowMs);
    if (refused) return refused;
    if (a.tradeNo === null || a.receiptNo === null || a.paidFee === null) return refusal('2001', MESSAGES.notPrepaid);
    const slot = findSlot(db, a.slotId) as SlotRow;
    const registrationNo = makeRegistration(db, { patientId, slot, source: RegistrationSource.TAKE_NUMBER, appointmentNo, tradeNo: a.tradeNo, receiptNo: a.receiptNo, fee: a.paidFee }, nowMs);
    return { ok: true, registration: findRegistration(db, registrationNo) as RegistrationRow };
  });
  return take.immediate();
}

// ---- holds ----------------------------------------------------------------------------------------

export type HoldOutcome = { ok: true; hold: HoldRow } | Refusal;

/** Holds one of today's free slots for `minutes` while the patient pays; the same patient again gets the live hold. */
export function holdSlot(db: HospitalDb, patientId: string, slotId: string, minutes: number, nowMs: number): HoldOutcome {
  const hold = db.transaction((): HoldOutcome => {
    settle(db, nowMs);
    if (findPatient(db, patientId) === undefined) return refusal('1001', MESSAGES.unknownPatient);
    const slot = findSlot(db, slotId);
    if (slot === undefined) return refusal('1001', MESSAGES.unknownSlot);
    const live = db.prepare('SELECT hold_no FROM holds WHERE slot_id = ? AND patient_id = ? AND state = 0').pluck().get(slotId, patientId) as string | undefined;
    if (live !== undefined) return { ok: true, hold: findHold(db, live) as HoldRow };
    const refused = slotRefusal(slot, nowMs, true);
    if (refused) return refused;
    if (db.prepare("UPDATE slots SET state = 'held' WHERE id = ? AND state = 'free'").run(slotId).changes !== 1) return refusal('2002', MESSAGES.slotTaken);
    const holdNo = `SD${10_000_000 + nextNumber(db, 'hold_seq')}`;
    // Whole seconds, so the hold lapses exactly at the ExpireTime the patient was shown.
    const expiresAt = Math.floor((nowMs + minutes * 60_000) / 1000) * 1000;
    db.prepare('INSERT INTO holds (hold_no, patient_id, slot_id, expires_at, state) VALUES (?, ?, ?, ?, 0)').run(holdNo, patientId, slotId, expiresAt);
    return { ok: true, hold: findHold(db, holdNo) as HoldRow };
  });
  return hold.immediate();
}

// ---- registrations --------------------------------------------------------------------------------

export interface RegistrationPayment {
  patientId: string;
  holdNo?: string;
  appointmentNo?: string;
  totalFee: number;
  tradeNo: string;
  transactionId: string;
  /** Shanghai wall time. */
  payTime: string;
}

export type RegistrationOutcome = { ok: true; registration: RegistrationRow; receiptNo: string } | Refusal;

/**
 * Records a registration fee and makes the registration in one write transaction, idempotent by
 * TradeNo. A hold that lapsed is still honoured while its slot stayed free (the payment was only
 * late); a slot taken meanwhile, a wrong fee or a closed take-number window is refused (2001) and the
 * caller refunds.
 */
export function confirmRegistration(db: HospitalDb, c: RegistrationPayment, nowMs: number): RegistrationOutcome {
  const confirm = db.transaction((): RegistrationOutcome => {
    const earlier = registrationByTradeNo(db, c.tradeNo);
    if (earlier !== undefined) return { ok: true, registration: earlier, receiptNo: earlier.receiptNo };
    if (db.prepare('SELECT 1 FROM payments WHERE trade_no = ?').get(c.tradeNo) !== undefined) return refusal('2001', MESSAGES.tradeNoUsed);
    settle(db, nowMs);
    if (findPatient(db, c.patientId) === undefined) return refusal('1001', MESSAGES.unknownPatient);

    let slot: SlotRow;
    let source: 1 | 2;
    if (c.holdNo !== undefined) {
      const hold = findHold(db, c.holdNo);
      if (hold === undefined) return refusal('1001', MESSAGES.unknownHold);
      if (hold.patientId !== c.patientId) return refusal('2001', MESSAGES.notYours);
      if (hold.state === HoldState.USED) return refusal('2001', MESSAGES.holdUsed);
      slot = findSlot(db, hold.slotId) as SlotRow;
      if (hold.state === HoldState.LAPSED) {
        // A late payment keeps the slot only if nobody took it meanwhile (and it has not started).
        if (slot.state !== 'free' || slotStartInstant(slot.clinicDate, slot.beginTime) <= nowMs) return refusal('2001', MESSAGES.holdLost);
      }
      if (c.totalFee !== slot.feeFen) return refusal('2001', MESSAGES.feeMismatch);
      db.prepare("UPDATE slots SET state = 'booked' WHERE id = ?").run(slot.slotId);
      db.prepare('UPDATE holds SET state = ? WHERE hold_no = ?').run(HoldState.USED, hold.holdNo);
      source = RegistrationSource.SAME_DAY;
    } else {
      const a = findAppointment(db, c.appointmentNo ?? '');
      if (a === undefined) return refusal('1001', MESSAGES.unknownAppointment);
      const refused = takeNumberRefusal(a, c.patientId, nowMs);
      if (refused) return refused;
      // Paid at booking: a second charge for the same visit is refused (the caller refunds it).
      if (a.tradeNo !== null) return refusal('2001', MESSAGES.prepaid);
      if (c.totalFee !== a.feeFen) return refusal('2001', MESSAGES.feeMismatch);
      slot = findSlot(db, a.slotId) as SlotRow;
      source = RegistrationSource.TAKE_NUMBER;
    }

    const receiptNo = newReceiptNo(db, c.payTime);
    const registrationNo = makeRegistration(db, { patientId: c.patientId, slot, source, appointmentNo: c.appointmentNo ?? null, tradeNo: c.tradeNo, receiptNo, fee: c.totalFee }, nowMs);
    recordPayment(db, { ...c, receiptNo, bizType: source === RegistrationSource.SAME_DAY ? 'REG' : 'TAKE' });
    return { ok: true, registration: findRegistration(db, registrationNo) as RegistrationRow, receiptNo };
  });
  return confirm.immediate();
}

interface NewRegistration {
  patientId: string;
  slot: SlotRow;
  source: 1 | 2;
  appointmentNo: string | null;
  tradeNo: string;
  receiptNo: string;
  fee: number;
}

/** Writes a paid registration (its queue number is the slot's place) and links its appointment; answers its number. */
function makeRegistration(db: HospitalDb, r: NewRegistration, nowMs: number): string {
  const registrationNo = `GH${10_000_000 + nextNumber(db, 'registration_seq')}`;
  db.prepare(
    `INSERT INTO registrations (registration_no, patient_id, slot_id, schedule_code, status, source, appointment_no, trade_no,
                                receipt_no, fee_fen, queue_no, created_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(registrationNo, r.patientId, r.slot.slotId, r.slot.scheduleCode, r.source, r.appointmentNo, r.tradeNo, r.receiptNo, r.fee, r.slot.seq, formatHospital(nowMs));
  if (r.appointmentNo !== null) db.prepare('UPDATE appointments SET registration_no = ? WHERE appointment_no = ?').run(registrationNo, r.appointmentNo);
  const made = findRegistration(db, registrationNo) as RegistrationRow;
  publishEvent(db, { kind: 'registration.room', patientId: r.patientId, key: `registration.room:${registrationNo}`, fields: { ...sessionFields(made), registrationId: registrationNo, room: roomOf(db, made.doctorCode, made.deptName), queueNo: String(made.queueNo) } }, nowMs);
  return registrationNo;
}

/** The hospital's record of an online payment (reconciliation reads it by pay time). */
function recordPayment(
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

export type RefundOutcome = { ok: true; registration: RegistrationRow; refundFee: number } | Refusal;

/** 退号: before the session starts and before check-in; frees the slot. Asking again answers the same refund. */
export function refundRegistration(db: HospitalDb, registrationNo: string, tradeNo: string, nowMs: number): RefundOutcome {
  const refund = db.transaction((): RefundOutcome => {
    const r = findRegistration(db, registrationNo);
    if (r === undefined) return refusal('1001', MESSAGES.unknownRegistration);
    if (r.tradeNo !== tradeNo) return refusal('2001', MESSAGES.tradeNoMismatch);
    if (r.status === RegistrationStatus.REFUNDED) return { ok: true, registration: r, refundFee: r.registrationFee };
    if (r.status === RegistrationStatus.VISITED) return refusal('2001', MESSAGES.refundVisited);
    if (r.checkedInAt !== null) return refusal('2001', MESSAGES.refundCheckedIn);
    if (nowMs >= slotStartInstant(r.clinicDate, r.sessionBegin)) return refusal('2001', MESSAGES.refundStarted);
    db.prepare('UPDATE registrations SET status = ?, refunded_at = ? WHERE registration_no = ?').run(RegistrationStatus.REFUNDED, formatHospital(nowMs), registrationNo);
    db.prepare("UPDATE slots SET state = 'free' WHERE id = ?").run(r.slotId);
    if (r.appointmentNo !== null) db.prepare('UPDATE appointments SET status = ? WHERE appointment_no = ?').run(AppointmentStatus.CANCELLED, r.appointmentNo);
    return { ok: true, registration: findRegistration(db, registrationNo) as RegistrationRow, refundFee: r.registrationFee };
  });
  return refund.immediate();
}

// ---- the queue ------------------------------------------------------------------------------------

interface QueueRow {
  currentNo: number;
  clockCalls: number;
}

function queueOf(db: HospitalDb, scheduleCode: string): QueueRow {
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
function callNextIn(db: HospitalDb, scheduleCode: string, nowMs: number): CallResult {
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
function advanceQueue(db: HospitalDb, scheduleCode: string, nowMs: number): void {
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

// ---- push: events of booking and the queue ---------------------------------------------------------

/** 候诊提醒 goes to a waiting patient once this few (or fewer) are ahead. */
export const QUEUE_NEAR_AHEAD = 2;

/** 预约成功: a booked appointment, with when its number can be taken. */
function appointmentBooked(a: AppointmentRow): PublishedEvent {
  return {
    kind: 'appointment.booked',
    patientId: a.patientId,
    key: `appointment.booked:${a.appointmentNo}`,
    fields: { ...sessionFields(a), appointmentId: a.appointmentNo, takeNumberFrom: TAKE_NUMBER_OPENS_AT },
  };
}

/** Tells each waiting patient with at most QUEUE_NEAR_AHEAD ahead, once per registration. */
function publishQueueNear(db: HospitalDb, scheduleCode: string, nowMs: number): void {
  const waiting = db
    .prepare('SELECT registration_no FROM registrations WHERE schedule_code = ? AND status = 1 AND checked_in_at IS NOT NULL AND called_at IS NULL ORDER BY queue_no LIMIT ?')
    .pluck()
    .all(scheduleCode, QUEUE_NEAR_AHEAD + 1) as string[];
  waiting.forEach((registrationNo, ahead) => {
    const r = findRegistration(db, registrationNo) as RegistrationRow;
    publishEvent(
      db,
      {
        kind: 'queue.near',
        patientId: r.patientId,
        key: `queue.near:${registrationNo}`,
        fields: { ...sessionFields(r), registrationId: registrationNo, room: roomOf(db, r.doctorCode, r.deptName), queueNo: String(r.queueNo), ahead: String(ahead) },
      },
      nowMs,
    );
  });
}
