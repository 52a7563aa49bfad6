/** The hospital's booking rules: states, windows, limits, refusals and the hospital's wording (ARCHITECTURE §7). */
import type { BookingRules } from '../../../typings/hospital';
import { formatHospital, hospitalDate, hospitalInstant } from '../../../miniprogram/core/time';
import type { HospitalDb } from '../db';
import { readMeta, writeMeta } from '../db';
import { PUBLISHED_DAYS } from '../schedule-generator';
import type { AppointmentRow, SlotRow } from './rows';

/** Appointment states as the HSB writes them; HELD: booked where the fee is paid at booking, unpaid yet. */
export const AppointmentStatus = { HELD: 0, BOOKED: 1, CHECKED_IN: 2, FULFILLED: 3, CANCELLED: 4, NO_SHOW: 5 } as const;
export type AppointmentStatus = (typeof AppointmentStatus)[keyof typeof AppointmentStatus];
/** Registration states: 1 paid, 2 refunded, 3 visited. */
export const RegistrationStatus = { PAID: 1, REFUNDED: 2, VISITED: 3 } as const;
export type RegistrationStatus = (typeof RegistrationStatus)[keyof typeof RegistrationStatus];
/** 1 same-day registration (当日挂号), 2 an appointment's number taken (取号). */
export const RegistrationSource = { SAME_DAY: 1, TAKE_NUMBER: 2 } as const;
export const HoldState = { LIVE: 0, USED: 1, LAPSED: 2 } as const;

/**
 * The take-number window (取号): on the visit day from 07:00 (the hospital's morning opening) until
 * the slot's start time, exclusive. An appointment whose number was not taken by then is a no-show
 * and its slot is released.
 */
export const TAKE_NUMBER_OPENS_AT = '07:00';
/** Longest hold a same-day registration may ask for, in minutes. */
export const MAX_HOLD_MINUTES = 30;

/** The hospital's booking rules (kept in `meta`, exposed by GetHospitalInfo, enforced here). */
export type { BookingRules };

export const DEFAULT_BOOKING_RULES: BookingRules = { payAtBooking: false, maxActiveAppointments: 3, holdMinutes: 10 };

export function readBookingRules(db: HospitalDb): BookingRules {
  const number = (key: string, fallback: number) => {
    const v = readMeta(db, key);
    return v === undefined ? fallback : Number(v);
  };
  return {
    payAtBooking: (readMeta(db, 'rules.pay_at_booking') ?? (DEFAULT_BOOKING_RULES.payAtBooking ? '1' : '0')) === '1',
    maxActiveAppointments: number('rules.max_active_appointments', DEFAULT_BOOKING_RULES.maxActiveAppointments),
    holdMinutes: number('rules.hold_minutes', DEFAULT_BOOKING_RULES.holdMinutes),
  };
}

export function writeBookingRules(db: HospitalDb, rules: Partial<BookingRules>): BookingRules {
  if (rules.payAtBooking !== undefined) writeMeta(db, 'rules.pay_at_booking', rules.payAtBooking ? '1' : '0');
  if (rules.maxActiveAppointments !== undefined) writeMeta(db, 'rules.max_active_appointments', String(rules.maxActiveAppointments));
  if (rules.holdMinutes !== undefined) writeMeta(db, 'rules.hold_minutes', String(rules.holdMinutes));
  return readBookingRules(db);
}

export const MESSAGES = {
  slotTaken: '该时段已被预约，请选择其他时段',
  unknownPatient: '患者不存在',
  unknownSlot: '号源不存在',
  unknownSchedule: '排班不存在',
  unknownAppointment: '预约记录不存在',
  unknownHold: '锁号记录不存在',
  unknownRegistration: '挂号记录不存在',
  stopped: '该医生本时段已停诊，请选择其他医生或时段',
  pastSlot: '该时段已过，请选择其他时段',
  sameDayForBooking: '当日号源请使用“当日挂号”办理',
  outsideWindow: `仅可预约明日起${PUBLISHED_DAYS - 1}天内的号源`,
  holdNotToday: '当日挂号仅可选择今日号源',
  cancelOnVisitDay: '就诊当日不可在线取消预约，请到窗口办理',
  notCancellable: '该预约当前状态不可取消',
  notYours: '该记录不属于此就诊人',
  holdUsed: '该锁号已完成挂号',
  sameDoctorHalfDay: '同一医生同一时段只能预约一次',
  tooMany: (max: number) => `最多同时持有${max}个有效预约`,
  appointmentLost: '预约已超时未支付，号源已被他人预约，费用将原路退回',
  appointmentNotPayable: '该预约已取消或无需支付，费用将原路退回',
  notPrepaid: '该预约未预付挂号费，请缴费取号',
  prepaid: '该预约已在预约时缴费，取号无需再缴费',
  holdLost: '锁号已超时，号源已被他人挂走，费用将原路退回',
  feeMismatch: '支付金额与挂号费不符，费用将原路退回',
  takeNotToday: '仅可在就诊当日取号',
  takeTooEarly: `取号时间为就诊当日${TAKE_NUMBER_OPENS_AT}起至就诊时段开始前`,
  takeClosed: '已过取号时间，该预约已失效',
  takeNotBooked: '该预约当前状态不可取号',
  alreadyTaken: '该预约已取号',
  tradeNoUsed: '该商户订单号已用于其他缴费',
  tradeNoMismatch: '商户订单号与挂号记录不符',
  refundVisited: '已就诊，不能退号',
  refundCheckedIn: '已签到候诊，不能在线退号，请到窗口办理',
  refundStarted: '就诊时段已开始，不能在线退号，请到窗口办理',
  refunded: '该挂号已退号',
  noRegistrationToday: '今日没有待签到的挂号',
} as const;


export function slotStartOf(clinicDate: string, beginTime: string): string {
  return `${clinicDate} ${beginTime}`;
}

export function wallMinute(nowMs: number): string {
  return formatHospital(nowMs, 'YYYY-MM-DD HH:mm');
}

/** The instant a slot starts. */
export function slotStartInstant(clinicDate: string, beginTime: string): number {
  return hospitalInstant(`${clinicDate} ${beginTime}:00`);
}

/** The take-number window of a visit: [07:00 of the visit day, the slot's start). */
export function takeNumberWindow(clinicDate: string, beginTime: string): { opensAt: number; closesAt: number } {
  return { opensAt: hospitalInstant(`${clinicDate} ${TAKE_NUMBER_OPENS_AT}:00`), closesAt: slotStartInstant(clinicDate, beginTime) };
}

export type Refusal = { ok: false; code: '1001' | '2001' | '2002' | '2003'; message: string };
export const refusal = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });

/** Whether the slot may still be booked or held at `nowMs`, and on which day rule. */
export function slotRefusal(slot: SlotRow, nowMs: number, sameDay: boolean): Refusal | undefined {
  const today = hospitalDate(nowMs);
  if (slot.scheduleStatus === 1) return refusal('2001', MESSAGES.stopped);
  if (slot.clinicDate < today || slotStartInstant(slot.clinicDate, slot.beginTime) <= nowMs) return refusal('2001', MESSAGES.pastSlot);
  if (sameDay) {
    if (slot.clinicDate !== today) return refusal('2001', MESSAGES.holdNotToday);
  } else {
    if (slot.clinicDate === today) return refusal('2001', MESSAGES.sameDayForBooking);
    const last = hospitalDate(hospitalInstant(`${today} 12:00:00`) + (PUBLISHED_DAYS - 1) * 86_400_000);
    if (slot.clinicDate > last) return refusal('2001', MESSAGES.outsideWindow);
  }
  if (slot.state !== 'free') return refusal('2002', MESSAGES.slotTaken);
  return undefined;
}

/** Why the number of appointment `a` cannot be taken at `nowMs` (the window rules), or undefined. */
export function takeNumberRefusal(a: AppointmentRow, patientId: string, nowMs: number): Refusal | undefined {
  if (a.patientId !== patientId) return refusal('2001', MESSAGES.notYours);
  if (a.registrationNo !== null) return refusal('2001', MESSAGES.alreadyTaken);
  if (a.status === AppointmentStatus.NO_SHOW) return refusal('2001', MESSAGES.takeClosed);
  if (a.status !== AppointmentStatus.BOOKED) return refusal('2001', MESSAGES.takeNotBooked);
  if (hospitalDate(nowMs) !== a.clinicDate) return refusal('2001', MESSAGES.takeNotToday);
  if (nowMs < takeNumberWindow(a.clinicDate, a.beginTime).opensAt) return refusal('2001', MESSAGES.takeTooEarly);
  return undefined;
}
