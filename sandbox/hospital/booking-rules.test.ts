/**
 * The hospital's own booking rules: per-patient limits checked under the booking lock (so racing
 * submissions of one patient cannot both pass), paying at booking (held → booked, lapse, late
 * payment, cancel with refund, 取号 without a second charge), QuerySlot, the rules control, and the
 * schema guard. Times are the hospital's, whatever the process TZ.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hospitalInstant } from '../../miniprogram/core/time';
import { MESSAGES, writeBookingRules } from './booking';
import { openDatabase } from './db';
import type { Hospital } from './hospital';
import { createHospital } from './hospital';
import type { RunningHospital } from './server';
import { startHospital } from './server';
import { callHsb, freeSlots, patient } from './testing';
import { buildRequest, parseEnvelope } from './xml';

type Body = Record<string, unknown>;
const TODAY = '2026-11-26';
const TOMORROW = '2026-11-27';
const at = (wall: string) => hospitalInstant(wall);
const code = (env: { Header: { ResultCode?: string } }) => env.Header.ResultCode;

/** The first free slot of `n` different sessions (different doctor or half-day) from tomorrow on. */
function slotsOfSessions(hospital: Hospital, n: number): string[] {
  const rows = hospital.db
    .prepare(
      `SELECT MIN(sl.id) AS id FROM slots sl JOIN schedules s ON s.code = sl.schedule_code
        WHERE s.clinic_date > ? AND s.status = 0 AND sl.state = 'free' GROUP BY s.code ORDER BY s.clinic_date, s.code LIMIT ?`,
    )
    .pluck()
    .all(TODAY, n) as string[];
  if (rows.length < n) throw new Error(`only ${rows.length} sessions with free slots`);
  return rows;
}

describe('booking rules at the sandbox hospital', () => {
  let hospital: Hospital;
  let alice: string;
  let bob: string;
  const book = (PatientId: string, SlotCode: string) => callHsb(hospital, 'BookAppointment', { PatientId, SlotCode, Channel: 'WECHAT' });
  const slotState = (id: string) => hospital.db.prepare('SELECT state FROM slots WHERE id = ?').pluck().get(id);
  const setClock = (wall: string) => hospital.clock.set(at(wall), true);

  beforeEach(async () => {
    hospital = createHospital({ now: `${TODAY} 09:30:00` });
    setClock(`${TODAY} 09:30:00`);
    alice = await patient(hospital, 1);
    bob = await patient(hospital, 2);
  });
  afterEach(() => hospital.close());

  test('one live appointment per doctor per half-day, and at most the hospital’s cap live', async () => {
    const { slots } = freeSlots(hospital, TOMORROW, '00:00', 2);
    expect(code(await book(alice, slots[0]!.id))).toBe('0');
    const same = await book(alice, slots[1]!.id);
    expect([code(same), same.Header.ResultMessage]).toEqual(['2001', MESSAGES.sameDoctorHalfDay]);
    expect(slotState(slots[1]!.id)).toBe('free');

    const others = slotsOfSessions(hospital, 7).filter((id) => id !== slots[0]!.id && id !== slots[1]!.id);
    const mine = (await book(alice, others[0]!)).Body.Appointment.AppointmentNo;
    expect(code(await book(alice, others[1]!))).toBe('0');
    const over = await book(alice, others[2]!);
    expect([code(over), over.Header.ResultMessage]).toEqual(['2003', MESSAGES.tooMany(3)]);
    // Another patient has limits of their own; a cancel makes room again.
    expect(code(await book(bob, others[2]!))).toBe('0');
    expect(code(await callHsb(hospital, 'CancelAppointment', { AppointmentNo: mine }))).toBe('0');
    expect(code(await book(alice, others[3]!))).toBe('0');

    writeBookingRules(hospital.db, { maxActiveAppointments: 1 });
    const capped = await book(bob, others[4]!);
    expect([code(capped), capped.Header.ResultMessage]).toEqual(['2003', MESSAGES.tooMany(1)]);
  });

  test('QuerySlot answers one slot with its session; unknown → 1001', async () => {
    const { scheduleCode, slots } = freeSlots(hospital, TOMORROW);
    const env = await callHsb(hospital, 'QuerySlot', { SlotCode: slots[0]!.id });
    expect(code(env)).toBe('0');
    expect(env.Body.Slots.Slot).toEqual([expect.objectContaining({ SlotCode: slots[0]!.id, ScheduleCode: scheduleCode, State: '0' })]);
    expect(env.Body.Schedule).toMatchObject({ ScheduleCode: scheduleCode, ClinicDate: TOMORROW });
    expect(code(await callHsb(hospital, 'QuerySlot', { SlotCode: 'NO-SUCH-SLOT' }))).toBe('1001');
  });

  describe('where the fee is paid at booking', () => {
    beforeEach(() => writeBookingRules(hospital.db, { payAtBooking: true }));
    const fee = (env: { Body: { Appointment: { RegFee: string } } }) => env.Body.Appointment.RegFee;
    const pay = (PatientId: string, AppointmentNo: string, TotalFee: string, TradeNo: string) =>
      callHsb(hospital, 'ConfirmAppointment', { PatientId, AppointmentNo, TotalFee, TradeNo, TransactionId: `42${TradeNo}`, PayTime: `${TODAY} 09:31:00`, PayChannel: 'WECHAT' });

    test('GetHospitalInfo says so; a booking is held until paid, then booked with the payment on record', async () => {
      expect((await callHsb(hospital, 'GetHospitalInfo')).Body.Hospital.BookingRules).toEqual({ PayAtBooking: '1', MaxActiveAppointments: '3', HoldMinutes: '10' });
      const { slots } = freeSlots(hospital, TOMORROW, '00:00', 2);
      const held = await book(alice, slots[0]!.id);
      expect(held.Body.Appointment).toMatchObject({ Status: '0', ExpireTime: `${TODAY} 09:40:00`, TradeNo: '' });
      expect(slotState(slots[0]!.id)).toBe('held');
      // Held counts as live for the limits: another slot of the same doctor's half-day is refused.
      expect((await book(alice, slots[1]!.id)).Header.ResultMessage).toBe(MESSAGES.sameDoctorHalfDay);
      // A double submission answers the same held appointment.
      expect((await book(alice, slots[0]!.id)).Body.Appointment.AppointmentNo).toBe(held.Body.Appointment.AppointmentNo);
      expect(code(await book(bob, slots[0]!.id))).toBe('2002');

      const no = held.Body.Appointment.AppointmentNo;
      expect(code(await pay(bob, no, fee(held), 'PAYBOB0001'))).toBe('2001');
      const wrongFee = await pay(alice, no, '0.01', 'PAYWRONG01');
      expect([code(wrongFee), wrongFee.Header.ResultMessage]).toEqual(['2001', MESSAGES.feeMismatch]);
      const paid = await pay(alice, no, fee(held), 'PAYALICE01');
      expect(code(paid)).toBe('0');
      expect(paid.Body.Appointment).toMatchObject({ Status: '1', ExpireTime: '', TradeNo: 'PAYALICE01' });
      expect(slotState(slots[0]!.id)).toBe('booked');
      // Idempotent by TradeNo; another payment for the same appointment is refused (the caller refunds).
      expect((await pay(alice, no, fee(held), 'PAYALICE01')).Body.ReceiptNo).toBe(paid.Body.ReceiptNo);
      expect(code(await pay(alice, no, fee(held), 'PAYALICE02'))).toBe('2001');
      const payments = (await callHsb(hospital, 'QueryPayments', { Date: TODAY })).Body.Payments.Payment;
      expect(payments.map((p) => p.TradeNo)).toEqual(['PAYALICE01']);
    });

    test('an unpaid hold lapses and frees the slot; a late payment is honoured only while the slot stayed free', async () => {
      const { slots } = freeSlots(hospital, TOMORROW, '00:00', 2);
      const a1 = await book(alice, slots[0]!.id);
      const b1 = await book(bob, slots[1]!.id);
      setClock(`${TODAY} 09:39:59`);
      expect(slotState(slots[0]!.id)).toBe('held');
      setClock(`${TODAY} 09:40:00`);
      const states = (await callHsb(hospital, 'QuerySlots', { ScheduleCode: freeSlots(hospital, TOMORROW, '00:00', 2).scheduleCode })).Body.Slots.Slot;
      expect(states.find((s) => s.SlotCode === slots[0]!.id)?.State).toBe('0');
      expect((await callHsb(hospital, 'QueryAppointments', { PatientId: alice })).Body.Appointments.Appointment[0]).toMatchObject({ Status: '4' });

      // Alice's payment lands late and her slot is still free: booked after all.
      expect((await pay(alice, a1.Body.Appointment.AppointmentNo, fee(a1), 'LATEALICE1')).Body.Appointment).toMatchObject({ Status: '1', TradeNo: 'LATEALICE1' });
      expect(slotState(slots[0]!.id)).toBe('booked');
      // Bob's slot went to someone else meanwhile: refused, the caller refunds.
      const carol = await patient(hospital, 3);
      expect(code(await book(carol, slots[1]!.id))).toBe('0');
      const lost = await pay(bob, b1.Body.Appointment.AppointmentNo, fee(b1), 'LATEBOB001');
      expect([code(lost), lost.Header.ResultMessage]).toEqual(['2001', MESSAGES.appointmentLost]);
    });

    test('cancel: a held one frees its slot with nothing to refund (a payment after it is refused); a paid one answers its fee', async () => {
      const { slots } = freeSlots(hospital, TOMORROW, '00:00', 1);
      const [other] = slotsOfSessions(hospital, 2).filter((id) => id !== slots[0]!.id);
      const held = await book(alice, slots[0]!.id);
      const cancelled = await callHsb(hospital, 'CancelAppointment', { AppointmentNo: held.Body.Appointment.AppointmentNo });
      expect([code(cancelled), cancelled.Body.Appointment.Status, cancelled.Body.RefundFee]).toEqual(['0', '4', '0.00']);
      expect(slotState(slots[0]!.id)).toBe('free');
      const after = await pay(alice, held.Body.Appointment.AppointmentNo, fee(held), 'AFTERCANCEL');
      expect([code(after), after.Header.ResultMessage]).toEqual(['2001', MESSAGES.appointmentNotPayable]);

      const booked = await book(alice, other!);
      await pay(alice, booked.Body.Appointment.AppointmentNo, fee(booked), 'PAIDCANCEL1');
      const refunded = await callHsb(hospital, 'CancelAppointment', { AppointmentNo: booked.Body.Appointment.AppointmentNo });
      expect([code(refunded), refunded.Body.Appointment.Status, refunded.Body.Appointment.TradeNo, refunded.Body.RefundFee]).toEqual(['0', '4', 'PAIDCANCEL1', fee(booked)]);
      // Asked again: the same answer, so a retried cancel can finish its refund.
      expect((await callHsb(hospital, 'CancelAppointment', { AppointmentNo: booked.Body.Appointment.AppointmentNo })).Body.RefundFee).toBe(fee(booked));
    });

    test('取号 of a prepaid appointment takes no second payment; the registration carries the booking’s payment', async () => {
      const { slots } = freeSlots(hospital, TOMORROW, '09:00', 1);
      const held = await book(alice, slots[0]!.id);
      const no = held.Body.Appointment.AppointmentNo;
      await pay(alice, no, fee(held), 'PREPAID001');

      setClock(`${TOMORROW} 06:59:59`);
      const early = await callHsb(hospital, 'TakeNumber', { PatientId: alice, AppointmentNo: no });
      expect([code(early), early.Header.ResultMessage]).toEqual(['2001', MESSAGES.takeTooEarly]);
      setClock(`${TOMORROW} 07:00:00`);
      expect(code(await callHsb(hospital, 'TakeNumber', { PatientId: bob, AppointmentNo: no }))).toBe('2001');
      // Charging again through ConfirmRegistration is refused (the caller refunds that payment).
      const twice = await callHsb(hospital, 'ConfirmRegistration', { PatientId: alice, AppointmentNo: no, TotalFee: fee(held), TradeNo: 'TWICE00001', TransactionId: '42TWICE', PayTime: `${TOMORROW} 07:00:00`, PayChannel: 'WECHAT' });
      expect([code(twice), twice.Header.ResultMessage]).toEqual(['2001', MESSAGES.prepaid]);

      const taken = await callHsb(hospital, 'TakeNumber', { PatientId: alice, AppointmentNo: no });
      expect(taken.Body.Registration).toMatchObject({ Source: '2', Status: '1', AppointmentNo: no, TradeNo: 'PREPAID001', RegFee: fee(held) });
      expect((await callHsb(hospital, 'TakeNumber', { PatientId: alice, AppointmentNo: no })).Body.Registration.RegistrationNo).toBe(taken.Body.Registration.RegistrationNo);
      // 退号 before the session: the booking's payment is what is refunded; the appointment ends cancelled.
      const refund = await callHsb(hospital, 'RefundRegistration', { RegistrationNo: taken.Body.Registration.RegistrationNo, TradeNo: 'PREPAID001' });
      expect([code(refund), refund.Body.RefundFee]).toEqual(['0', fee(held)]);
      expect((await callHsb(hospital, 'QueryAppointments', { PatientId: alice })).Body.Appointments.Appointment[0]).toMatchObject({ Status: '4' });
    });

    test('TakeNumber of an appointment that was not paid at booking is refused', async () => {
      writeBookingRules(hospital.db, { payAtBooking: false });
      const { slots } = freeSlots(hospital, TOMORROW, '09:00', 1);
      const booked = await book(alice, slots[0]!.id);
      setClock(`${TOMORROW} 07:30:00`);
      const refused = await callHsb(hospital, 'TakeNumber', { PatientId: alice, AppointmentNo: booked.Body.Appointment.AppointmentNo });
      expect([code(refused), refused.Header.ResultMessage]).toEqual(['2001', MESSAGES.notPrepaid]);
    });
  });
});

describe('over HTTP: racing submissions and the rules control', () => {
  let running: RunningHospital;
  let n = 0;
  beforeEach(async () => {
    running = await startHospital({ port: 0, now: `${TODAY} 09:30:00` });
    running.hospital.clock.set(at(`${TODAY} 09:30:00`), true);
  });
  afterEach(() => running.close());

  async function hsb(service: string, body: Record<string, string>): Promise<{ Header: { ResultCode?: string }; Body: Body }> {
    const res = await fetch(`${running.url}/hsb`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: buildRequest(service, `r-${++n}`, `${TODAY} 09:30:00`, body) });
    return parseEnvelope(await res.text()) as { Header: { ResultCode?: string }; Body: Body };
  }

  test('one patient racing for five slots of one doctor’s half-day gets exactly one; for six sessions, exactly the cap', async () => {
    const alice = await patient(running.hospital, 1);
    const { slots } = freeSlots(running.hospital, TOMORROW, '00:00', 5);
    const same = await Promise.all(slots.slice(0, 5).map((s) => hsb('BookAppointment', { PatientId: alice, SlotCode: s.id, Channel: 'WECHAT' })));
    expect(same.map((a) => a.Header.ResultCode).sort()).toEqual(['0', '2001', '2001', '2001', '2001']);

    const bob = await patient(running.hospital, 2);
    const sessions = slotsOfSessions(running.hospital, 6);
    const spread = await Promise.all(sessions.map((id) => hsb('BookAppointment', { PatientId: bob, SlotCode: id, Channel: 'WECHAT' })));
    expect(spread.filter((a) => a.Header.ResultCode === '0')).toHaveLength(3);
    expect(spread.filter((a) => a.Header.ResultCode === '2003')).toHaveLength(3);
  });

  test('GET and POST /sandbox/rules; a bad value is refused naming the field', async () => {
    const post = async (body: unknown) => {
      const res = await fetch(`${running.url}/sandbox/rules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Body };
    };
    expect(await (await fetch(`${running.url}/sandbox/rules`)).json()).toEqual({ payAtBooking: false, maxActiveAppointments: 3, holdMinutes: 10 });
    expect(await post({ payAtBooking: true, holdMinutes: 15 })).toEqual({ status: 200, body: { payAtBooking: true, maxActiveAppointments: 3, holdMinutes: 15 } });
    expect(await post({ payAtBooking: 'yes' })).toMatchObject({ status: 400, body: { field: 'payAtBooking' } });
    expect(await post({ maxActiveAppointments: 0 })).toMatchObject({ status: 400, body: { field: 'maxActiveAppointments' } });
    expect(await post({ holdMinutes: 31 })).toMatchObject({ status: 400, body: { field: 'holdMinutes' } });
    expect(await post({ other: 1 })).toMatchObject({ status: 400, body: { field: 'other' } });
    expect(await (await fetch(`${running.url}/sandbox/rules`)).json()).toEqual({ payAtBooking: true, maxActiveAppointments: 3, holdMinutes: 15 });
  });
});

test('a database written by an older sandbox is refused with what to do, not half-migrated', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hospital-schema-'));
  try {
    const file = join(dir, 'old.sqlite');
    const old = new Database(file);
    old.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('seed', '20221');");
    old.close();
    expect(() => openDatabase(file)).toThrow(/schema 1.*delete the file/);
    const fresh = openDatabase(join(dir, 'new.sqlite'));
    fresh.close();
    expect(() => openDatabase(join(dir, 'new.sqlite')).close()).not.toThrow();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
