/** Appointments (预约): book, pay at booking, cancel, take the number of a prepaid one. */
import { formatHospital, hospitalDate } from '../../../miniprogram/core/time';
import { newReceiptNo, nextNumber } from '../billing';
import type { HospitalDb } from '../db';
import { publishAppointmentBooked } from './events';
import { findPatient } from '../patients';
import { AppointmentStatus, MESSAGES, refusal, RegistrationSource, slotRefusal, slotStartInstant, slotStartOf, takeNumberRefusal, readBookingRules, type Refusal } from './rules';
import { appointmentByTradeNo, findAppointment, findRegistration, findSlot, makeRegistration, recordPayment, settle, type AppointmentRow, type RegistrationRow, type SlotRow } from './rows';


export type AppointmentOutcome = { ok: true; appointment: AppointmentRow } | Refusal;

/** The patient's live appointments (held, booked, checked-in) with the session each is in. */
export function activeAppointments(db: HospitalDb, patientId: string): { doctorCode: string; clinicDate: string; timeFlag: number }[] {
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
    if (!held) publishAppointmentBooked(db, booked, nowMs);
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
    publishAppointmentBooked(db, booked, nowMs);
    return { ok: true, appointment: booked, receiptNo };
  });
  return confirm.immediate();
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
