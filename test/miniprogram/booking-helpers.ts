/**
 * Booking page helpers: sessions with timed slots, appointments, registrations and the queue behind
 * the fake api, kept as the cloud would keep them (an account with 张*明, verified card, and 张*宝,
 * card-less), on top of the payment helpers' ledger so paying and the result page work end to end.
 */
import type { AppointmentStatus, AppointmentView, QueueStatus, RegistrationView, SlotChoice } from '../../typings/booking';
import type { Schedule } from '../../typings/hospital';
import type { Failure } from '../../typings/result';
import { doctorSession, DOCTORS, HOSPITAL, XIAOBAO, ZHANG, type Handlers } from './helpers';
import { fakePayments, makeOrder, NOW, PAYMENT, type FakePayments } from './payment-helpers';

export { NOW };

const WANG = DOCTORS[0]!;
const LI_XIUYING = DOCTORS[1]!;

function schedule(partial: Partial<Schedule> & Pick<Schedule, 'scheduleId' | 'date' | 'period'>, doctor = WANG): Schedule {
  return doctorSession(doctor, { totalSlots: 3, remaining: 2, ...partial });
}

/** Today (2026-11-30, a Monday, the tests' clock) in the morning: 当日挂号. */
export const TODAY_SESSION = schedule({ scheduleId: 'S1', date: '2026-11-30', period: 'AM' });
/** Wednesday morning with 李秀英: 预约. */
export const LATER_SESSION = schedule({ scheduleId: 'S4', date: '2026-12-02', period: 'AM' }, LI_XIUYING);

export const SLOTS: Record<string, SlotChoice[]> = {
  S1: [
    { slotId: 'S1-10', startTime: '10:00', endTime: '10:15', available: true },
    { slotId: 'S1-09', startTime: '09:30', endTime: '09:45', available: false },
  ],
  S4: [
    { slotId: 'S4-01', startTime: '08:00', endTime: '08:15', available: true },
    { slotId: 'S4-02', startTime: '08:15', endTime: '08:30', available: false },
    { slotId: 'S4-03', startTime: '08:30', endTime: '08:45', available: true },
  ],
};

const LABELS: Record<AppointmentStatus, string> = { held: '待支付', booked: '已预约', 'checked-in': '已取号', fulfilled: '已就诊', cancelled: '已取消', 'no-show': '已爽约' };

/** An appointment as the cloud answers it; by default 张*明 with 李秀英 on 12-02 at 08:00, cancellable. */
export function appointment(partial: Partial<AppointmentView> = {}): AppointmentView {
  const status = partial.status ?? 'booked';
  return {
    appointmentId: 'A1001',
    patientId: ZHANG.patientId,
    patientName: ZHANG.name,
    scheduleId: 'S4',
    slotId: 'S4-01',
    doctorId: LI_XIUYING.doctorId,
    doctorName: LI_XIUYING.name,
    title: LI_XIUYING.title,
    deptId: LI_XIUYING.deptId,
    deptName: LI_XIUYING.deptName,
    date: '2026-12-02',
    period: 'AM',
    startTime: '08:00',
    endTime: '08:15',
    fee: LI_XIUYING.fee,
    location: '门诊楼3楼A区',
    status,
    statusLabel: LABELS[status],
    registrationId: null,
    // 00:00 of 12-02 in Shanghai; the take-number window 07:00–08:00 that morning.
    cancelDeadline: '2026-12-01T16:00:00.000Z',
    canCancel: true,
    takeNumber: { opensAt: '2026-12-01T23:00:00.000Z', closesAt: '2026-12-02T00:00:00.000Z', canTakeNow: false },
    holdExpiresAt: null,
    outTradeNo: null,
    canPay: false,
    prepaid: false,
    ...partial,
  };
}

/** A registration as the cloud answers it; by default 张*明's 当日挂号 with 王建国 today, refundable. */
export function registration(partial: Partial<RegistrationView> = {}): RegistrationView {
  const status = partial.status ?? 'paid';
  return {
    registrationId: 'R1001',
    patientId: ZHANG.patientId,
    patientName: ZHANG.name,
    scheduleId: 'S1',
    slotId: 'S1-10',
    doctorName: WANG.name,
    title: WANG.title,
    deptName: WANG.deptName,
    date: '2026-11-30',
    period: 'AM',
    startTime: '10:00',
    endTime: '10:15',
    fee: WANG.fee,
    location: '门诊楼3楼A区',
    status,
    statusLabel: status === 'paid' ? '已挂号' : status === 'refunded' ? '已退号' : '已就诊',
    source: 'registration',
    appointmentId: null,
    outTradeNo: 'G0001N1',
    queueNo: 12,
    canRefund: status === 'paid',
    ...partial,
  };
}

/** The account's booking state behind the fake api. */
export interface FakeBooking {
  payments: FakePayments;
  slots: Record<string, SlotChoice[]>;
  appointments: AppointmentView[];
  registrations: RegistrationView[];
  queue: QueueStatus;
  /** When set, the next booking action of that name answers this failure instead. */
  refuse: Partial<Record<'appointment.create' | 'registration.create' | 'appointment.cancel' | 'appointment.takeNumber' | 'registration.refund' | 'queue.status', Failure>>;
  handlers: Handlers;
}

/** `payAtBooking`: the hospital charges at booking (hospital.info says so; appointments come back held with an order). */
export function fakeBooking(options: { appointments?: AppointmentView[]; registrations?: RegistrationView[]; payAtBooking?: boolean } = {}): FakeBooking {
  const payments = fakePayments();
  const booking: FakeBooking = {
    payments,
    slots: Object.fromEntries(Object.entries(SLOTS).map(([k, v]) => [k, v.map((s) => ({ ...s }))])),
    appointments: (options.appointments ?? []).map((a) => ({ ...a })),
    registrations: (options.registrations ?? []).map((r) => ({ ...r })),
    queue: { registrationId: 'R1001', state: 'waiting', queueNo: 12, currentNo: 8, ahead: 3, room: '呼吸科3诊室' },
    refuse: {},
    handlers: {},
  };
  const sessions = [TODAY_SESSION, LATER_SESSION];
  const refused = (action: keyof FakeBooking['refuse']): Failure | undefined => {
    const failure = booking.refuse[action];
    delete booking.refuse[action];
    return failure;
  };
  const notFound = (field: string): Failure => ({ ok: false, code: 'NOT_FOUND', message: '未找到相关信息', field });
  const takeSlot = (slotId: string): boolean => {
    const slot = Object.values(booking.slots)
      .flat()
      .find((s) => s.slotId === slotId);
    if (!slot?.available) return false;
    slot.available = false;
    return true;
  };
  const payOrderOf = (a: AppointmentView) => {
    const outTradeNo = `Y${a.appointmentId}N1`;
    let order = payments.orders.find((o) => o.outTradeNo === outTradeNo);
    if (!order) {
      order = makeOrder({ outTradeNo, kind: 'appointment', description: '预约挂号费', amount: a.fee, patientId: a.patientId, expiresAt: a.holdExpiresAt ?? undefined });
      payments.orders.unshift(order);
    }
    return { order: { ...order }, payment: PAYMENT };
  };
  booking.handlers = {
    ...payments.handlers,
    'hospital.info': () => ({ ok: true, data: { ...HOSPITAL, bookingRules: { ...HOSPITAL.bookingRules, payAtBooking: options.payAtBooking === true } } }),
    'appointment.pay': ({ appointmentId }) => {
      const found = booking.appointments.find((a) => a.appointmentId === appointmentId);
      if (!found?.canPay) return { ok: false, code: 'RULE_VIOLATION', message: '该预约无需支付或已超时，请重新预约', field: 'appointmentId' };
      return { ok: true, data: payOrderOf(found) };
    },
    'slot.list': ({ scheduleId }) => {
      const found = sessions.find((s) => s.scheduleId === scheduleId);
      if (!found) return notFound('scheduleId');
      return { ok: true, data: { schedule: found, slots: (booking.slots[scheduleId] ?? []).map((s) => ({ ...s })) } };
    },
    'appointment.create': ({ patientId, slotId }) => {
      const failure = refused('appointment.create');
      if (failure) return failure;
      if (!takeSlot(slotId)) return { ok: false, code: 'SOLD_OUT', message: '该时段已被预约，请选择其他时段', field: 'slotId' };
      const patient = [ZHANG, XIAOBAO].find((p) => p.patientId === patientId)!;
      const held = options.payAtBooking === true ? { status: 'held' as const, statusLabel: '待支付', canPay: true, holdExpiresAt: new Date(Date.now() + 10 * 60_000).toISOString() } : {};
      const created = appointment({ appointmentId: `A${2000 + booking.appointments.length}`, patientId, patientName: patient.name, slotId, ...held });
      booking.appointments.push(created);
      return { ok: true, data: { ...created, ...(created.canPay ? { pay: payOrderOf(created) } : {}) } };
    },
    'appointment.list': () => ({ ok: true, data: { appointments: booking.appointments.map((a) => ({ ...a })) } }),
    'appointment.cancel': ({ appointmentId }) => {
      const failure = refused('appointment.cancel');
      if (failure) return failure;
      const found = booking.appointments.find((a) => a.appointmentId === appointmentId);
      if (!found) return notFound('appointmentId');
      Object.assign(found, { status: 'cancelled', statusLabel: '已取消', canCancel: false, takeNumber: { ...found.takeNumber, canTakeNow: false } });
      return { ok: true, data: { ...found } };
    },
    'appointment.takeNumber': ({ appointmentId }) => {
      const failure = refused('appointment.takeNumber');
      if (failure) return failure;
      const found = booking.appointments.find((a) => a.appointmentId === appointmentId);
      if (!found) return notFound('appointmentId');
      if (found.prepaid) {
        // Paid at booking: the registration at once, nothing to pay.
        Object.assign(found, { registrationId: 'R3001', statusLabel: '已取号', takeNumber: { ...found.takeNumber, canTakeNow: false } });
        const taken = registration({ registrationId: 'R3001', source: 'take-number', appointmentId, patientId: found.patientId, outTradeNo: found.outTradeNo ?? '' });
        booking.registrations.unshift(taken);
        return { ok: true, data: { registration: { ...taken } } };
      }
      const order = makeOrder({ outTradeNo: `T${String(payments.orders.length + 1).padStart(4, '0')}N1`, kind: 'take-number', description: '取号', amount: found.fee, patientId: found.patientId });
      payments.orders.unshift(order);
      return { ok: true, data: { order: { ...order }, payment: PAYMENT } };
    },
    'registration.create': ({ patientId, slotId }) => {
      const failure = refused('registration.create');
      if (failure) return failure;
      if (!takeSlot(slotId)) return { ok: false, code: 'SOLD_OUT', message: '该时段已被预约，请选择其他时段', field: 'slotId' };
      const createdAt = new Date(Date.now()).toISOString();
      const holdExpiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
      const order = makeOrder({ outTradeNo: `G${String(payments.orders.length + 1).padStart(4, '0')}N1`, kind: 'registration', description: '挂号费', amount: TODAY_SESSION.fee, patientId, createdAt, expiresAt: holdExpiresAt });
      payments.orders.unshift(order);
      return { ok: true, data: { order: { ...order }, payment: PAYMENT, holdExpiresAt } };
    },
    'registration.list': () => ({ ok: true, data: { registrations: booking.registrations.map((r) => ({ ...r })) } }),
    'registration.refund': ({ registrationId }) => {
      const failure = refused('registration.refund');
      if (failure) return failure;
      const found = booking.registrations.find((r) => r.registrationId === registrationId);
      if (!found) return notFound('registrationId');
      Object.assign(found, { status: 'refunded', statusLabel: '已退号（退款中）', canRefund: false });
      return { ok: true, data: { ...found } };
    },
    'queue.status': ({ registrationId }) => {
      const failure = refused('queue.status');
      if (failure) return failure;
      return registrationId === booking.queue.registrationId ? { ok: true, data: { ...booking.queue } } : notFound('registrationId');
    },
  };
  return booking;
}
