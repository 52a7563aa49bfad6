/**
 * Booking at the sandbox hospital: slots, appointments, holds, registrations, refunds and the queue,
 * with the window edges on the hospital's clock (whatever the process TZ) and a concurrency test
 * over real sockets.
 */
import { hospitalInstant } from '../../miniprogram/core/time';
import type { Hospital } from './hospital';
import { createHospital } from './hospital';
import type { RunningHospital } from './server';
import { startHospital } from './server';
import { callHsb, freeSlots, patient } from './testing';
import { buildRequest, parseEnvelope } from './xml';
import { MESSAGES } from './booking';

type Body = Record<string, unknown>;

const TODAY = '2026-11-26';
const TOMORROW = '2026-11-27';
const at = (wall: string) => hospitalInstant(wall);

const code = (env: { Header: { ResultCode?: string } }) => env.Header.ResultCode;
const slotState = (hospital: Hospital, id: string) => hospital.db.prepare('SELECT state FROM slots WHERE id = ?').pluck().get(id);

describe('booking at the sandbox hospital', () => {
  let hospital: Hospital;
  let alice: string;
  let bob: string;

  beforeEach(async () => {
    hospital = createHospital({ now: `${TODAY} 09:30:00` });
    hospital.clock.set(at(`${TODAY} 09:30:00`), true);
    alice = await patient(hospital, 1);
    bob = await patient(hospital, 2);
  });
  afterEach(() => hospital.close());

  const book = (PatientId: string, SlotCode: string) => callHsb(hospital, 'BookAppointment', { PatientId, SlotCode, Channel: 'WECHAT' });
  const setClock = (wall: string) => hospital.clock.set(at(wall), true);

  test('QuerySlots answers the session and its slots; unknown → 1001', async () => {
    const { scheduleCode } = freeSlots(hospital, TOMORROW);
    const env = await callHsb(hospital, 'QuerySlots', { ScheduleCode: scheduleCode });
    expect(code(env)).toBe('0');
    const slots = env.Body.Slots.Slot;
    expect(env.Body.Schedule.ScheduleCode).toBe(scheduleCode);
    expect(Number(env.Body.Schedule.RemainNum)).toBe(slots.filter((s) => s.State === '0').length);
    expect(code(await callHsb(hospital, 'QuerySlots', { ScheduleCode: 'NOPE' }))).toBe('1001');
    expect(code(await callHsb(hospital, 'QuerySlots', {}))).toBe('1002');
  });

  test('BookAppointment books a free slot once; the same patient again gets the same appointment; another gets 2002', async () => {
    const { slots } = freeSlots(hospital, TOMORROW);
    const slot = slots[0]!;
    const first = await book(alice, slot.id);
    expect(code(first)).toBe('0');
    const a = first.Body.Appointment;
    expect(a).toMatchObject({ PatientId: alice, SlotCode: slot.id, ClinicDate: TOMORROW, Status: '1', RegistrationNo: '' });
    expect(slotState(hospital, slot.id)).toBe('booked');
    const again = await book(alice, slot.id);
    expect(again.Body.Appointment.AppointmentNo).toBe(a.AppointmentNo);
    const taken = await book(bob, slot.id);
    expect(code(taken)).toBe('2002');
    expect(taken.Header.ResultMessage).toBe(MESSAGES.slotTaken);
    const list = await callHsb(hospital, 'QueryAppointments', { PatientId: alice });
    expect(list.Body.Appointments.Appointment.map((x) => x.AppointmentNo)).toEqual([a.AppointmentNo]);
  });

  test('BookAppointment refuses today, past slots, stopped sessions, unknown patients and slots', async () => {
    const today = freeSlots(hospital, TODAY, '10:00').slots[0]!;
    expect((await book(alice, today.id)).Header.ResultMessage).toBe(MESSAGES.sameDayForBooking);
    const stopped = hospital.db
      .prepare("SELECT sl.id FROM slots sl JOIN schedules s ON s.code = sl.schedule_code WHERE s.status = 1 AND s.clinic_date > ? LIMIT 1")
      .pluck()
      .get(TODAY) as string | undefined;
    if (stopped !== undefined) {
      const env = await book(alice, stopped);
      expect([code(env), env.Header.ResultMessage]).toEqual(['2001', MESSAGES.stopped]);
    }
    const tomorrow = freeSlots(hospital, TOMORROW).slots[0]!;
    setClock('2026-11-28 09:00:00');
    expect((await book(alice, tomorrow.id)).Header.ResultMessage).toBe(MESSAGES.pastSlot);
    expect(code(await book('P99999999', tomorrow.id))).toBe('1001');
    expect(code(await book(alice, 'NO-SUCH-SLOT'))).toBe('1001');
    expect(code(await callHsb(hospital, 'BookAppointment', { PatientId: alice, SlotCode: tomorrow.id }))).toBe('1002');
  });

  test('CancelAppointment until 23:59:59 the day before, refused from 00:00:00 of the visit day', async () => {
    const [s1, s2] = freeSlots(hospital, TOMORROW, '00:00', 2).slots;
    const a1 = (await book(alice, s1!.id)).Body;
    // Bob's: one patient books one slot per doctor per half-day.
    const a2 = (await book(bob, s2!.id)).Body;
    setClock(`${TODAY} 23:59:59`);
    const cancelled = await callHsb(hospital, 'CancelAppointment', { AppointmentNo: String(a1.Appointment.AppointmentNo) });
    expect(code(cancelled)).toBe('0');
    expect(cancelled.Body.Appointment.Status).toBe('4');
    expect(slotState(hospital, s1!.id)).toBe('free');
    // Asked again (a retry): the same cancelled appointment, nothing to refund.
    const again = await callHsb(hospital, 'CancelAppointment', { AppointmentNo: String(a1.Appointment.AppointmentNo) });
    expect([code(again), again.Body.Appointment.Status, again.Body.RefundFee]).toEqual(['0', '4', '0.00']);
    setClock(`${TOMORROW} 00:00:00`);
    const late = await callHsb(hospital, 'CancelAppointment', { AppointmentNo: String(a2.Appointment.AppointmentNo) });
    expect([code(late), late.Header.ResultMessage]).toEqual(['2001', MESSAGES.cancelOnVisitDay]);
    expect(slotState(hospital, s2!.id)).toBe('booked');
    expect(code(await callHsb(hospital, 'CancelAppointment', { AppointmentNo: 'YY0' }))).toBe('1001');
  });

  test('take-number: refused at 06:59:59, taken from 07:00 until the slot starts; untaken at the start → no-show, slot released', async () => {
    const { slots } = freeSlots(hospital, TOMORROW, '08:00', 2);
    const [s1, s2] = slots;
    const fee = (await callHsb(hospital, 'QuerySlots', { ScheduleCode: freeSlots(hospital, TOMORROW, '08:00', 2).scheduleCode })).Body.Schedule.RegFee;
    const a1 = (await book(alice, s1!.id)).Body.Appointment.AppointmentNo;
    const a2 = (await book(bob, s2!.id)).Body.Appointment.AppointmentNo;
    const take = (PatientId: string, AppointmentNo: string, TradeNo: string, TotalFee = fee, PayTime = `${TOMORROW} 07:00:00`) =>
      callHsb(hospital, 'ConfirmRegistration', { PatientId, AppointmentNo, TotalFee, TradeNo, TransactionId: `42${TradeNo}`, PayTime, PayChannel: 'WECHAT' });

    expect((await take(alice, a1, 'TAKE000001')).Header.ResultMessage).toBe(MESSAGES.takeNotToday);
    setClock(`${TOMORROW} 06:59:59`);
    expect((await take(alice, a1, 'TAKE000001')).Header.ResultMessage).toBe(MESSAGES.takeTooEarly);
    setClock(`${TOMORROW} 07:00:00`);
    expect((await take(alice, a1, 'TAKE000001', '0.01')).Header.ResultMessage).toBe(MESSAGES.feeMismatch);
    expect((await take(bob, a1, 'TAKE000001')).Header.ResultMessage).toBe(MESSAGES.notYours);
    const taken = await take(alice, a1, 'TAKE000001');
    expect(code(taken)).toBe('0');
    const reg = taken.Body;
    expect(reg.Registration).toMatchObject({ Source: '2', Status: '1', AppointmentNo: a1, QueueNo: String(s1!.seq), TradeNo: 'TAKE000001' });
    // Idempotent by TradeNo: the same receipt, one payment row.
    expect((await take(alice, a1, 'TAKE000001')).Body.ReceiptNo).toBe(reg.ReceiptNo);
    const payments = (await callHsb(hospital, 'QueryPayments', { Date: TOMORROW })).Body.Payments.Payment;
    expect(payments.filter((p) => p.TradeNo === 'TAKE000001')).toHaveLength(1);
    expect(hospital.db.prepare('SELECT biz_type FROM payments WHERE trade_no = ?').pluck().get('TAKE000001')).toBe('TAKE');

    // Bob's slot: one second before it starts the window is still open for him …
    setClock(`${TOMORROW} ${s2!.begin}:00`);
    hospital.clock.set(hospital.clock.now() - 1000, true);
    const list = (await callHsb(hospital, 'QueryAppointments', { PatientId: bob })).Body.Appointments.Appointment;
    expect(list[0]!.Status).toBe('1');
    // … at its start he is a no-show and the slot is released.
    setClock(`${TOMORROW} ${s2!.begin}:00`);
    const after = (await callHsb(hospital, 'QueryAppointments', { PatientId: bob })).Body.Appointments.Appointment;
    expect(after[0]!.Status).toBe('5');
    expect(slotState(hospital, s2!.id)).toBe('free');
    expect((await take(bob, a2, 'TAKE000002')).Header.ResultMessage).toBe(MESSAGES.takeClosed);
    // Alice took her number: no no-show for her.
    expect((await callHsb(hospital, 'QueryAppointments', { PatientId: alice })).Body.Appointments.Appointment[0]!.Status).toBe('1');
  });

  describe('same-day registration', () => {
    const hold = (PatientId: string, SlotCode: string, HoldMinutes = '10') => callHsb(hospital, 'HoldSlot', { PatientId, SlotCode, HoldMinutes });
    const confirm = (PatientId: string, HoldNo: string, TotalFee: string, TradeNo: string) =>
      callHsb(hospital, 'ConfirmRegistration', { PatientId, HoldNo, TotalFee, TradeNo, TransactionId: `42${TradeNo}`, PayTime: `${TODAY} 09:31:00`, PayChannel: 'WECHAT' });

    test('HoldSlot holds one of today’s slots; the hold lapses by the clock and frees the slot', async () => {
      const { scheduleCode, slots } = freeSlots(hospital, TODAY, '10:00');
      const slot = slots[0]!;
      const held = await hold(alice, slot.id);
      expect(code(held)).toBe('0');
      expect(held.Body).toMatchObject({ ExpireTime: `${TODAY} 09:40:00` });
      expect(slotState(hospital, slot.id)).toBe('held');
      expect((await hold(alice, slot.id)).Body.HoldNo).toBe(held.Body.HoldNo);
      expect(code(await hold(bob, slot.id))).toBe('2002');
      expect((await hold(alice, freeSlots(hospital, TOMORROW).slots[0]!.id)).Header.ResultMessage).toBe(MESSAGES.holdNotToday);
      expect(code(await hold(alice, slot.id, '31'))).toBe('1002');
      expect(code(await hold(alice, slot.id, '0'))).toBe('1002');

      const remain = async () => Number((await callHsb(hospital, 'QuerySlots', { ScheduleCode: scheduleCode })).Body.Schedule.RemainNum);
      const before = await remain();
      setClock(`${TODAY} 09:39:59`);
      expect(slotState(hospital, slot.id)).toBe('held');
      setClock(`${TODAY} 09:40:00`);
      expect(await remain()).toBe(before + 1);
      expect(slotState(hospital, slot.id)).toBe('free');
      expect(code(await hold(bob, slot.id))).toBe('0');
      // Alice's payment lands after the release and someone else holds the slot: refused, the caller refunds.
      const fee = (await callHsb(hospital, 'QuerySlots', { ScheduleCode: scheduleCode })).Body.Schedule.RegFee;
      const late = await confirm(alice, held.Body.HoldNo, fee, 'REG0000001');
      expect([code(late), late.Header.ResultMessage]).toEqual(['2001', MESSAGES.holdLost]);
    });

    test('ConfirmRegistration makes the registration, writes the REG payment, is idempotent; a late payment keeps a still-free slot', async () => {
      const { scheduleCode, slots } = freeSlots(hospital, TODAY, '10:00', 2);
      const fee = (await callHsb(hospital, 'QuerySlots', { ScheduleCode: scheduleCode })).Body.Schedule.RegFee;
      const h1 = (await hold(alice, slots[0]!.id)).Body.HoldNo;
      expect((await confirm(bob, h1, fee, 'REG0000001')).Header.ResultMessage).toBe(MESSAGES.notYours);
      expect((await confirm(alice, h1, '0.01', 'REG0000001')).Header.ResultMessage).toBe(MESSAGES.feeMismatch);
      const done = await confirm(alice, h1, fee, 'REG0000001');
      expect(code(done)).toBe('0');
      expect(done.Body.Registration).toMatchObject({ Source: '1', Status: '1', SlotCode: slots[0]!.id, RegFee: fee, QueueNo: String(slots[0]!.seq) });
      expect(slotState(hospital, slots[0]!.id)).toBe('booked');
      expect((await confirm(alice, h1, fee, 'REG0000001')).Body.ReceiptNo).toBe(done.Body.ReceiptNo);
      expect((await confirm(alice, h1, fee, 'REG0000009')).Header.ResultMessage).toBe(MESSAGES.holdUsed);
      const payments = (await callHsb(hospital, 'QueryPayments', { Date: TODAY })).Body.Payments.Payment;
      expect(payments.filter((p) => p.TradeNo === 'REG0000001')).toHaveLength(1);
      expect(hospital.db.prepare('SELECT biz_type FROM payments WHERE trade_no = ?').pluck().get('REG0000001')).toBe('REG');

      const h2 = (await hold(bob, slots[1]!.id)).Body.HoldNo;
      setClock(`${TODAY} 09:45:00`);
      const late = await confirm(bob, h2, fee, 'REG0000002');
      expect(code(late)).toBe('0');
      expect(slotState(hospital, slots[1]!.id)).toBe('booked');
      const regs = (await callHsb(hospital, 'QueryRegistrations', { PatientId: alice })).Body.Registrations.Registration;
      expect(regs.map((r) => r.RegistrationNo)).toEqual([done.Body.Registration.RegistrationNo]);
      expect(code(await callHsb(hospital, 'QueryRegistrations', { PatientId: 'P99999999' }))).toBe('1001');
    });

    test('RefundRegistration before the session starts frees the slot; refused after check-in or once the session started', async () => {
      const { scheduleCode, slots } = freeSlots(hospital, TODAY, '14:00', 2);
      const fee = (await callHsb(hospital, 'QuerySlots', { ScheduleCode: scheduleCode })).Body.Schedule.RegFee;
      const r1 = (await confirm(alice, (await hold(alice, slots[0]!.id)).Body.HoldNo, fee, 'REG0000011')).Body.Registration;
      const r2 = (await confirm(bob, (await hold(bob, slots[1]!.id)).Body.HoldNo, fee, 'REG0000012')).Body.Registration;
      const refund = (RegistrationNo: string, TradeNo: string) => callHsb(hospital, 'RefundRegistration', { RegistrationNo, TradeNo });

      expect((await refund(r1.RegistrationNo, 'REG0000012')).Header.ResultMessage).toBe(MESSAGES.tradeNoMismatch);
      const refunded = await refund(r1.RegistrationNo, 'REG0000011');
      expect(code(refunded)).toBe('0');
      expect(refunded.Body).toMatchObject({ RefundFee: fee, Registration: { Status: '2' } });
      expect(slotState(hospital, slots[0]!.id)).toBe('free');
      expect((await refund(r1.RegistrationNo, 'REG0000011')).Body.RefundFee).toBe(fee);

      setClock(`${TODAY} 13:59:59`);
      const sessionBegin = String((await callHsb(hospital, 'QuerySlots', { ScheduleCode: scheduleCode })).Body.Schedule.BeginTime);
      setClock(`${TODAY} ${sessionBegin}:00`);
      expect((await refund(r2.RegistrationNo, 'REG0000012')).Header.ResultMessage).toBe(MESSAGES.refundStarted);
      expect(code(await refund('GH0', 'REG0000012'))).toBe('1001');
    });
  });
});

describe('the sandbox hospital over HTTP', () => {
  let running: RunningHospital;
  let hospital: Hospital;
  let n = 0;

  beforeEach(async () => {
    running = await startHospital({ port: 0, now: `${TODAY} 09:30:00` });
    hospital = running.hospital;
    hospital.clock.set(at(`${TODAY} 09:30:00`), true);
  });
  afterEach(() => running.close());

  async function hsb(service: string, body: Record<string, string>): Promise<{ Header: { ResultCode?: string; ResultMessage?: string }; Body: Body }> {
    const res = await fetch(`${running.url}/hsb`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: buildRequest(service, `m-${++n}`, `${TODAY} 09:30:00`, body) });
    return parseEnvelope(await res.text()) as { Header: { ResultCode?: string }; Body: Body };
  }
  const control = async (path: string, body: unknown) => {
    const res = await fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Body };
  };

  test('hundreds of concurrent bookings of a few slots: exactly the slots are booked, every other answer is 2002', async () => {
    const { slots } = freeSlots(hospital, TOMORROW, '00:00', 5);
    const targets = slots.slice(0, 5);
    const patients: string[] = [];
    for (let i = 0; i < 300; i++) patients.push(await patient(hospital, 1000 + i));
    const answers = await Promise.all(patients.map((p, i) => hsb('BookAppointment', { PatientId: p, SlotCode: targets[i % targets.length]!.id, Channel: 'WECHAT' })));
    const codes = answers.map((a) => a.Header.ResultCode);
    expect(codes.filter((c) => c === '0')).toHaveLength(targets.length);
    expect(codes.filter((c) => c === '2002')).toHaveLength(300 - targets.length);
    const bookedSlots = answers.filter((a) => a.Header.ResultCode === '0').map((a) => (a.Body.Appointment as Body).SlotCode);
    expect(new Set(bookedSlots).size).toBe(targets.length);
    const live = hospital.db.prepare('SELECT slot_id AS slotId, COUNT(*) AS n FROM appointments WHERE status IN (1, 2, 3) GROUP BY slot_id').all() as { slotId: string; n: number }[];
    expect(live).toHaveLength(targets.length);
    expect(live.every((r) => r.n === 1)).toBe(true);
  });

  test('the queue: check-in by number or QR code, the doctor calls next, the clock calls one number per slot length', async () => {
    const { scheduleCode, slots } = freeSlots(hospital, TODAY, '14:00', 3);
    const fee = String(((await hsb('QuerySlots', { ScheduleCode: scheduleCode })).Body.Schedule as Body).RegFee);
    const regs: { no: string; patientId: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await patient(hospital, 50 + i);
      const holdNo = String((await hsb('HoldSlot', { PatientId: p, SlotCode: slots[i]!.id, HoldMinutes: '10' })).Body.HoldNo);
      const r = await hsb('ConfirmRegistration', { PatientId: p, HoldNo: holdNo, TotalFee: fee, TradeNo: `QUEUE00${i}`, TransactionId: `42QUEUE${i}`, PayTime: `${TODAY} 09:31:00`, PayChannel: 'WECHAT' });
      regs.push({ no: String((r.Body.Registration as Body).RegistrationNo), patientId: p });
    }
    const queue = async (no: string) => (await hsb('QueryQueue', { RegistrationNo: no })).Body.Queue as Body;
    expect(await queue(regs[0]!.no)).toMatchObject({ State: '0', QueueNo: String(slots[0]!.seq), CurrentNo: '0', AheadCount: '0' });
    expect(String((await queue(regs[0]!.no)).Room)).toMatch(/^.+\d+诊室$/);

    // Patient 2 checks in by number, patient 3 by scanning the QR code at the kiosk; patient 1 is late.
    expect((await control('/sandbox/queue/checkin', { registrationId: regs[1]!.no })).body).toMatchObject({ registrationId: regs[1]!.no });
    const qr = await hsb('GetPatientQrCode', { PatientId: regs[2]!.patientId });
    expect((await control('/sandbox/queue/checkin', { code: String(qr.Body.QrCode) })).body).toMatchObject({ registrationId: regs[2]!.no });
    expect((await control('/sandbox/queue/checkin', { code: 'PHQR1.bad' })).status).toBe(400);
    expect((await control('/sandbox/queue/checkin', { registrationId: 'GH0' })).status).toBe(404);
    expect(await queue(regs[2]!.no)).toMatchObject({ State: '1', AheadCount: '1' });
    // Checked in: no online refund any more.
    expect((await hsb('RefundRegistration', { RegistrationNo: regs[1]!.no, TradeNo: 'QUEUE001' })).Header.ResultCode).toBe('2001');

    const next = await control('/sandbox/queue/next', { scheduleId: scheduleCode });
    expect(next.body).toMatchObject({ currentNo: slots[1]!.seq, calledRegistrationId: regs[1]!.no });
    expect(await queue(regs[1]!.no)).toMatchObject({ State: '2', CurrentNo: String(slots[1]!.seq) });
    expect(await queue(regs[2]!.no)).toMatchObject({ State: '1', AheadCount: '0' });
    expect((await control('/sandbox/queue/next', { scheduleId: 'NOPE' })).status).toBe(404);

    // The session starts: the clock calls the next number, patient 2 is done.
    const begin = String(((await hsb('QuerySlots', { ScheduleCode: scheduleCode })).Body.Schedule as Body).BeginTime);
    hospital.clock.set(hospitalInstant(`${TODAY} ${begin}:00`), true);
    expect(await queue(regs[2]!.no)).toMatchObject({ State: '2', CurrentNo: String(slots[2]!.seq) });
    expect(await queue(regs[1]!.no)).toMatchObject({ State: '3' });
    // Patient 1 checks in late and waits for the next call, one slot length later.
    await control('/sandbox/queue/checkin', { registrationId: regs[0]!.no });
    expect(await queue(regs[0]!.no)).toMatchObject({ State: '1', AheadCount: '0' });
    // 15 minutes is one call later for 10- and 15-minute slots alike.
    hospital.clock.set(hospitalInstant(`${TODAY} ${begin}:00`) + 15 * 60_000, true);
    expect(await queue(regs[0]!.no)).toMatchObject({ State: '2', CurrentNo: String(slots[0]!.seq) });
  });
});
