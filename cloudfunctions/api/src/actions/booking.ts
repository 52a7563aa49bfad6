/**
 * What the booking actions share: request rules, the slot's session, the patient's views of
 * appointments and registrations, idempotency keys. Shared by the action modules, not an action itself.
 */
import { createHash } from 'node:crypto';
import type { AppointmentView, HospitalAppointment, HospitalRegistration, RegistrationView, Slot } from '../../../../typings/booking';
import type { AccountDoc, OrderDoc, PatientBinding } from '../../../../typings/db';
import type { OrderView, WxPaymentParams } from '../../../../typings/payment';
import type { BookingRules, Schedule } from '../../../../typings/hospital';
import { AppError } from '../../../../miniprogram/core/errors';
import { CODE_PATTERN, type StringRule } from '../../../../miniprogram/core/validate';
import {
  appointmentLabel,
  BOOKING_MESSAGES,
  canCancel,
  canPay,
  cancelDeadline,
  REGISTRATION_STATUS_LABELS,
  slotStart,
  takeNumberRefusal,
  takeNumberWindow,
} from '../../../common/booking/rules';
import { HAND_BACK_LABEL } from '../../../common/payments';
import type { AccountContext, ActionContext } from '../action';
import { PATIENT_FORBIDDEN } from '../scopes';
import { viewFor } from './payments';

export const SLOT_ID_RULE: StringRule = { type: 'string', label: '号源', required: true, pattern: CODE_PATTERN };
export const SCHEDULE_ID_RULE: StringRule = { type: 'string', label: '排班', required: true, pattern: CODE_PATTERN };
export const APPOINTMENT_ID_RULE: StringRule = { type: 'string', label: '预约记录', required: true, pattern: CODE_PATTERN };
export const REGISTRATION_ID_RULE: StringRule = { type: 'string', label: '挂号记录', required: true, pattern: CODE_PATTERN };

/** The id of the intent to book a slot, one per account, patient and slot. */
export function bookingIntentId(openid: string, patientId: string, slotId: string): string {
  return idempotencyKey('booking-intent', openid, patientId, slotId);
}

/**
 * Records as the caller's the live appointments the hospital made for an intent whose answer was lost
 * (a late commit), so the patient can manage them. Stale intents (a day old,
 * nothing found) are dropped.
 */
export async function adoptLostBookings(ctx: ActionContext, patientId: string, appointments: HospitalAppointment[]): Promise<void> {
  const intents = await ctx.bookings.intentsOf(ctx.openid, patientId);
  if (intents.length === 0) return;
  const now = ctx.clock();
  for (const intent of intents) {
    const found = appointments.find((a) => a.slotId === intent.slotId && (a.status === 'held' || a.status === 'booked'));
    if (found) await ctx.bookings.put('appointment', { _id: found.appointmentId, openid: ctx.openid, patientId, createdAt: now });
    if (found || now - intent.createdAt > 24 * 60 * 60_000) await ctx.bookings.dropIntent(intent._id);
  }
}

/** A short, stable Idempotency-Key from its parts (the front machine keeps keys, never their parts). */
export function idempotencyKey(...parts: (string | number)[]): string {
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex').slice(0, 40);
}

/**
 * A slot and its session, from the front machine's slot cache. With the schedule the patient picked
 * the slot from, its (cached) list must hold the slot: a slot of another schedule is refused.
 */
export async function slotSession(ctx: ActionContext, slotId: string, scheduleId: string | undefined): Promise<{ schedule: Schedule; slot: Slot }> {
  if (scheduleId !== undefined) {
    const { schedule, slots } = await ctx.frontMachine.call('slot.list', { scheduleId });
    const slot = slots.find((s) => s.slotId === slotId);
    if (slot) return { schedule, slot };
  }
  const found = await ctx.frontMachine.call('slot.get', { slotId }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', BOOKING_MESSAGES.unknownSlot, 'slotId');
    throw e;
  });
  if (scheduleId !== undefined && found.schedule.scheduleId !== scheduleId) throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.slotOfOtherSchedule, 'slotId');
  return found;
}

/**
 * The order of an appointment held while unpaid (the hospital charges at booking): the same held
 * appointment always meets the same order, which expires with the hold.
 */
export async function payForAppointment(ctx: AccountContext, a: HospitalAppointment): Promise<{ order: OrderView; payment: WxPaymentParams }> {
  if (a.holdExpiresAt === null) throw new AppError('RULE_VIOLATION', BOOKING_MESSAGES.notPayable, 'appointmentId');
  const { order, payment } = await ctx.payments.payBooking({
    openid: ctx.openid,
    patientId: a.patientId,
    hospitalRef: { kind: 'appointment', appointmentId: a.appointmentId, slotId: a.slotId },
    amount: a.fee,
    expiresAt: Date.parse(a.holdExpiresAt),
  });
  return { order: viewFor(ctx.account, order), payment };
}

/** The hospital's booking rules (its profile is cached at the front machine). */
export async function bookingRules(ctx: ActionContext): Promise<BookingRules> {
  return (await ctx.frontMachine.call('hospital.info', {})).bookingRules;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function hasVerifiedCard(patient: PatientBinding): boolean {
  return patient.card?.state === 'verified';
}

/** The appointment as the patient sees it: masked name, label, deadline and the take-number window. */
export function appointmentView(a: HospitalAppointment, patient: PatientBinding, now: number): AppointmentView {
  const window = takeNumberWindow(a.date, a.startTime);
  return {
    ...a,
    patientName: patient.nameMasked,
    statusLabel: appointmentLabel(a),
    cancelDeadline: iso(cancelDeadline(a.date)),
    canCancel: canCancel(a, now),
    takeNumber: { opensAt: iso(window.opensAt), closesAt: iso(window.closesAt), canTakeNow: hasVerifiedCard(patient) && takeNumberRefusal(a, now) === undefined },
    canPay: canPay(a, now),
    prepaid: a.outTradeNo !== null,
  };
}

/** A refunded registration's label says where the money is. */
function registrationLabel(r: HospitalRegistration, order: OrderDoc | null): string {
  if (order?.status === 'confirmed' && order.handBack) return HAND_BACK_LABEL;
  if (r.status !== 'refunded' || !order) return REGISTRATION_STATUS_LABELS[r.status];
  if (order.status === 'refunded') return '已退号，费用已原路退回';
  if (order.status === 'refunding') return '已退号，退款中，将原路退回';
  return REGISTRATION_STATUS_LABELS.refunded;
}

export function registrationView(r: HospitalRegistration, patient: PatientBinding, order: OrderDoc | null, now: number): RegistrationView {
  return {
    ...r,
    patientName: patient.nameMasked,
    statusLabel: registrationLabel(r, order),
    // Online 退号 only for what was paid online here, before the visit starts (the hospital checks again).
    canRefund: r.status === 'paid' && order?.status === 'confirmed' && !order.handBack && now < slotStart(r.date, r.startTime),
  };
}

/** The bound patients an account-scoped list covers: one (refused unless bound) or all. */
export function patientsOf(account: AccountDoc | null, patientId: string | undefined): PatientBinding[] {
  const patients = account?.patients ?? [];
  if (patientId === undefined) return patients;
  const one = patients.find((p) => p.patientId === patientId);
  // The filter is optional, so the router cannot resolve it as a patient scope: refused here, before any hospital call.
  if (!one) throw new AppError('FORBIDDEN', PATIENT_FORBIDDEN, 'patientId');
  return [one];
}

/** The caller's order of a registration, or null when it is not the caller's. */
export async function orderOf(ctx: ActionContext, outTradeNo: string | undefined): Promise<OrderDoc | null> {
  if (!outTradeNo) return null;
  const order = await ctx.payments.ledger.get(outTradeNo);
  return order && order.openid === ctx.openid ? order : null;
}
