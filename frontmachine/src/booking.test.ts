/**
 * Booking through the front machine against the real sandbox hospital (random ports): mappings,
 * refusals, and the release-time protection — cached slot lists invalidated by our own writes, fast
 * SOLD_OUT without a hospital call, the concurrency cap, and a race that never oversells.
 */
import type { HospitalAppointment, HospitalRegistration, QueueStatus, Slot, SlotHold } from '../../typings/booking';
import type { Schedule } from '../../typings/hospital';
import { hospitalInstant } from '../../miniprogram/core/time';
import type { RunningHospital } from '../../sandbox/hospital';
import { nthIdCard, patient } from '../../sandbox/hospital/testing';
import { type BookingRules, writeBookingRules } from '../../sandbox/hospital/booking';
import type { RunningFrontMachine } from './index';
import type { HealthReport } from './metrics';
import { registerThroughCode, signedCall, startAgainstSandbox, type AgainstSandbox } from '../testing/against-sandbox';
import { request } from '../testing/http';
import { signHeaders } from '../testing/signed';

const T0 = hospitalInstant('2026-11-26 09:30:00');
const TODAY = '2026-11-26';
const TOMORROW = '2026-11-27';

interface Answer<T = unknown> {
  ok: boolean;
  data: T;
  code?: string;
  message?: string;
  field?: string;
}

describe('booking through the front machine', () => {
  let sandbox: RunningHospital;
  let fm: RunningFrontMachine;
  let cacheNow: number;
  let keySeq = 0;

  let running: AgainstSandbox;

  async function start(env: Record<string, string> = {}) {
    cacheNow = T0;
    running = await startAgainstSandbox(T0, { captureLog: false, env, cacheClock: () => cacheNow });
    ({ sandbox, fm } = running);
  }
  afterEach(() => running.close());

  const call = async <T = unknown>(operation: string, data: unknown, write = false): Promise<Answer<T>> =>
    (await signedCall<Answer<T>>(fm.url, operation, data, T0, write ? `k-${++keySeq}` : undefined)).body;
  const hsbCalls = (service: string) => sandbox.hospital.stats.snapshot().calls[service] ?? 0;
  const health = async () => ((await request(fm.url, 'GET', '/metrics', signHeaders('/metrics', '', T0, { method: 'GET' }))).json() as { data: HealthReport }).data;
  const register = (i: number) => registerThroughCode({ fm, sandbox }, { name: `测试${i}`, idCardNo: nthIdCard(i), phone: '13812345678' }, T0);
  /** An open session on `date` with at least `n` free slots starting after `after`. */
  const session = (date: string, n: number, after = '00:00') => {
    const rows = sandbox.hospital.db
      .prepare(
        `SELECT s.code FROM schedules s WHERE s.clinic_date = ? AND s.status = 0
            AND (SELECT COUNT(*) FROM slots sl WHERE sl.schedule_code = s.code AND sl.state = 'free' AND sl.begin_time > ?) >= ? ORDER BY s.code LIMIT 1`,
      )
      .pluck()
      .all(date, after, n) as string[];
    if (rows[0] === undefined) throw new Error('no such session');
    return rows[0];
  };
  const slotList = (scheduleId: string) => call<{ schedule: Schedule; slots: Slot[] }>('slot.list', { scheduleId });
  const setRules = (rules: Partial<BookingRules>) => writeBookingRules(sandbox.hospital.db, rules);
  const book = (patientId: string, slotId: string) => call<{ appointment: HospitalAppointment }>('appointment.book', { patientId, slotId }, true);

  describe('operations and mappings', () => {
    let alice: string;
    let bob: string;
    beforeEach(async () => {
      await start();
      alice = await register(1);
      bob = await register(2);
    });

    it('slot.list maps the session and its slots; refusals name the field', async () => {
      const scheduleId = session(TOMORROW, 1);
      const listed = await slotList(scheduleId);
      expect(listed.ok).toBe(true);
      expect(listed.data.schedule).toMatchObject({ scheduleId, date: TOMORROW, status: 'open' });
      expect(Number.isInteger(listed.data.schedule.fee)).toBe(true);
      expect(listed.data.slots.filter((s) => s.state === 'free')).toHaveLength(listed.data.schedule.remaining);
      expect(listed.data.slots.every((s) => ['free', 'held', 'booked'].includes(s.state) && s.scheduleId === scheduleId)).toBe(true);
      expect(await slotList('NOPE')).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'scheduleId' });
      expect(await slotList('bad id!')).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'scheduleId' });
    });

    it('appointment.book, list and cancel; the hospital’s refusals map to SOLD_OUT, RULE_VIOLATION and NOT_FOUND', async () => {
      const scheduleId = session(TOMORROW, 2);
      const slot = (await slotList(scheduleId)).data.slots.find((s) => s.state === 'free')!;
      const booked = await book(alice, slot.slotId);
      expect(booked.ok).toBe(true);
      expect(booked.data.appointment).toMatchObject({ patientId: alice, slotId: slot.slotId, scheduleId, date: TOMORROW, status: 'booked', registrationId: null });
      expect(booked.data.appointment.fee).toBe((await slotList(scheduleId)).data.schedule.fee);
      expect(await book(bob, slot.slotId)).toMatchObject({ ok: false, code: 'SOLD_OUT', field: 'slotId', message: '该时段已被预约，请选择其他时段' });

      const today = (await slotList(session(TODAY, 1, '10:00'))).data.slots.find((s) => s.state === 'free' && s.startTime > '10:00')!;
      expect(await book(alice, today.slotId)).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'slotId', message: '当日号源请使用“当日挂号”办理' });
      const other = (await slotList(scheduleId)).data.slots.find((s) => s.state === 'free')!;
      expect(await book('P99999999', other.slotId)).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'patientId' });
      expect(await book(alice, 'NO-SUCH-SLOT')).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'slotId' });
      expect(await call('appointment.book', { patientId: alice }, true)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'slotId' });

      const list = await call<{ appointments: HospitalAppointment[] }>('appointment.list', { patientId: alice });
      expect(list.data.appointments.map((a) => a.appointmentId)).toEqual([booked.data.appointment.appointmentId]);
      const cancelled = await call<{ appointment: HospitalAppointment }>('appointment.cancel', { appointmentId: booked.data.appointment.appointmentId }, true);
      expect(cancelled.data.appointment.status).toBe('cancelled');
      expect((await slotList(scheduleId)).data.slots.find((s) => s.slotId === slot.slotId)?.state).toBe('free');
      // Asked again (a retry): the same cancelled appointment, nothing to refund.
      expect(await call('appointment.cancel', { appointmentId: booked.data.appointment.appointmentId }, true)).toMatchObject({ ok: true, data: { appointment: { status: 'cancelled' }, refundAmount: 0 } });
      expect(await call('appointment.cancel', { appointmentId: 'YY0' }, true)).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'appointmentId' });
    });

    it('slot.hold, registration.confirm (fen), list, refund and queue.status', async () => {
      const scheduleId = session(TODAY, 1, '14:00');
      const listed = await slotList(scheduleId);
      const slot = listed.data.slots.find((s) => s.state === 'free' && s.startTime > '14:00')!;
      expect(await call('slot.hold', { patientId: alice, slotId: slot.slotId, minutes: 31 }, true)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'minutes' });
      const held = await call<{ hold: SlotHold }>('slot.hold', { patientId: alice, slotId: slot.slotId, minutes: 10 }, true);
      expect(held.data.hold).toEqual({ holdId: expect.any(String), patientId: alice, slotId: slot.slotId, expiresAt: '2026-11-26T01:40:00.000Z' });
      expect(await call('slot.hold', { patientId: bob, slotId: slot.slotId, minutes: 10 }, true)).toMatchObject({ ok: false, code: 'SOLD_OUT', field: 'slotId' });

      const pay = { patientId: alice, amount: listed.data.schedule.fee, outTradeNo: 'OT2026112600001', transactionId: '4200000001', paidAt: '2026-11-26T01:31:00Z' };
      expect(await call('registration.confirm', { ...pay, holdId: held.data.hold.holdId, appointmentId: 'YY1' }, true)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'holdId' });
      expect(await call('registration.confirm', { ...pay, holdId: held.data.hold.holdId, amount: 1 }, true)).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'holdId' });
      const confirmed = await call<{ receiptNo: string; registration: HospitalRegistration }>('registration.confirm', { ...pay, holdId: held.data.hold.holdId }, true);
      expect(confirmed.data.registration).toMatchObject({ patientId: alice, slotId: slot.slotId, status: 'paid', source: 'registration', appointmentId: null, outTradeNo: pay.outTradeNo, fee: pay.amount });
      expect(typeof confirmed.data.registration.queueNo).toBe('number');
      const payments = (await call<{ payments: { outTradeNo: string; amount: number }[] }>('payment.list', { date: TODAY })).data.payments;
      expect(payments).toContainEqual(expect.objectContaining({ outTradeNo: pay.outTradeNo, amount: pay.amount }));

      const registrationId = confirmed.data.registration.registrationId;
      expect((await call<{ registrations: HospitalRegistration[] }>('registration.list', { patientId: alice })).data.registrations.map((r) => r.registrationId)).toEqual([registrationId]);
      const queue = await call<QueueStatus>('queue.status', { registrationId });
      expect(queue.data).toMatchObject({ registrationId, state: 'not-checked-in', queueNo: confirmed.data.registration.queueNo, currentNo: 0, ahead: 0 });
      expect(queue.data.room).toMatch(/诊室$/);
      expect(await call('queue.status', { registrationId: 'GH0' })).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'registrationId' });

      const refund = await call<{ registration: HospitalRegistration; refundAmount: number }>('registration.refund', { registrationId, outTradeNo: pay.outTradeNo }, true);
      expect(refund.data).toMatchObject({ refundAmount: pay.amount, registration: { status: 'refunded' } });
      expect((await slotList(scheduleId)).data.slots.find((s) => s.slotId === slot.slotId)?.state).toBe('free');
    });
    it('slot.get answers a slot with its session, from the cached list once the session is known; unknown → NOT_FOUND', async () => {
      const scheduleId = session(TOMORROW, 1);
      const slotId = (await slotList(scheduleId)).data.slots[0]!.slotId;
      const before = hsbCalls('QuerySlot') + hsbCalls('QuerySlots');
      const got = await call<{ schedule: Schedule; slot: Slot }>('slot.get', { slotId });
      expect(got.data).toMatchObject({ schedule: { scheduleId }, slot: { slotId, scheduleId } });
      expect(hsbCalls('QuerySlot') + hsbCalls('QuerySlots')).toBe(before);
      const other = session(TODAY, 1);
      const unknownToCache = sandbox.hospital.db.prepare('SELECT id FROM slots WHERE schedule_code = ? ORDER BY seq LIMIT 1').pluck().get(other) as string;
      expect((await call<{ schedule: Schedule }>('slot.get', { slotId: unknownToCache })).data.schedule.scheduleId).toBe(other);
      expect(hsbCalls('QuerySlot')).toBe(1);
      expect(await call('slot.get', { slotId: 'NO-SUCH-SLOT' })).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'slotId' });
    });

    it('the hospital’s limits map to RULE_VIOLATION (same doctor, same half-day) and LIMIT_REACHED (the cap)', async () => {
      const scheduleId = session(TOMORROW, 2);
      const [first, second] = (await slotList(scheduleId)).data.slots.filter((s) => s.state === 'free');
      expect((await book(alice, first!.slotId)).ok).toBe(true);
      expect(await book(alice, second!.slotId)).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'slotId', message: '同一医生同一时段只能预约一次' });
      setRules({ maxActiveAppointments: 1 });
      const elsewhere = session('2026-11-28', 1);
      const slot = (await slotList(elsewhere)).data.slots.find((s) => s.state === 'free')!;
      expect(await book(alice, slot.slotId)).toMatchObject({ ok: false, code: 'LIMIT_REACHED', field: 'slotId', message: '最多同时持有1个有效预约' });
    });

    it('paid at booking: held with its expiry, appointment.confirm (fen), cancel answers the refund, appointment.takeNumber', async () => {
      setRules({ payAtBooking: true });
      const scheduleId = session(TOMORROW, 1, '09:00');
      const slot = (await slotList(scheduleId)).data.slots.find((s) => s.state === 'free' && s.startTime > '09:00')!;
      const held = (await book(alice, slot.slotId)).data.appointment;
      expect(held).toMatchObject({ status: 'held', holdExpiresAt: new Date(T0 + 10 * 60_000).toISOString(), outTradeNo: null });
      const pay = { patientId: alice, appointmentId: held.appointmentId, amount: held.fee, outTradeNo: 'Y0000000000000000000001N1', transactionId: '4200000001', paidAt: new Date(T0).toISOString() };
      const paid = await call<{ receiptNo: string; appointment: HospitalAppointment }>('appointment.confirm', pay, true);
      expect(paid.data.appointment).toMatchObject({ status: 'booked', holdExpiresAt: null, outTradeNo: pay.outTradeNo });
      expect(await call('appointment.confirm', { ...pay, amount: held.fee + 1, outTradeNo: 'Y0000000000000000000001N2' }, true)).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'appointmentId' });

      sandbox.hospital.clock.set(hospitalInstant(`${TOMORROW} 07:00:00`), true);
      const taken = await call<{ registration: HospitalRegistration }>('appointment.takeNumber', { patientId: alice, appointmentId: held.appointmentId }, true);
      expect(taken.data.registration).toMatchObject({ source: 'take-number', appointmentId: held.appointmentId, outTradeNo: pay.outTradeNo, fee: held.fee });

      sandbox.hospital.clock.set(T0, true);
      const other = (await slotList(session('2026-11-28', 1))).data.slots.find((s) => s.state === 'free')!;
      const second = (await book(bob, other.slotId)).data.appointment;
      await call('appointment.confirm', { ...pay, patientId: bob, appointmentId: second.appointmentId, amount: second.fee, outTradeNo: 'Y0000000000000000000002N1' }, true);
      const cancelled = await call<{ appointment: HospitalAppointment; refundAmount: number }>('appointment.cancel', { appointmentId: second.appointmentId }, true);
      expect(cancelled.data).toMatchObject({ appointment: { status: 'cancelled', outTradeNo: 'Y0000000000000000000002N1' }, refundAmount: second.fee });
      expect((await slotList(other.scheduleId)).data.slots.find((s) => s.slotId === other.slotId)?.state).toBe('free');
    });
  });

  describe('protection at release time', () => {
    beforeEach(() => start());

    it('a booking invalidates the cached slot list: the next slot.list shows the slot booked, never a stale free', async () => {
      const alice = await register(1);
      const scheduleId = session(TOMORROW, 2);
      const before = await slotList(scheduleId);
      await slotList(scheduleId);
      expect(hsbCalls('QuerySlots')).toBe(1); // the second read was cached
      const slot = before.data.slots.find((s) => s.state === 'free')!;
      expect((await book(alice, slot.slotId)).ok).toBe(true);
      const after = await slotList(scheduleId);
      expect(after.data.slots.find((s) => s.slotId === slot.slotId)?.state).toBe('booked');
      expect(after.data.schedule.remaining).toBe(before.data.schedule.remaining - 1);
      expect(hsbCalls('QuerySlots')).toBe(2);
      // The schedule list holding the session is dropped too.
      const doctorId = before.data.schedule.doctorId;
      const schedules = async () => (await call<{ schedules: Schedule[] }>('schedule.list', { doctorId, from: TOMORROW, to: TOMORROW })).data.schedules;
      const remainingBefore = (await schedules()).find((s) => s.scheduleId === scheduleId)!.remaining;
      const other = after.data.slots.find((s) => s.state === 'free')!;
      expect((await book(await register(2), other.slotId)).ok).toBe(true);
      expect((await schedules()).find((s) => s.scheduleId === scheduleId)!.remaining).toBe(remainingBefore - 1);
    });

    it('a slot the cache knows is taken answers SOLD_OUT without calling the hospital', async () => {
      const [alice, bob] = [await register(1), await register(2)];
      const scheduleId = session(TOMORROW, 1);
      const taken = (await slotList(scheduleId)).data.slots.find((s) => s.state === 'booked');
      const free = (await slotList(scheduleId)).data.slots.find((s) => s.state === 'free')!;
      expect((await book(alice, free.slotId)).ok).toBe(true);
      const calls = hsbCalls('BookAppointment');
      expect(await book(bob, free.slotId)).toMatchObject({ ok: false, code: 'SOLD_OUT', field: 'slotId', message: '该时段已被预约，请选择其他时段' });
      if (taken !== undefined) {
        await slotList(scheduleId);
        expect(await book(bob, taken.slotId)).toMatchObject({ ok: false, code: 'SOLD_OUT' });
      }
      expect(hsbCalls('BookAppointment')).toBe(calls);
      expect((await health()).bookings).toEqual({ accepted: 1, soldOutFast: taken === undefined ? 1 : 2, soldOutHospital: 0 });
      // Alice submitting her own booking again still reaches the hospital, which answers her appointment.
      expect((await book(alice, free.slotId)).ok).toBe(true);
    });

    it('a session the cache knows has nothing left answers SOLD_OUT at once; a slot the hospital refused is remembered', async () => {
      const [alice, bob, carol] = [await register(1), await register(2), await register(3)];
      const scheduleId = session(TOMORROW, 1);
      const list = await slotList(scheduleId);
      const free = list.data.slots.filter((s) => s.state === 'free');
      // Someone books every free slot at the hospital directly (another channel: the window, the phone line).
      const db = sandbox.hospital.db;
      for (const s of free) db.prepare("UPDATE slots SET state = 'booked' WHERE id = ?").run(s.slotId);
      // Our cached list still says free: the hospital answers 2002, and the slot is remembered.
      expect(await book(alice, free[0]!.slotId)).toMatchObject({ ok: false, code: 'SOLD_OUT', field: 'slotId' });
      const calls = hsbCalls('BookAppointment');
      expect(calls).toBe(1);
      expect(await book(bob, free[0]!.slotId)).toMatchObject({ ok: false, code: 'SOLD_OUT' });
      expect(hsbCalls('BookAppointment')).toBe(1);
      // The schedules say 0 left; once the slot facts aged out, the session fact still answers.
      cacheNow += 6_000;
      const doctorId = list.data.schedule.doctorId;
      await call('schedule.list', { doctorId, from: TOMORROW, to: TOMORROW });
      cacheNow += 5_000; // slot facts (10 s from T0) expired, the session fact (10 s from T0+6 s) not
      expect(await book(carol, free[1]?.slotId ?? free[0]!.slotId)).toMatchObject({ ok: false, code: 'SOLD_OUT' });
      expect(hsbCalls('BookAppointment')).toBe(1);
      expect((await health()).bookings).toEqual({ accepted: 0, soldOutFast: 2, soldOutHospital: 1 });
    });

    it('many patients racing for a few slots through the front machine: exactly the slots are booked', async () => {
      const scheduleId = session(TOMORROW, 4);
      const free = (await slotList(scheduleId)).data.slots.filter((s) => s.state === 'free').slice(0, 4);
      const patients: string[] = [];
      // Registered at the window (the race is the subject here, not binding).
      for (let i = 0; i < 120; i++) patients.push(await patient(sandbox.hospital, 100 + i));
      const answers = await Promise.all(patients.map((p, i) => book(p, free[i % free.length]!.slotId)));
      const ok = answers.filter((a) => a.ok);
      expect(ok).toHaveLength(free.length);
      expect(new Set(ok.map((a) => a.data.appointment.slotId)).size).toBe(free.length);
      expect(answers.filter((a) => !a.ok).every((a) => a.code === 'SOLD_OUT')).toBe(true);
      const live = sandbox.hospital.db.prepare('SELECT COUNT(*) FROM appointments WHERE status IN (1, 2, 3)').pluck().get();
      expect(live).toBe(free.length);
      const { bookings } = await health();
      expect(bookings.accepted).toBe(free.length);
      expect(bookings.accepted + bookings.soldOutFast + bookings.soldOutHospital).toBe(120);
      expect(hsbCalls('BookAppointment')).toBe(free.length + bookings.soldOutHospital);
      // After the race the list shows every raced slot booked.
      const after = (await slotList(scheduleId)).data.slots;
      for (const s of free) expect(after.find((x) => x.slotId === s.slotId)?.state).toBe('booked');
    });
  });

  it('the concurrency cap toward the HSB: excess bookings wait, then give up with HOSPITAL_UNAVAILABLE', async () => {
    // One call at a time, each 800 ms: the second waits its turn and books; the third gives up after 1200 ms in the queue
    // (margins of 400 ms either way, so a loaded machine does not flip the outcome).
    await start({ HSB_CONCURRENCY: '1', HSB_TIMEOUT_MS: '1200' });
    const patients = [await register(1), await register(2), await register(3)];
    const slots = (await slotList(session(TOMORROW, 3))).data.slots.filter((s) => s.state === 'free');
    sandbox.hospital.faults.set({ service: 'BookAppointment', mode: 'slow', rate: 1, delayMs: 800 });
    const answers = await Promise.all(patients.map((p, i) => book(p, slots[i]!.slotId)));
    expect(answers.filter((a) => a.ok)).toHaveLength(2);
    expect(answers.filter((a) => !a.ok)).toEqual([expect.objectContaining({ code: 'HOSPITAL_UNAVAILABLE' })]);
    expect(hsbCalls('BookAppointment')).toBe(2);
  });
});
