/**
 * The booking rules the cloud checks on its business clock (docs/architecture.md#booking-rules), before the hospital
 * checks them again on its own: the booking window, the cancel deadline, the take-number window, the
 * per-patient limits (whose numbers are the hospital's, from hospital.info). Hospital dates and clock
 * times are Asia/Shanghai; instants are epoch ms.
 */
import type { AppointmentStatus, HospitalAppointment, RegistrationStatus } from '../../../typings/booking';
import type { HospitalDate } from '../../../typings/hospital';
import { daysBetween, hospitalDate, hospitalInstant } from '../../../miniprogram/core/time';

/** Published days including today (the hospital's PUBLISHED_DAYS): bookable from tomorrow to today + 6. */
export const PUBLISHED_DAYS = 7;
/** The take-number window opens at this hospital time on the visit day (the hospital's TAKE_NUMBER_OPENS_AT) and closes at the slot's start. */
export const TAKE_NUMBER_OPENS_AT = '07:00';

export const BOOKING_MESSAGES = {
  sameDay: '当日号源请使用当日挂号',
  outsideWindow: `仅可预约明日起${PUBLISHED_DAYS - 1}天内的号源`,
  sameDoctorHalfDay: '同一医生同一时段只能预约一次',
  tooMany: (max: number) => `最多同时持有${max}个有效预约`,
  slotOfOtherSchedule: '该号源不属于所选排班，请刷新后重新选择',
  notPayable: '该预约无需支付或已超时，请重新预约',
  cancelOnVisitDay: '就诊当日不可在线取消预约，请到窗口办理',
  notCancellable: '该预约当前状态不可取消',
  unknownSlot: '号源不存在或已变更，请刷新后重新选择',
  slotTaken: '该时段已被预约，请选择其他时段',
  slotNotToday: '当日挂号仅可选择今日号源',
  slotStarted: '该时段已过，请选择其他时段',
  registrationNeedsCard: '当日挂号需先绑定已实名认证的就诊卡',
  takeNumberNeedsCard: '线上取号需先绑定已实名认证的就诊卡，或就诊当日到院自助机取号',
  takeNotToday: '仅可在就诊当日取号',
  takeTooEarly: `取号时间为就诊当日${TAKE_NUMBER_OPENS_AT}起至就诊时段开始前`,
  takeClosed: '已过取号时间，该预约已失效',
  takeNotBooked: '该预约当前状态不可取号',
  alreadyTaken: '该预约已取号',
  notRefundable: '该挂号当前状态不可退号',
  unknownAppointment: '预约记录不存在',
  unknownRegistration: '挂号记录不存在',
} as const;

/** Why a visit date cannot be booked at `now` (today → 当日挂号; past or beyond the published days), or undefined. */
export function bookingWindowRefusal(date: HospitalDate, now: number): string | undefined {
  const ahead = daysBetween(hospitalDate(now), date);
  if (ahead === 0) return BOOKING_MESSAGES.sameDay;
  if (ahead < 1 || ahead > PUBLISHED_DAYS - 1) return BOOKING_MESSAGES.outsideWindow;
  return undefined;
}

/** 00:00 of the visit day, Shanghai: from then on an appointment is not cancelled online. */
export function cancelDeadline(date: HospitalDate): number {
  return hospitalInstant(`${date} 00:00:00`);
}

/** The instant a slot starts. */
export function slotStart(date: HospitalDate, startTime: string): number {
  return hospitalInstant(`${date} ${startTime}:00`);
}

/** [07:00 of the visit day, the slot's start). */
export function takeNumberWindow(date: HospitalDate, startTime: string): { opensAt: number; closesAt: number } {
  return { opensAt: hospitalInstant(`${date} ${TAKE_NUMBER_OPENS_AT}:00`), closesAt: slotStart(date, startTime) };
}

/** An appointment that still holds its slot and counts against the limits. */
export function isActiveAppointment(a: Pick<HospitalAppointment, 'status'>): boolean {
  return a.status === 'held' || a.status === 'booked' || a.status === 'checked-in';
}

/** Held and unpaid (the hospital charges at booking): the payment may still be made. */
export function canPay(a: Pick<HospitalAppointment, 'status' | 'holdExpiresAt'>, now: number): boolean {
  return a.status === 'held' && a.holdExpiresAt !== null && now < Date.parse(a.holdExpiresAt);
}

/** Whether an appointment may still be cancelled online at `now`. */
export function canCancel(a: Pick<HospitalAppointment, 'status' | 'registrationId' | 'date'>, now: number): boolean {
  return (a.status === 'booked' || a.status === 'held') && a.registrationId === null && now < cancelDeadline(a.date);
}

/** Why the number cannot be taken online at `now`, or undefined (the card is checked by the caller). */
export function takeNumberRefusal(a: Pick<HospitalAppointment, 'status' | 'registrationId' | 'date' | 'startTime'>, now: number): string | undefined {
  if (a.registrationId !== null) return BOOKING_MESSAGES.alreadyTaken;
  if (a.status === 'no-show') return BOOKING_MESSAGES.takeClosed;
  if (a.status !== 'booked') return BOOKING_MESSAGES.takeNotBooked;
  if (hospitalDate(now) !== a.date) return BOOKING_MESSAGES.takeNotToday;
  const window = takeNumberWindow(a.date, a.startTime);
  if (now < window.opensAt) return BOOKING_MESSAGES.takeTooEarly;
  if (now >= window.closesAt) return BOOKING_MESSAGES.takeClosed;
  return undefined;
}

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  held: '待支付',
  booked: '已预约',
  'checked-in': '已取号',
  fulfilled: '已就诊',
  cancelled: '已取消',
  'no-show': '已爽约',
};

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  paid: '已挂号',
  refunded: '已退号',
  visited: '已就诊',
};

/** The patient's label: an appointment whose number was taken reads 已取号 until the visit. */
export function appointmentLabel(a: Pick<HospitalAppointment, 'status' | 'registrationId'>): string {
  if (a.registrationId !== null && (a.status === 'booked' || a.status === 'checked-in')) return APPOINTMENT_STATUS_LABELS['checked-in'];
  return APPOINTMENT_STATUS_LABELS[a.status];
}
