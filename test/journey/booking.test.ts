/**
 * Journeys through every layer (local cloud host → front machine → sandbox hospital, WeChat Pay
 * emulated): book tomorrow → list → cancel; book → next day → take the number → pay → registration →
 * check in → queue → called; same-day registration → pay → 退号 → refunded.
 */
import type { DeptListResponse, ScheduleListResponse } from '../../typings/api';
import type { AppointmentPayResponse, AppointmentView, QueueStatus, RegistrationCreateResponse, RegistrationView, SlotListResponse } from '../../typings/booking';
import type { Schedule } from '../../typings/hospital';
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { hospitalInstant } from '../../miniprogram/core/time';
import type { RunningStack } from '../../scripts/stack';
import { data, journeyStack, orderAfter, post } from '../support/journey';

// 2026-11-26 10:00 in Shanghai.
const NOW = hospitalInstant('2026-11-26 10:00:00');
const TOMORROW = '2026-11-27';
const first17 = '34010419860214572';
const PATIENT = { name: '林晓燕', idCardNo: first17 + idCardCheckChar(first17), phone: '13912345678' };

const journey = journeyStack(NOW, 11);
const call = journey.client('journey-booker');
let stack: RunningStack;
beforeAll(() => ({ stack } = journey));

const setClock = (wall: string) => post(`${stack.cloudUrl}/sandbox/clock`, { now: hospitalInstant(wall) });

/** As the patient browses: department → doctor's session on a date → a free slot. */
async function freeSlot(date: string, period: 'AM' | 'PM', skip = 0): Promise<{ schedule: Schedule; slotId: string }> {
  const { groups } = data<DeptListResponse>(await call('dept.list', {}));
  let seen = 0;
  for (const dept of groups.flatMap((g) => g.children)) {
    const { schedules } = data<ScheduleListResponse>(await call('schedule.list', { deptId: dept.deptId, from: date, days: 1 }));
    for (const schedule of schedules.filter((s) => s.date === date && s.period === period && s.status === 'open')) {
      const free = data<SlotListResponse>(await call('slot.list', { scheduleId: schedule.scheduleId })).slots.find((s) => s.available);
      if (free && seen++ === skip) return { schedule, slotId: free.slotId };
    }
  }
  throw new Error(`no free ${period} slot on ${date}`);
}

test('book tomorrow → list → cancel; book → next day → take number → pay → check in → called; same-day registration → pay → 退号', async () => {
  const { patientId } = data<{ patientId: string }>(await journey.bind('journey-booker', { ...PATIENT, relation: '本人' }));
  const card = await post(`${stack.hospitalUrl}/sandbox/cards`, { idCardNo: PATIENT.idCardNo, name: PATIENT.name, phone: PATIENT.phone, verified: true });
  expect(card.status).toBe(200);
  data(await call('card.bind', { patientId, cardNo: card.json.cardNo as string }));

  // 1. Book tomorrow, see it in 我的预约, cancel it: the slot returns.
  const first = await freeSlot(TOMORROW, 'PM');
  const booked = data<AppointmentView>(await call('appointment.create', { patientId, slotId: first.slotId }));
  expect(booked).toMatchObject({ status: 'booked', statusLabel: '已预约', patientName: '林*燕', canCancel: true, date: TOMORROW });
  expect(data<{ appointments: AppointmentView[] }>(await call('appointment.list', {})).appointments.map((a) => a.appointmentId)).toEqual([booked.appointmentId]);
  expect(data<AppointmentView>(await call('appointment.cancel', { appointmentId: booked.appointmentId }))).toMatchObject({ status: 'cancelled', statusLabel: '已取消' });
  const again = data<SlotListResponse>(await call('slot.list', { scheduleId: first.schedule.scheduleId })).slots.find((s) => s.slotId === first.slotId);
  expect(again?.available).toBe(true);

  // 2. Book tomorrow morning; tomorrow at 07:30 take the number, pay, check in, get called.
  const morning = await freeSlot(TOMORROW, 'AM');
  const appointment = data<AppointmentView>(await call('appointment.create', { patientId, slotId: morning.slotId }));
  expect((await setClock(`${TOMORROW} 07:30:00`)).status).toBe(200);
  expect(await call('appointment.cancel', { appointmentId: appointment.appointmentId })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', message: '就诊当日不可在线取消预约，请到窗口办理' });
  const take = data<AppointmentPayResponse>(await call('appointment.takeNumber', { appointmentId: appointment.appointmentId }));
  expect(take.order).toMatchObject({ kind: 'take-number', description: '取号', amount: morning.schedule.fee, status: 'paying' });
  expect((await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: take.order.outTradeNo })).status).toBe(200);
  expect(await orderAfter(call, take.order.outTradeNo, ['paying', 'paid'])).toMatchObject({ status: 'confirmed', receiptNo: expect.any(String) });
  const registration = data<{ registrations: RegistrationView[] }>(await call('registration.list', { patientId })).registrations.find((r) => r.appointmentId === appointment.appointmentId);
  expect(registration).toMatchObject({ source: 'take-number', status: 'paid', statusLabel: '已挂号' });
  const registrationId = registration?.registrationId ?? '';
  expect(data<QueueStatus>(await call('queue.status', { registrationId }))).toMatchObject({ state: 'not-checked-in' });
  expect((await post(`${stack.hospitalUrl}/sandbox/queue/checkin`, { registrationId })).status).toBe(200);
  expect(data<QueueStatus>(await call('queue.status', { registrationId }))).toMatchObject({ state: 'waiting', queueNo: registration?.queueNo });
  expect((await post(`${stack.hospitalUrl}/sandbox/queue/next`, { scheduleId: morning.schedule.scheduleId })).status).toBe(200);
  const called = data<QueueStatus>(await call('queue.status', { registrationId }));
  expect(called).toMatchObject({ state: 'called', currentNo: registration?.queueNo, ahead: 0, room: expect.any(String) });

  // 3. Same-day registration for this afternoon: pay, then 退号 — refunded to the original path.
  const afternoon = await freeSlot(TOMORROW, 'PM', 1);
  const reg = data<RegistrationCreateResponse>(await call('registration.create', { patientId, slotId: afternoon.slotId }));
  expect(reg.order).toMatchObject({ kind: 'registration', description: '挂号费', amount: afternoon.schedule.fee });
  expect((await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: reg.order.outTradeNo })).status).toBe(200);
  expect(await orderAfter(call, reg.order.outTradeNo, ['paying', 'paid'])).toMatchObject({ status: 'confirmed' });
  const sameDay = data<{ registrations: RegistrationView[] }>(await call('registration.list', { patientId })).registrations.find((r) => r.outTradeNo === reg.order.outTradeNo);
  expect(sameDay).toMatchObject({ source: 'registration', canRefund: true });
  const refunded = data<RegistrationView>(await call('registration.refund', { registrationId: sameDay?.registrationId ?? '' }));
  expect(refunded).toMatchObject({ status: 'refunded' });
  const money = await orderAfter(call, reg.order.outTradeNo, ['confirmed', 'refunding']);
  expect(money).toMatchObject({ status: 'refunded', refundAmount: afternoon.schedule.fee });
  expect(money.history.map((t) => t.to)).toEqual(['created', 'paying', 'paid', 'confirmed', 'refunding', 'refunded']);
  const freed = data<SlotListResponse>(await call('slot.list', { scheduleId: afternoon.schedule.scheduleId })).slots.find((s) => s.slotId === afternoon.slotId);
  expect(freed?.available).toBe(true);
}, 60_000);
