/** Holds while a same-day registration is paid (锁号), registrations (挂号) confirmed by payment, and 退号. */
import { formatHospital } from '../../../miniprogram/core/time';
import { newReceiptNo, nextNumber } from '../billing';
import type { HospitalDb } from '../db';
import { findPatient } from '../patients';
import { AppointmentStatus, HoldState, MESSAGES, refusal, RegistrationSource, RegistrationStatus, slotRefusal, slotStartInstant, takeNumberRefusal, type Refusal } from './rules';
import { findAppointment, findHold, findRegistration, findSlot, makeRegistration, recordPayment, registrationByTradeNo, settle, type HoldRow, type RegistrationRow, type SlotRow } from './rows';


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
