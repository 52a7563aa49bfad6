/**
 * Booking through the cloud router against the real sandbox hospital and front machine: the booking
 * window and the cancel deadline at their edges, limits, card-less patients, double submission,
 * holds that lapse, a payment after the slot went, 退号, and the queue. Clocks are set, never waited on.
 */
import type { AppointmentView, QueueStatus, RegistrationCreateResponse, RegistrationView, SlotListResponse } from '../../typings/booking';
import type { AppointmentPayResponse } from '../../typings/booking';
import type { OrderView } from '../../typings/payment';
import { hospitalInstant } from '../../miniprogram/core/time';
import { setPaySwitches } from '../../sandbox/cloud/wx-server-sdk/cloudpay';
import { BOOKING_MESSAGES } from '../../cloudfunctions/common/booking/rules';
import { refundNoOf } from '../../cloudfunctions/common/payments';
import { data, daysFrom, MINUTE, world, type World } from './world';

// Thursday 2026-11-26 10:00 in Shanghai: this morning's sessions have started, this afternoon's not.
const NOW = hospitalInstant('2026-11-26 10:00:00');
const [TODAY, TOMORROW, , , , , DAY_6] = daysFrom(NOW, 7) as [string, string, string, string, string, string, string];

let w: World;
beforeEach(async () => {
  w = await world(NOW);
});
afterEach(async () => {
  await w.close();
});

async function freeSlotOn(date: string, period?: 'AM' | 'PM', skip = 0) {
  const sessions = (await w.sessionsOn(date)).filter((s) => period === undefined || s.schedule.period === period);
  const s = sessions[skip];
  if (!s) throw new Error(`no session on ${date} ${period ?? ''}`);
  return { schedule: s.schedule, slotId: s.free[0] as string, other: s.free[1] as string };
}

async function available(scheduleId: string, slotId: string): Promise<boolean> {
  const { slots } = data<SlotListResponse>(await w.call('o-browser', 'slot.list', { scheduleId }));
  return slots.find((s) => s.slotId === slotId)?.available ?? false;
}

const orderOf = async (openid: string, outTradeNo: string) => data<OrderView>(await w.call(openid, 'order.get', { outTradeNo }));

describe('slot.list', () => {
  test('a free slot whose time has come is not offered', async () => {
    // 10:00: this morning's session has started, so its free slots before 10:00 are gone.
    const morning = (await w.sessionsOn(TODAY)).find((s) => s.schedule.period === 'AM' && s.schedule.status === 'open');
    if (!morning) throw new Error('no open morning session today');
    const { slots } = data<SlotListResponse>(await w.call('o-browser', 'slot.list', { scheduleId: morning.schedule.scheduleId }));
    const past = slots.filter((s) => s.startTime < '10:00');
    const ahead = slots.filter((s) => s.startTime > '10:00' && morning.free.includes(s.slotId));
    expect(past.length).toBeGreaterThan(0);
    expect(past.every((s) => !s.available)).toBe(true);
    expect(ahead.length).toBeGreaterThan(0);
    expect(ahead.every((s) => s.available)).toBe(true);
  });
});

describe('appointment.create', () => {
  test('today → 当日挂号 (no hospital write); tomorrow and the last published day book', async () => {
    const p = await w.patient('o-1', 1);
    const today = await freeSlotOn(TODAY, 'PM');
    w.fmCalls.length = 0;
    expect(await w.call('o-1', 'appointment.create', { patientId: p, slotId: today.slotId })).toEqual({
      ok: false,
      code: 'RULE_VIOLATION',
      message: BOOKING_MESSAGES.sameDay,
      field: 'slotId',
    });
    expect(w.fmCalls).not.toContain('appointment.book');

    const tomorrow = await freeSlotOn(TOMORROW, 'AM');
    const a = data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: tomorrow.slotId }));
    expect(a).toMatchObject({ status: 'booked', statusLabel: '已预约', date: TOMORROW, canCancel: true, patientName: expect.stringContaining('*') });
    expect(a.cancelDeadline).toBe(new Date(hospitalInstant(`${TOMORROW} 00:00:00`)).toISOString());
    expect(a.takeNumber).toEqual({ opensAt: new Date(hospitalInstant(`${TOMORROW} 07:00:00`)).toISOString(), closesAt: new Date(hospitalInstant(`${TOMORROW} ${a.startTime}:00`)).toISOString(), canTakeNow: false });
    expect(await available(tomorrow.schedule.scheduleId, tomorrow.slotId)).toBe(false);
    // The index holds ids only: no doctor, department or date.
    expect(Object.keys((await w.ports.bookings.get('appointment', a.appointmentId)) ?? {}).sort()).toEqual(['_id', 'createdAt', 'openid', 'patientId']);

    const last = await freeSlotOn(DAY_6);
    expect(data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: last.slotId })).date).toBe(DAY_6);
  });

  test('a double submission books once', async () => {
    const p = await w.patient('o-1', 2);
    const { slotId } = await freeSlotOn(TOMORROW);
    const [x, y] = await Promise.all([1, 2].map(() => w.call('o-1', 'appointment.create', { patientId: p, slotId })));
    expect(data<AppointmentView>(x!).appointmentId).toBe(data<AppointmentView>(y!).appointmentId);
    const again = data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId }));
    expect(again.appointmentId).toBe(data<AppointmentView>(x!).appointmentId);
    const list = data<{ appointments: AppointmentView[] }>(await w.call('o-1', 'appointment.list', { patientId: p }));
    expect(list.appointments).toHaveLength(1);
  });

  test('limits: one per doctor per half-day, at most 3 live; cancelling frees a place', async () => {
    const p = await w.patient('o-1', 3);
    const first = await freeSlotOn(TOMORROW, 'AM');
    data(await w.call('o-1', 'appointment.create', { patientId: p, slotId: first.slotId }));
    w.fmCalls.length = 0;
    expect(await w.call('o-1', 'appointment.create', { patientId: p, slotId: first.other })).toEqual({
      ok: false,
      code: 'RULE_VIOLATION',
      message: '同一医生同一时段只能预约一次',
      field: 'slotId',
    });
    expect(w.fmCalls).not.toContain('appointment.book');

    const second = data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: (await freeSlotOn(TOMORROW, 'AM', 1)).slotId }));
    data(await w.call('o-1', 'appointment.create', { patientId: p, slotId: (await freeSlotOn(TOMORROW, 'PM')).slotId }));
    const fourth = await freeSlotOn(DAY_6);
    w.fmCalls.length = 0;
    expect(await w.call('o-1', 'appointment.create', { patientId: p, slotId: fourth.slotId })).toEqual({
      ok: false,
      code: 'LIMIT_REACHED',
      message: '最多同时持有3个有效预约',
      field: 'slotId',
    });
    expect(w.fmCalls).not.toContain('appointment.book');

    data(await w.call('o-1', 'appointment.cancel', { appointmentId: second.appointmentId }));
    expect(data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: fourth.slotId })).status).toBe('booked');
    // A second patient of the same account has limits of their own.
    const q = await w.patient('o-1', 4);
    expect((await w.call('o-1', 'appointment.create', { patientId: q, slotId: first.other })).ok).toBe(true);
  });

  test('a taken slot answers SOLD_OUT', async () => {
    const [p, q] = [await w.patient('o-1', 5), await w.patient('o-2', 6)];
    const { schedule, slotId } = await freeSlotOn(TOMORROW);
    data(await w.call('o-1', 'appointment.create', { patientId: p, slotId }));
    w.fmCalls.length = 0;
    // The slot list shows it taken and q has no booking of ours: SOLD_OUT without a hospital write.
    expect(await w.call('o-2', 'appointment.create', { patientId: q, slotId })).toEqual({ ok: false, code: 'SOLD_OUT', message: '该时段已被预约，请选择其他时段', field: 'slotId' });
    expect(w.fmCalls).toEqual(['slot.get']);
    // Named with its schedule (as the mini program sends it), the cached slot list answers.
    w.fmCalls.length = 0;
    expect(await w.call('o-2', 'appointment.create', { patientId: q, slotId, scheduleId: schedule.scheduleId })).toMatchObject({ ok: false, code: 'SOLD_OUT', field: 'slotId' });
    expect(w.fmCalls).toEqual(['slot.list']);
    // A patient with bookings of their own goes the whole way; the hospital answers SOLD_OUT.
    data(await w.call('o-2', 'appointment.create', { patientId: q, slotId: (await freeSlotOn(DAY_6)).slotId }));
    expect(await w.call('o-2', 'appointment.create', { patientId: q, slotId })).toMatchObject({ ok: false, code: 'SOLD_OUT', field: 'slotId' });
  });

  test('an unknown slot is NOT_FOUND (field slotId); a patient not bound is FORBIDDEN', async () => {
    const p = await w.patient('o-1', 7);
    expect(await w.call('o-1', 'appointment.create', { patientId: p, slotId: 'NOSUCHSLOT' })).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'slotId' });
    const { slotId } = await freeSlotOn(TOMORROW);
    expect(await w.call('o-2', 'appointment.create', { patientId: p, slotId })).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'patientId' });
  });

  test('a slot of another schedule is refused naming the slot, nothing booked or held', async () => {
    const p = await w.patient('o-1', 8);
    const [one, other] = [await freeSlotOn(TOMORROW, undefined, 0), await freeSlotOn(TOMORROW, undefined, 1)];
    w.fmCalls.length = 0;
    const wrong = { patientId: p, slotId: other.slotId, scheduleId: one.schedule.scheduleId };
    expect(await w.call('o-1', 'appointment.create', wrong)).toEqual({ ok: false, code: 'RULE_VIOLATION', message: BOOKING_MESSAGES.slotOfOtherSchedule, field: 'slotId' });
    expect(await w.call('o-1', 'registration.create', wrong)).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'slotId' });
    expect(w.fmCalls.filter((op) => op === 'appointment.book' || op === 'slot.hold')).toEqual([]);
    expect(await w.call('o-1', 'appointment.create', { ...wrong, slotId: 'NOSUCHSLOT' })).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'slotId' });
    expect(await available(other.schedule.scheduleId, other.slotId)).toBe(true);
  });

  test('one patient racing for two slots of one doctor’s half-day (both pass the cloud’s check): the hospital books exactly one', async () => {
    const p = await w.patient('o-1', 9);
    const { schedule, slotId, other } = await freeSlotOn(DAY_6);
    const answers = await Promise.all([slotId, other].map((s) => w.call('o-1', 'appointment.create', { patientId: p, slotId: s, scheduleId: schedule.scheduleId })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject({ ok: false, code: 'RULE_VIOLATION', message: BOOKING_MESSAGES.sameDoctorHalfDay, field: 'slotId' });
    const live = data<{ appointments: AppointmentView[] }>(await w.call('o-1', 'appointment.list', { patientId: p })).appointments.filter((a) => a.status === 'booked');
    expect(live).toHaveLength(1);
  });
});

describe('card-less patients', () => {
  test('can book, cannot register the same day or take a number online', async () => {
    const p = await w.patient('o-1', 8, { card: false });
    const a = data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: (await freeSlotOn(TOMORROW, 'AM')).slotId }));
    const today = await freeSlotOn(TODAY, 'PM');
    w.fmCalls.length = 0;
    expect(await w.call('o-1', 'registration.create', { patientId: p, slotId: today.slotId })).toEqual({
      ok: false,
      code: 'RULE_VIOLATION',
      message: BOOKING_MESSAGES.registrationNeedsCard,
      field: 'patientId',
    });
    expect(w.fmCalls).toEqual([]);
    expect(await available(today.schedule.scheduleId, today.slotId)).toBe(true);

    await w.setNow(hospitalInstant(`${TOMORROW} 07:30:00`));
    expect(await w.call('o-1', 'appointment.takeNumber', { appointmentId: a.appointmentId })).toEqual({
      ok: false,
      code: 'RULE_VIOLATION',
      message: '线上取号需先绑定已实名认证的就诊卡，或就诊当日到院自助机取号',
      field: 'appointmentId',
    });
    expect(w.payCalls).toEqual([]);
  });
});

describe('appointment.cancel', () => {
  test('until 23:59:59 the day before (Shanghai); from 00:00:00 of the visit day refused, in the cloud and at the hospital', async () => {
    const p = await w.patient('o-1', 9);
    const early = data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: (await freeSlotOn(TOMORROW, 'AM')).slotId }));
    const late = await freeSlotOn(TOMORROW, 'PM');
    const lateA = data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: late.slotId }));

    await w.setNow(hospitalInstant(`${TODAY} 23:59:59`));
    const cancelled = data<AppointmentView>(await w.call('o-1', 'appointment.cancel', { appointmentId: early.appointmentId }));
    expect(cancelled).toMatchObject({ status: 'cancelled', statusLabel: '已取消', canCancel: false });

    await w.setNow(hospitalInstant(`${TOMORROW} 00:00:00`));
    w.fmCalls.length = 0;
    expect(await w.call('o-1', 'appointment.cancel', { appointmentId: lateA.appointmentId })).toEqual({
      ok: false,
      code: 'RULE_VIOLATION',
      message: '就诊当日不可在线取消预约，请到窗口办理',
      field: 'appointmentId',
    });
    expect(w.fmCalls).not.toContain('appointment.cancel');
    expect(await available(late.schedule.scheduleId, late.slotId)).toBe(false);

    // The hospital keeps the same deadline on its own clock (were the cloud's clock behind).
    const direct = await w.hospital.hospital.clock.now();
    expect(direct).toBe(hospitalInstant(`${TOMORROW} 00:00:00`));
  });

  test('the list shows upcoming first, and cancelled ones after', async () => {
    const p = await w.patient('o-1', 10);
    const later = data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: (await freeSlotOn(DAY_6)).slotId }));
    const sooner = data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: (await freeSlotOn(TOMORROW)).slotId }));
    const gone = data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: (await freeSlotOn(TOMORROW, 'PM')).slotId }));
    data(await w.call('o-1', 'appointment.cancel', { appointmentId: gone.appointmentId }));
    const { appointments } = data<{ appointments: AppointmentView[] }>(await w.call('o-1', 'appointment.list', {}));
    expect(appointments.map((a) => a.appointmentId)).toEqual([sooner.appointmentId, later.appointmentId, gone.appointmentId]);
  });
});

describe('appointment.takeNumber', () => {
  test('window edges; paid → a registration; the queue after check-in', async () => {
    const p = await w.patient('o-1', 11);
    const { schedule, slotId } = await freeSlotOn(TOMORROW, 'AM');
    const a = data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId }));

    await w.setNow(hospitalInstant(`${TOMORROW} 06:59:59`));
    expect(await w.call('o-1', 'appointment.takeNumber', { appointmentId: a.appointmentId })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', message: BOOKING_MESSAGES.takeTooEarly });
    await w.setNow(hospitalInstant(`${TOMORROW} 07:00:00`));
    const listed = data<{ appointments: AppointmentView[] }>(await w.call('o-1', 'appointment.list', { patientId: p })).appointments[0];
    expect(listed?.takeNumber.canTakeNow).toBe(true);
    const { order } = data<AppointmentPayResponse>(await w.call('o-1', 'appointment.takeNumber', { appointmentId: a.appointmentId }));
    expect(order).toMatchObject({ kind: 'take-number', amount: schedule.fee, description: '取号', status: 'paying' });

    await w.pay(order.outTradeNo);
    expect(await orderOf('o-1', order.outTradeNo)).toMatchObject({ status: 'confirmed', receiptNo: expect.any(String) });
    const [r] = data<{ registrations: RegistrationView[] }>(await w.call('o-1', 'registration.list', { patientId: p })).registrations;
    expect(r).toMatchObject({ source: 'take-number', appointmentId: a.appointmentId, status: 'paid', outTradeNo: order.outTradeNo, canRefund: true });
    expect(data<{ appointments: AppointmentView[] }>(await w.call('o-1', 'appointment.list', { patientId: p })).appointments[0]).toMatchObject({ statusLabel: '已取号', canCancel: false });
    expect(await w.ports.bookings.get('registration', r!.registrationId)).toMatchObject({ openid: 'o-1', patientId: p, outTradeNo: order.outTradeNo });

    const before = data<QueueStatus>(await w.call('o-1', 'queue.status', { registrationId: r!.registrationId }));
    expect(before.state).toBe('not-checked-in');
    expect((await w.control('/sandbox/queue/checkin', { registrationId: r!.registrationId })).status).toBe(200);
    const waiting = data<QueueStatus>(await w.call('o-1', 'queue.status', { registrationId: r!.registrationId }));
    expect(waiting).toMatchObject({ state: 'waiting', queueNo: r!.queueNo, room: expect.any(String) });
    // Checked in: no online 退号 any more (the hospital refuses, the refusal passes through).
    expect(await w.call('o-1', 'registration.refund', { registrationId: r!.registrationId })).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });
    expect((await orderOf('o-1', order.outTradeNo)).status).toBe('confirmed');
  });

  test('after the slot’s start the number can no longer be taken', async () => {
    const p = await w.patient('o-1', 12);
    const a = data<AppointmentView>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: (await freeSlotOn(TOMORROW, 'AM')).slotId }));
    await w.setNow(hospitalInstant(`${TOMORROW} ${a.startTime}:00`));
    expect(await w.call('o-1', 'appointment.takeNumber', { appointmentId: a.appointmentId })).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });
    expect(w.payCalls).toEqual([]);
  });
});

describe('registration.create (当日挂号)', () => {
  test('holds 10 minutes; unpaid, the janitor closes the order and the slot is free again', async () => {
    const p = await w.patient('o-1', 13);
    const { schedule, slotId } = await freeSlotOn(TODAY, 'PM');
    const r = data<RegistrationCreateResponse>(await w.call('o-1', 'registration.create', { patientId: p, slotId }));
    expect(r.order).toMatchObject({ kind: 'registration', amount: schedule.fee, description: '挂号费', status: 'paying' });
    expect(Date.parse(r.holdExpiresAt)).toBe(NOW + 10 * MINUTE);
    expect(r.order.expiresAt).toBe(r.holdExpiresAt);
    expect(await available(schedule.scheduleId, slotId)).toBe(false);
    // The same tap again meets the same hold and order.
    expect(data<RegistrationCreateResponse>(await w.call('o-1', 'registration.create', { patientId: p, slotId })).order.outTradeNo).toBe(r.order.outTradeNo);

    await w.advance(10 * MINUTE + 1000);
    await w.janitor();
    expect((await orderOf('o-1', r.order.outTradeNo)).status).toBe('closed');
    expect(await available(schedule.scheduleId, slotId)).toBe(true);
  });

  test('a payment after the hold lapsed and the slot went to someone else is refunded', async () => {
    const [p, q] = [await w.patient('o-1', 14), await w.patient('o-2', 15)];
    const { slotId } = await freeSlotOn(TODAY, 'PM');
    const mine = data<RegistrationCreateResponse>(await w.call('o-1', 'registration.create', { patientId: p, slotId }));
    await w.advance(11 * MINUTE);
    const theirs = data<RegistrationCreateResponse>(await w.call('o-2', 'registration.create', { patientId: q, slotId }));
    setPaySwitches({ payAfterExpiry: true }, mine.order.outTradeNo);
    await w.pay(mine.order.outTradeNo);
    await w.advance(MINUTE);
    const o = await orderOf('o-1', mine.order.outTradeNo);
    expect(o.status).toBe('refunded');
    expect(o.history.map((t) => t.to)).toEqual(['created', 'paying', 'paid', 'refunding', 'refunded']);
    expect(w.payCalls.filter((c) => c.method === 'refund').map((c) => c.params.outRefundNo)).toEqual([refundNoOf(mine.order.outTradeNo)]);
    // The other patient's registration goes through.
    await w.pay(theirs.order.outTradeNo);
    expect((await orderOf('o-2', theirs.order.outTradeNo)).status).toBe('confirmed');
  });

  test('paid → registered; 退号 → refunded (R + outTradeNo) and the slot is free again', async () => {
    const p = await w.patient('o-1', 16);
    const { schedule, slotId } = await freeSlotOn(TODAY, 'PM');
    const { order } = data<RegistrationCreateResponse>(await w.call('o-1', 'registration.create', { patientId: p, slotId }));
    await w.pay(order.outTradeNo);
    expect((await orderOf('o-1', order.outTradeNo)).status).toBe('confirmed');
    const [r] = data<{ registrations: RegistrationView[] }>(await w.call('o-1', 'registration.list', {})).registrations;
    expect(r).toMatchObject({ source: 'registration', status: 'paid', statusLabel: '已挂号', canRefund: true });

    const refunded = data<RegistrationView>(await w.call('o-1', 'registration.refund', { registrationId: r!.registrationId }));
    expect(refunded).toMatchObject({ status: 'refunded', canRefund: false });
    expect(refunded.statusLabel).toMatch(/^已退号/);
    await w.advance(MINUTE);
    const o = await orderOf('o-1', order.outTradeNo);
    expect(o).toMatchObject({ status: 'refunded', refundAmount: schedule.fee });
    expect(o.history.map((t) => [t.to, t.cause])).toContainEqual(['refunding', '退号']);
    expect(w.payCalls.filter((c) => c.method === 'refund').map((c) => c.params.outRefundNo)).toEqual([refundNoOf(order.outTradeNo)]);
    expect(await available(schedule.scheduleId, slotId)).toBe(true);
    expect(data<{ registrations: RegistrationView[] }>(await w.call('o-1', 'registration.list', {})).registrations[0]?.statusLabel).toBe('已退号，费用已原路退回');
    // Asked again: the same refund, nothing new.
    expect((await w.call('o-1', 'registration.refund', { registrationId: r!.registrationId })).ok).toBe(true);
    expect(w.payCalls.filter((c) => c.method === 'refund')).toHaveLength(1);

    // The next day's reconciliation finds the three records agreeing: paid, confirmed, refunded.
    await w.setNow(hospitalInstant(`${TOMORROW} 10:30:00`));
    const report = await w.reconcile(TODAY);
    expect(report.differences).toEqual([]);
  });

  test('a slot of another day is refused before anything is held', async () => {
    const p = await w.patient('o-1', 17);
    const { slotId } = await freeSlotOn(TOMORROW);
    w.fmCalls.length = 0;
    expect(await w.call('o-1', 'registration.create', { patientId: p, slotId })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', message: BOOKING_MESSAGES.slotNotToday });
    expect(w.fmCalls).not.toContain('slot.hold');
  });
});
