/**
 * A journey through every layer where the hospital charges at booking (local cloud host → front
 * machine → sandbox hospital, WeChat Pay emulated): the confirm page's rules from hospital.info →
 * book (held) → pay → booked; next morning 取号 without a second payment; then 取消 of another
 * prepaid appointment refunded to the original path.
 */
import type { DeptListResponse, HospitalInfoResponse, ScheduleListResponse } from '../../typings/api';
import type { AppointmentCreateResponse, AppointmentView, RegistrationView, SlotListResponse } from '../../typings/booking';
import type { Schedule } from '../../typings/hospital';
import type { OrderView } from '../../typings/payment';
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { hospitalInstant } from '../../miniprogram/core/time';
import type { RunningStack } from '../../scripts/stack';
import { data, journeyStack, orderAfter, post } from '../support/journey';

const NOW = hospitalInstant('2026-11-26 10:00:00');
const TOMORROW = '2026-11-27';
const first17 = '34010419900517382';
const PATIENT = { name: '周雨桐', idCardNo: first17 + idCardCheckChar(first17), phone: '13912345679' };

const journey = journeyStack(NOW, 12);
const call = journey.client('journey-prepayer');
let stack: RunningStack;
beforeAll(() => ({ stack } = journey));

async function freeSlots(date: string, n: number): Promise<{ schedule: Schedule; slotId: string }[]> {
  const found: { schedule: Schedule; slotId: string }[] = [];
  const { groups } = data<DeptListResponse>(await call('dept.list', {}));
  for (const dept of groups.flatMap((g) => g.children)) {
    const { schedules } = data<ScheduleListResponse>(await call('schedule.list', { deptId: dept.deptId, from: date, days: 1 }));
    for (const schedule of schedules.filter((s) => s.date === date && s.status === 'open')) {
      const free = data<SlotListResponse>(await call('slot.list', { scheduleId: schedule.scheduleId })).slots.filter((s) => s.available);
      const slot = free[free.length - 1];
      if (slot) found.push({ schedule, slotId: slot.slotId });
      if (found.length === n) return found;
    }
  }
  throw new Error(`fewer than ${n} sessions with free slots on ${date}`);
}

test('rules from hospital.info → book (held) → pay → booked → 取号 with no second payment; cancel a prepaid one → refunded', async () => {
  expect((await post(`${stack.hospitalUrl}/sandbox/rules`, { payAtBooking: true })).status).toBe(200);
  expect(data<HospitalInfoResponse>(await call('hospital.info', {})).bookingRules.payAtBooking).toBe(true);
  const { patientId } = data<{ patientId: string }>(await journey.bind('journey-prepayer', { ...PATIENT, relation: '本人' }));
  const card = await post(`${stack.hospitalUrl}/sandbox/cards`, { idCardNo: PATIENT.idCardNo, name: PATIENT.name, phone: PATIENT.phone, verified: true });
  data(await call('card.bind', { patientId, cardNo: card.json.cardNo as string }));

  const [first, second] = await freeSlots(TOMORROW, 2);
  const held = data<AppointmentCreateResponse>(await call('appointment.create', { patientId, slotId: first!.slotId, scheduleId: first!.schedule.scheduleId }));
  expect(held).toMatchObject({ status: 'held', statusLabel: '待支付', canPay: true });
  expect(held.pay?.order).toMatchObject({ kind: 'appointment', description: '预约挂号费', amount: first!.schedule.fee });
  const outTradeNo = held.pay?.order.outTradeNo ?? '';
  expect((await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo })).status).toBe(200);
  expect(await orderAfter(call, outTradeNo, ['paying', 'paid'])).toMatchObject({ status: 'confirmed' });
  expect(data<{ appointments: AppointmentView[] }>(await call('appointment.list', { patientId })).appointments.find((a) => a.appointmentId === held.appointmentId)).toMatchObject({
    status: 'booked',
    prepaid: true,
  });

  // Another one, paid, then cancelled the day before: the fee goes back the way it came.
  const other = data<AppointmentCreateResponse>(await call('appointment.create', { patientId, slotId: second!.slotId, scheduleId: second!.schedule.scheduleId }));
  const otherNo = other.pay?.order.outTradeNo ?? '';
  expect((await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: otherNo })).status).toBe(200);
  expect(await orderAfter(call, otherNo, ['paying', 'paid'])).toMatchObject({ status: 'confirmed' });
  expect(data<AppointmentView>(await call('appointment.cancel', { appointmentId: other.appointmentId }))).toMatchObject({ status: 'cancelled' });
  expect(await orderAfter(call, otherNo, ['confirmed', 'refunding'])).toMatchObject({ status: 'refunded', refundAmount: second!.schedule.fee });

  // Next morning: 取号 costs nothing more; the registration carries the booking's payment.
  expect((await post(`${stack.cloudUrl}/sandbox/clock`, { now: hospitalInstant(`${TOMORROW} 07:00:00`) })).status).toBe(200);
  const taken = data<{ registration: RegistrationView }>(await call('appointment.takeNumber', { appointmentId: held.appointmentId }));
  expect(taken.registration).toMatchObject({ source: 'take-number', status: 'paid', outTradeNo });
  const orders = data<{ orders: OrderView[] }>(await call('order.list', {})).orders;
  expect(orders.map((o) => o.kind).sort()).toEqual(['appointment', 'appointment']);
}, 60_000);
