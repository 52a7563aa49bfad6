/**
 * Where the hospital charges at booking (its rule, from hospital.info): the appointment is held while
 * unpaid, paid through the payment engine (kind appointment), booked once the hospital confirms;
 * unpaid it lapses and the order closes; a late payment is honoured only while the slot stayed free,
 * else refunded; cancel refunds to the original path; 取号 costs nothing more. Through the cloud
 * router against the real front machine and sandbox hospital; clocks are set, never waited on.
 */
import type { AppointmentCreateResponse, AppointmentPayResponse, AppointmentView, RegistrationCreateResponse, RegistrationView, SlotListResponse } from '../../typings/booking';
import type { OrderView } from '../../typings/payment';
import { hospitalInstant } from '../../miniprogram/core/time';
import { releaseHeld, setPaySwitches } from '../../sandbox/cloud/wx-server-sdk/cloudpay';
import { buildRequest } from '../../sandbox/hospital/xml';
import { BOOKING_MESSAGES } from '../../cloudfunctions/common/booking/rules';
import { refundNoOf } from '../../cloudfunctions/common/payments';
import { data, daysFrom, MINUTE, world, type World } from './world';

const NOW = hospitalInstant('2026-11-26 10:00:00');
const [TODAY, TOMORROW, DAY_2] = daysFrom(NOW, 3) as [string, string, string];

let w: World;
beforeEach(async () => {
  w = await world(NOW);
  // Before anything asks hospital.info, so the front machine's cached profile already says so.
  expect((await w.control('/sandbox/rules', { payAtBooking: true })).status).toBe(200);
});
afterEach(async () => {
  await w.close();
});

async function freeSlot(date: string, skip = 0) {
  const s = (await w.sessionsOn(date))[skip];
  if (!s) throw new Error(`no session on ${date}`);
  return { schedule: s.schedule, slotId: s.free[s.free.length - 1] as string };
}
const orderOf = async (openid: string, outTradeNo: string) => data<OrderView>(await w.call(openid, 'order.get', { outTradeNo }));
const appointmentsOf = async (openid: string) => data<{ appointments: AppointmentView[] }>(await w.call(openid, 'appointment.list', {})).appointments;
async function available(scheduleId: string, slotId: string): Promise<boolean> {
  const { slots } = data<SlotListResponse>(await w.call('o-browser', 'slot.list', { scheduleId }));
  return slots.find((s) => s.slotId === slotId)?.available ?? false;
}

test('hospital.info tells the mini program; a booking is held with its order, paid → booked; 取号 costs nothing more; 退号 refunds it', async () => {
  expect(data<{ bookingRules: unknown }>(await w.call('o-1', 'hospital.info', {})).bookingRules).toEqual({ payAtBooking: true, maxActiveAppointments: 3, holdMinutes: 10 });
  const p = await w.patient('o-1', 1);
  const { schedule, slotId } = await freeSlot(TOMORROW);
  const held = data<AppointmentCreateResponse>(await w.call('o-1', 'appointment.create', { patientId: p, slotId, scheduleId: schedule.scheduleId }));
  expect(held).toMatchObject({ status: 'held', statusLabel: '待支付', canPay: true, prepaid: false, canCancel: true, holdExpiresAt: new Date(NOW + 10 * MINUTE).toISOString() });
  expect(held.pay?.order).toMatchObject({ kind: 'appointment', amount: schedule.fee, description: '预约挂号费', status: 'paying', expiresAt: held.holdExpiresAt });
  expect(await available(schedule.scheduleId, slotId)).toBe(false);
  const outTradeNo = held.pay?.order.outTradeNo ?? '';
  // A double submission meets the same appointment and the same order.
  expect(data<AppointmentCreateResponse>(await w.call('o-1', 'appointment.create', { patientId: p, slotId })).pay?.order.outTradeNo).toBe(outTradeNo);
  // 去支付 from 我的预约 is the same order too.
  expect(data<AppointmentPayResponse>(await w.call('o-1', 'appointment.pay', { appointmentId: held.appointmentId })).order.outTradeNo).toBe(outTradeNo);

  await w.pay(outTradeNo);
  expect(await orderOf('o-1', outTradeNo)).toMatchObject({ status: 'confirmed', receiptNo: expect.any(String) });
  const [booked] = await appointmentsOf('o-1');
  expect(booked).toMatchObject({ status: 'booked', statusLabel: '已预约', prepaid: true, canPay: false, outTradeNo });
  expect(await w.call('o-1', 'appointment.pay', { appointmentId: held.appointmentId })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', message: BOOKING_MESSAGES.notPayable });

  await w.setNow(hospitalInstant(`${TOMORROW} 07:00:00`));
  const unifiedOrders = w.payCalls.filter((c) => c.method === 'unifiedOrder').length;
  const taken = data<{ registration: RegistrationView }>(await w.call('o-1', 'appointment.takeNumber', { appointmentId: held.appointmentId }));
  expect(taken.registration).toMatchObject({ source: 'take-number', status: 'paid', outTradeNo, canRefund: true });
  expect(w.payCalls.filter((c) => c.method === 'unifiedOrder')).toHaveLength(unifiedOrders);
  expect((await w.call('o-1', 'appointment.takeNumber', { appointmentId: held.appointmentId })).ok).toBe(false);

  expect(data<RegistrationView>(await w.call('o-1', 'registration.refund', { registrationId: taken.registration.registrationId }))).toMatchObject({ status: 'refunded' });
  await w.advance(MINUTE);
  expect(await orderOf('o-1', outTradeNo)).toMatchObject({ status: 'refunded', refundAmount: schedule.fee });
  expect(w.payCalls.filter((c) => c.method === 'refund').map((c) => c.params.outRefundNo)).toEqual([refundNoOf(outTradeNo)]);

  // The day's reconciliation: WeChat's bill, the ledger and the hospital's APPT payment agree.
  await w.setNow(hospitalInstant(`${DAY_2} 10:30:00`));
  expect((await w.reconcile(TODAY)).differences).toEqual([]);
});

test('unpaid, the hold lapses: the slot returns and the janitor closes the order; a late payment while the slot stayed free is honoured', async () => {
  const p = await w.patient('o-1', 2);
  const first = await freeSlot(TOMORROW);
  const a = data<AppointmentCreateResponse>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: first.slotId }));
  await w.advance(10 * MINUTE);
  expect(await available(first.schedule.scheduleId, first.slotId)).toBe(true);
  expect((await appointmentsOf('o-1'))[0]).toMatchObject({ status: 'cancelled', canPay: false, canCancel: false });
  expect(await w.call('o-1', 'appointment.pay', { appointmentId: a.appointmentId })).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });
  await w.janitor();
  expect((await orderOf('o-1', a.pay?.order.outTradeNo ?? '')).status).toBe('closed');

  const second = await freeSlot(DAY_2);
  const b = data<AppointmentCreateResponse>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: second.slotId }));
  await w.advance(11 * MINUTE);
  setPaySwitches({ payAfterExpiry: true }, b.pay?.order.outTradeNo);
  await w.pay(b.pay?.order.outTradeNo ?? '');
  expect((await orderOf('o-1', b.pay?.order.outTradeNo ?? '')).status).toBe('confirmed');
  expect((await appointmentsOf('o-1')).find((x) => x.appointmentId === b.appointmentId)).toMatchObject({ status: 'booked', prepaid: true });
  expect(await available(second.schedule.scheduleId, second.slotId)).toBe(false);
});

test('a payment after the hold lapsed and the slot went to someone else is refunded', async () => {
  const [p, q] = [await w.patient('o-1', 3), await w.patient('o-2', 4)];
  const { slotId } = await freeSlot(TOMORROW);
  const mine = data<AppointmentCreateResponse>(await w.call('o-1', 'appointment.create', { patientId: p, slotId }));
  await w.advance(11 * MINUTE);
  const theirs = data<AppointmentCreateResponse>(await w.call('o-2', 'appointment.create', { patientId: q, slotId }));
  expect(theirs.status).toBe('held');
  const late = mine.pay?.order.outTradeNo ?? '';
  setPaySwitches({ payAfterExpiry: true }, late);
  await w.pay(late);
  await w.advance(MINUTE);
  const o = await orderOf('o-1', late);
  expect(o.history.map((t) => t.to)).toEqual(['created', 'paying', 'paid', 'refunding', 'refunded']);
  expect(w.payCalls.filter((c) => c.method === 'refund').map((c) => c.params.outRefundNo)).toEqual([refundNoOf(late)]);
  await w.pay(theirs.pay?.order.outTradeNo ?? '');
  expect((await orderOf('o-2', theirs.pay?.order.outTradeNo ?? '')).status).toBe('confirmed');
});

test('cancel: a held one frees the slot and its order closes unpaid; a paid one is refunded to the original path, once', async () => {
  const p = await w.patient('o-1', 5);
  const first = await freeSlot(TOMORROW);
  const held = data<AppointmentCreateResponse>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: first.slotId }));
  expect(data<AppointmentView>(await w.call('o-1', 'appointment.cancel', { appointmentId: held.appointmentId }))).toMatchObject({ status: 'cancelled', canPay: false });
  expect(await available(first.schedule.scheduleId, first.slotId)).toBe(true);
  const unpaid = held.pay?.order.outTradeNo ?? '';
  expect(Date.parse((await orderOf('o-1', unpaid)).expiresAt)).toBe(NOW);
  // WeChat closes nothing younger than 5 minutes: the janitor's next runs do it.
  await w.advance(5 * MINUTE);
  await w.janitor();
  expect((await orderOf('o-1', unpaid)).status).toBe('closed');

  const second = await freeSlot(DAY_2);
  const paid = data<AppointmentCreateResponse>(await w.call('o-1', 'appointment.create', { patientId: p, slotId: second.slotId }));
  const outTradeNo = paid.pay?.order.outTradeNo ?? '';
  await w.pay(outTradeNo);
  const cancelled = data<AppointmentView>(await w.call('o-1', 'appointment.cancel', { appointmentId: paid.appointmentId }));
  expect(cancelled).toMatchObject({ status: 'cancelled', prepaid: true });
  await w.advance(MINUTE);
  const o = await orderOf('o-1', outTradeNo);
  expect(o).toMatchObject({ status: 'refunded', refundAmount: second.schedule.fee });
  expect(o.history.map((t) => [t.to, t.cause])).toContainEqual(['refunding', '取消预约']);
  expect(w.payCalls.find((c) => c.method === 'refund')?.params).toMatchObject({ outRefundNo: refundNoOf(outTradeNo), refundDesc: '退号或取消预约，挂号费原路退回' });
  // Asked again: the same cancelled appointment, the same refund, nothing new.
  expect((await w.call('o-1', 'appointment.cancel', { appointmentId: paid.appointmentId })).ok).toBe(true);
  expect(w.payCalls.filter((c) => c.method === 'refund')).toHaveLength(1);
  expect(await available(second.schedule.scheduleId, second.slotId)).toBe(true);
});

test('cancelled between the hospital’s confirmation and the ledger’s: the replayed confirmation finds it cancelled and refunds', async () => {
  const p = await w.patient('o-1', 7);
  const { slotId } = await freeSlot(TOMORROW);
  const held = data<AppointmentCreateResponse>(await w.call('o-1', 'appointment.create', { patientId: p, slotId }));
  const outTradeNo = held.pay?.order.outTradeNo ?? '';
  // The patient pays; WeChat's callback is late, and the hospital records the payment first (a confirmation the ledger never heard back from).
  setPaySwitches({ late: true }, outTradeNo);
  await w.pay(outTradeNo);
  const body = { PatientId: p, AppointmentNo: held.appointmentId, TotalFee: (held.fee / 100).toFixed(2), TradeNo: outTradeNo, TransactionId: 'TX-EARLY', PayTime: '2026-11-26 10:00:30', PayChannel: 'WECHAT' };
  const hsb = await fetch(`${w.hospital.url}/hsb`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: buildRequest('ConfirmAppointment', 'early-1', '2026-11-26 10:00:30', body) });
  expect(await hsb.text()).toContain('<ResultCode>0</ResultCode>');

  expect(data<AppointmentView>(await w.call('o-1', 'appointment.cancel', { appointmentId: held.appointmentId }))).toMatchObject({ status: 'cancelled', prepaid: true });
  await releaseHeld(outTradeNo);
  await w.advance(MINUTE);
  // The refund's callback is late too.
  await releaseHeld(outTradeNo);
  await w.advance(MINUTE);
  const o = await orderOf('o-1', outTradeNo);
  expect(o.status).toBe('refunded');
  expect(o.history.map((t) => t.to)).toEqual(['created', 'paying', 'paid', 'confirmed', 'refunding', 'refunded']);
});

test('当日挂号 holds a slot for the hospital’s hold minutes', async () => {
  expect((await w.control('/sandbox/rules', { holdMinutes: 15 })).status).toBe(200);
  const p = await w.patient('o-1', 6);
  const pm = (await w.sessionsOn(TODAY)).find((s) => s.schedule.period === 'PM');
  if (!pm) throw new Error('no afternoon session today');
  const r = data<RegistrationCreateResponse>(await w.call('o-1', 'registration.create', { patientId: p, slotId: pm.free[0] as string, scheduleId: pm.schedule.scheduleId }));
  expect(Date.parse(r.holdExpiresAt)).toBe(NOW + 15 * MINUTE);
});
