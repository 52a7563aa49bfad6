/**
 * Journeys through every layer (local cloud host → front machine → HSB XML → sandbox hospital, WeChat
 * Pay emulated) where the hospital applies a write after the front machine stopped waiting (the
 * sandbox's `late-commit` fault), and where a patient lost a slot that later frees up:
 * 1. 退号 whose answer is lost → 退号处理中 → the janitor finishes it: refunded.
 * 2. a bill confirmation recorded late, the hospital silent past the deadline → never refunded, confirmed.
 * 3. a booking made at the hospital whose answer was lost → found, shown, and cancellable.
 * 4. a patient who lost a slot books it once it frees up (no replayed refusal).
 */
import type { AppointmentCreateResponse, AppointmentView, RegistrationCreateResponse, RegistrationView, SlotListResponse } from '../../typings/booking';
import type { DeptListResponse, ScheduleListResponse } from '../../typings/api';
import type { Schedule } from '../../typings/hospital';
import type { BillListResponse, BillPayResponse, CostListResponse, OrderView } from '../../typings/payment';
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { hospitalInstant } from '../../miniprogram/core/time';
import type { RunningStack } from '../../scripts/stack';
import { runWithContext } from '../../sandbox/cloud/wx-server-sdk';
import { bindPatient as bindThroughCode, sandboxInbox } from '../../scripts/bind-patient';
import { data, journeyStack, orderAfter, post, type CloudCall } from '../support/journey';

const NOW = hospitalInstant('2026-11-26 08:00:00');
const TODAY = '2026-11-26';
const TOMORROW = '2026-11-27';
const MINUTE = 60_000;

const journey = journeyStack(NOW, 13);
let stack: RunningStack;
beforeAll(() => ({ stack } = journey));
afterEach(async () => {
  await fetch(`${stack.hospitalUrl}/sandbox/faults`, { method: 'DELETE' });
});

const person = (first17: string, name: string, phone: string) => ({ name, idCardNo: first17 + idCardCheckChar(first17), phone });

/** The one place these journeys bind a patient (with a verified card): the merge changes only here. */
async function bindPatient(call: CloudCall, p: { name: string; idCardNo: string; phone: string }): Promise<string> {
  const { patientId } = data<{ patientId: string }>(await bindThroughCode(call, { ...p, relation: '本人' }, sandboxInbox(stack.hospitalUrl)));
  const card = await post(`${stack.hospitalUrl}/sandbox/cards`, { idCardNo: p.idCardNo, name: p.name, phone: p.phone, verified: true });
  data(await call('card.bind', { patientId, cardNo: card.json.cardNo as string }));
  return patientId;
}

async function fault(service: string, mode: string): Promise<void> {
  // delayMs 0: the late commit drops the connection at once, so the front machine fails fast.
  expect((await post(`${stack.hospitalUrl}/sandbox/faults`, { service, mode, ...(mode === 'late-commit' ? { delayMs: 0 } : {}) })).status).toBe(200);
}

async function janitor(): Promise<unknown> {
  const scheduler = (await import('../../cloudfunctions/scheduler/src/index')) as { main(e: unknown, c: unknown): Promise<unknown> };
  return runWithContext({ SOURCE: 'wx_trigger' }, () => scheduler.main({ job: 'janitor' }, {}));
}

async function setClock(ms: number): Promise<void> {
  expect((await post(`${stack.cloudUrl}/sandbox/clock`, { now: ms })).status).toBe(200);
}

async function slotsOn(call: CloudCall, date: string, after: string): Promise<{ schedule: Schedule; slotId: string }[]> {
  const found: { schedule: Schedule; slotId: string }[] = [];
  const { groups } = data<DeptListResponse>(await call('dept.list', {}));
  for (const dept of groups.flatMap((g) => g.children)) {
    const { schedules } = data<ScheduleListResponse>(await call('schedule.list', { deptId: dept.deptId, from: date, days: 1 }));
    for (const schedule of schedules.filter((s) => s.date === date && s.status === 'open')) {
      const free = data<SlotListResponse>(await call('slot.list', { scheduleId: schedule.scheduleId })).slots.filter((s) => s.available && s.startTime >= after);
      const slot = free[free.length - 1];
      if (slot) found.push({ schedule, slotId: slot.slotId });
      if (found.length === 3) return found;
    }
  }
  if (found.length === 0) throw new Error(`no free slots on ${date}`);
  return found;
}

test('1. 退号 whose answer is lost: 退号处理中, then the janitor finishes it and the fee is refunded', async () => {
  const call = journey.client('late-1');
  const patientId = await bindPatient(call, person('34010419860214572', '林晓东', '13812340001'));
  const [slot] = await slotsOn(call, TODAY, '13:00');
  const created = data<RegistrationCreateResponse>(await call('registration.create', { patientId, slotId: slot!.slotId, scheduleId: slot!.schedule.scheduleId }));
  expect((await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: created.order.outTradeNo })).status).toBe(200);
  expect(await orderAfter(call, created.order.outTradeNo, ['paying', 'paid'])).toMatchObject({ status: 'confirmed' });
  const registration = data<{ registrations: RegistrationView[] }>(await call('registration.list', { patientId })).registrations[0]!;
  expect(registration.canRefund).toBe(true);

  await fault('RefundRegistration', 'late-commit');
  expect(await call('registration.refund', { registrationId: registration.registrationId })).toMatchObject({ ok: false, code: 'HOSPITAL_UNAVAILABLE' });
  // The hospital released it; the patient sees where the money is, and cannot ask twice.
  const pending = data<{ registrations: RegistrationView[] }>(await call('registration.list', { patientId })).registrations[0]!;
  expect(pending).toMatchObject({ status: 'refunded', statusLabel: '退号处理中', canRefund: false });
  expect(data<OrderView>(await call('order.get', { outTradeNo: created.order.outTradeNo }))).toMatchObject({ status: 'confirmed', statusLabel: '退号处理中' });

  await fault('RefundRegistration', 'off');
  expect(await janitor()).toMatchObject({ janitor: { worked: 1 } });
  const refunded = await orderAfter(call, created.order.outTradeNo, ['confirmed', 'refunding']);
  expect(refunded).toMatchObject({ status: 'refunded', refundAmount: created.order.amount });
  expect(refunded.history.map((t) => t.to)).toEqual(['created', 'paying', 'paid', 'confirmed', 'refunding', 'refunded']);
  const wechat = (await (await fetch(`${stack.cloudUrl}/sandbox/pay/orders/${created.order.outTradeNo}`)).json()) as { refunds: { refundFee: number }[] };
  expect(wechat.refunds).toEqual([expect.objectContaining({ refundFee: created.order.amount })]);
});

test('2. a bill confirmation the hospital recorded late, the hospital silent past the deadline: never refunded, confirmed when it answers', async () => {
  const call = journey.client('late-2');
  const patientId = await bindPatient(call, person('34010419860214573', '赵一鸣', '13812340002'));
  expect((await post(`${stack.hospitalUrl}/sandbox/visits`, { patientId })).status).toBe(200);
  const { bills, total } = data<BillListResponse>(await call('bill.list', { patientId }));
  const billIds = bills.map((b) => b.billId);
  const { order } = data<BillPayResponse>(await call('bill.pay', { patientId, billIds }));

  await fault('ConfirmPayment', 'late-commit');
  expect((await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: order.outTradeNo })).status).toBe(200);
  expect(await orderAfter(call, order.outTradeNo, ['paying'])).toMatchObject({ status: 'paid', statusLabel: '已支付，正在向医院确认' });
  // The hospital holds the payment already.
  const costs = data<CostListResponse>(await call('cost.list', { patientId }));
  expect(costs.visits.flatMap((v) => v.bills).filter((b) => billIds.includes(b.billId)).map((b) => b.status)).toEqual(billIds.map(() => 'paid'));

  // The hospital cannot answer, past the 30-minute deadline: the janitor asks, alerts, and refunds nothing.
  await fault('ConfirmPayment', 'error');
  await setClock(NOW + 40 * MINUTE);
  await janitor();
  expect(data<OrderView>(await call('order.get', { outTradeNo: order.outTradeNo }))).toMatchObject({ status: 'paid', refundAmount: null });

  await fault('ConfirmPayment', 'off');
  await setClock(NOW + 60 * MINUTE);
  await janitor();
  expect(data<OrderView>(await call('order.get', { outTradeNo: order.outTradeNo }))).toMatchObject({ status: 'confirmed', amount: total, refundAmount: null });
  const wechat = (await (await fetch(`${stack.cloudUrl}/sandbox/pay/orders/${order.outTradeNo}`)).json()) as { refunds: unknown[] };
  expect(wechat.refunds).toEqual([]);
  await setClock(NOW);
});

test('3. a booking made at the hospital whose answer was lost: found, shown as the patient’s, and cancellable', async () => {
  const call = journey.client('late-3');
  const patientId = await bindPatient(call, person('34010419860214574', '钱小雨', '13812340003'));
  const [slot] = await slotsOn(call, TOMORROW, '00:00');
  await fault('BookAppointment', 'late-commit');
  expect(await call('appointment.create', { patientId, slotId: slot!.slotId, scheduleId: slot!.schedule.scheduleId })).toMatchObject({ ok: false, code: 'HOSPITAL_UNAVAILABLE' });
  await fault('BookAppointment', 'off');

  // 我的预约 shows it as the patient's, and they can cancel it (no FORBIDDEN).
  const listed = data<{ appointments: AppointmentView[] }>(await call('appointment.list', { patientId })).appointments.find((a) => a.slotId === slot!.slotId);
  expect(listed).toMatchObject({ status: 'booked' });
  const cancelled = data<AppointmentView>(await call('appointment.cancel', { appointmentId: listed!.appointmentId }));
  expect(cancelled).toMatchObject({ status: 'cancelled' });
});

test('3b. booking again after a lost answer, once the slot shows taken: the patient’s own booking, no SOLD_OUT', async () => {
  const call = journey.client('late-3b');
  const other = journey.client('late-3b-other');
  const patientId = await bindPatient(call, person('34010419860214575', '孙浩然', '13812340004'));
  const otherId = await bindPatient(other, person('34010419860214578', '郑可欣', '13812340007'));
  const [slot] = await slotsOn(call, TOMORROW, '00:00');
  await fault('BookAppointment', 'late-commit');
  expect(await call('appointment.create', { patientId, slotId: slot!.slotId, scheduleId: slot!.schedule.scheduleId })).toMatchObject({ ok: false, code: 'HOSPITAL_UNAVAILABLE' });
  await fault('BookAppointment', 'off');
  // Someone else books in the same session, so the session's slot list is read afresh: ours shows taken.
  const { slots } = data<SlotListResponse>(await other('slot.list', { scheduleId: slot!.schedule.scheduleId }));
  const another = slots.find((s) => s.available && s.slotId !== slot!.slotId)!;
  data(await other('appointment.create', { patientId: otherId, slotId: another.slotId, scheduleId: slot!.schedule.scheduleId }));
  expect(data<SlotListResponse>(await call('slot.list', { scheduleId: slot!.schedule.scheduleId })).slots.find((s) => s.slotId === slot!.slotId)?.available).toBe(false);

  const again = data<AppointmentCreateResponse>(await call('appointment.create', { patientId, slotId: slot!.slotId, scheduleId: slot!.schedule.scheduleId }));
  expect(again).toMatchObject({ status: 'booked', slotId: slot!.slotId, patientId });
  expect(data<AppointmentView>(await call('appointment.cancel', { appointmentId: again.appointmentId }))).toMatchObject({ status: 'cancelled' });
});

test('4. a patient who lost a slot books it once it frees up: the refusal is not replayed', async () => {
  const winner = journey.client('late-4-winner');
  const loser = journey.client('late-4-loser');
  const w = await bindPatient(winner, person('34010419860214576', '周大成', '13812340005'));
  const l = await bindPatient(loser, person('34010419860214577', '吴思远', '13812340006'));
  const slots = await slotsOn(winner, TOMORROW, '14:00');
  const [slot, elsewhere] = [slots[0]!, slots[1]!];
  // The loser already holds a booking with us, so their attempt goes to the hospital (no fast refusal in the cloud).
  data(await loser('appointment.create', { patientId: l, slotId: elsewhere.slotId, scheduleId: elsewhere.schedule.scheduleId }));
  const won = data<AppointmentCreateResponse>(await winner('appointment.create', { patientId: w, slotId: slot.slotId, scheduleId: slot.schedule.scheduleId }));
  expect(await loser('appointment.create', { patientId: l, slotId: slot.slotId, scheduleId: slot.schedule.scheduleId })).toMatchObject({ ok: false, code: 'SOLD_OUT' });
  data(await winner('appointment.cancel', { appointmentId: won.appointmentId }));
  const booked = data<AppointmentCreateResponse>(await loser('appointment.create', { patientId: l, slotId: slot.slotId, scheduleId: slot.schedule.scheduleId }));
  expect(booked).toMatchObject({ status: 'booked', slotId: slot.slotId, patientId: l });
});
