/**
 * Booking operations: slots, appointments, holds, same-day registrations, the queue. Slot lists are
 * cached (short TTL) and invalidated by the writes; the rest is live.
 */
import type { OperationRequest } from '../../typings/frontmachine';
import { fail } from '../../miniprogram/core/errors';
import { validate, type Schema, type Validated } from '../../miniprogram/core/validate';
import { ID, OUT_TRADE_NO, PATIENT_ID, type OperationRows } from './operation';
import { CONFIRM_SCHEMA } from './payment-operations';

/** Longest hold of a slot while the patient pays, in minutes. */
export const MAX_HOLD_MINUTES = 30;

const REGISTRATION_CONFIRM_SCHEMA: Schema = {
  patientId: PATIENT_ID,
  holdId: { ...ID('锁号编号'), required: false },
  appointmentId: { ...ID('预约编号'), required: false },
  amount: CONFIRM_SCHEMA.amount as Schema[string],
  outTradeNo: OUT_TRADE_NO,
  transactionId: CONFIRM_SCHEMA.transactionId as Schema[string],
  paidAt: CONFIRM_SCHEMA.paidAt as Schema[string],
};

const APPOINTMENT_CONFIRM_SCHEMA: Schema = {
  patientId: PATIENT_ID,
  appointmentId: ID('预约编号'),
  amount: CONFIRM_SCHEMA.amount as Schema[string],
  outTradeNo: OUT_TRADE_NO,
  transactionId: CONFIRM_SCHEMA.transactionId as Schema[string],
  paidAt: CONFIRM_SCHEMA.paidAt as Schema[string],
};

function checkRegistrationConfirm(input: unknown): Validated<OperationRequest<'registration.confirm'>> {
  const v = validate<OperationRequest<'registration.confirm'>>(REGISTRATION_CONFIRM_SCHEMA, input);
  if (!v.ok) return v;
  if ((v.value.holdId === undefined) === (v.value.appointmentId === undefined)) return fail('INVALID_INPUT', '锁号编号和预约编号须且只能提供其中一个', 'holdId');
  return v;
}

export function bookingOperations(): OperationRows<'slot.list' | 'slot.get' | 'appointment.book' | 'appointment.cancel' | 'appointment.confirm' | 'appointment.takeNumber' | 'appointment.list' | 'slot.hold' | 'registration.confirm' | 'registration.list' | 'registration.refund' | 'queue.status'> {
  return {
    'slot.list': {
      write: false,
      check: (input) => validate({ scheduleId: ID('排班编号') }, input),
      handle: ({ scheduleId }, { hospital }) => hospital.slots(scheduleId),
    },
    'slot.get': {
      write: false,
      check: (input) => validate({ slotId: ID('号源编号') }, input),
      handle: ({ slotId }, { hospital }) => hospital.slot(slotId),
    },
    'appointment.book': {
      write: true,
      check: (input) => validate({ patientId: PATIENT_ID, slotId: ID('号源编号') }, input),
      handle: async ({ patientId, slotId }, { hospital }) => ({ appointment: await hospital.bookAppointment(patientId, slotId) }),
    },
    'appointment.cancel': {
      write: true,
      check: (input) => validate({ appointmentId: ID('预约编号') }, input),
      handle: ({ appointmentId }, { hospital }) => hospital.cancelAppointment(appointmentId),
    },
    // Idempotent twice over, like bill.confirm: the key here, the outTradeNo at the hospital.
    'appointment.confirm': {
      write: true,
      check: (input) => validate(APPOINTMENT_CONFIRM_SCHEMA, input),
      handle: (confirmation, { hospital }) => hospital.confirmAppointment(confirmation),
    },
    'appointment.takeNumber': {
      write: true,
      check: (input) => validate({ patientId: PATIENT_ID, appointmentId: ID('预约编号') }, input),
      handle: async ({ patientId, appointmentId }, { hospital }) => ({ registration: await hospital.takeNumber(patientId, appointmentId) }),
    },
    'appointment.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ appointments: await hospital.appointments(patientId) }),
    },
    'slot.hold': {
      write: true,
      check: (input) => validate({ patientId: PATIENT_ID, slotId: ID('号源编号'), minutes: { type: 'int', label: '锁号时长（分钟）', required: true, min: 1, max: MAX_HOLD_MINUTES } }, input),
      handle: async ({ patientId, slotId, minutes }, { hospital }) => ({ hold: await hospital.holdSlot(patientId, slotId, minutes) }),
    },
    // Idempotent twice over, like bill.confirm: the key here, the outTradeNo at the hospital.
    'registration.confirm': {
      write: true,
      check: checkRegistrationConfirm,
      handle: (confirmation, { hospital }) => hospital.confirmRegistration(confirmation),
    },
    'registration.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ registrations: await hospital.registrations(patientId) }),
    },
    'registration.refund': {
      write: true,
      check: (input) => validate({ registrationId: ID('挂号编号'), outTradeNo: OUT_TRADE_NO }, input),
      handle: ({ registrationId, outTradeNo }, { hospital }) => hospital.refundRegistration(registrationId, outTradeNo),
    },
    'queue.status': {
      write: false,
      check: (input) => validate({ registrationId: ID('挂号编号') }, input),
      handle: ({ registrationId }, { hospital }) => hospital.queueStatus(registrationId),
    },
  };
}
