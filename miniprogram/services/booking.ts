/**
 * Typed calls to the booking actions: a session's slots, 预约 (appointments), 当日挂号
 * (registrations), 取号 and the queue. Every call goes through the one cloud client.
 */
import type { ApiResult } from '../../typings/api';
import { callCloud } from './cloud';

/** A session's timed slots and which are still available. */
export function loadSlots(scheduleId: string): Promise<ApiResult<'slot.list'>> {
  return callCloud('slot.list', { scheduleId });
}

/** 预约: books a slot of a later day for a bound patient (card-less patients too); held with a payment to make where the hospital charges at booking. */
export function bookAppointment(patientId: string, slotId: string, scheduleId: string): Promise<ApiResult<'appointment.create'>> {
  return callCloud('appointment.create', { patientId, slotId, scheduleId });
}

/** Pays (again) for an appointment held while unpaid. */
export function payAppointment(appointmentId: string): Promise<ApiResult<'appointment.pay'>> {
  return callCloud('appointment.pay', { appointmentId });
}

/** 我的预约: the account's appointments (or one patient's), upcoming first. */
export function loadAppointments(patientId?: string): Promise<ApiResult<'appointment.list'>> {
  return callCloud('appointment.list', patientId === undefined ? {} : { patientId });
}

/** Cancels an appointment (until 00:00 of the visit day); the slot returns to others. */
export function cancelAppointment(appointmentId: string): Promise<ApiResult<'appointment.cancel'>> {
  return callCloud('appointment.cancel', { appointmentId });
}

/** 取号: an order for the appointment's fee (paid, the appointment becomes a registration), or the registration at once when paid at booking. */
export function takeNumber(appointmentId: string): Promise<ApiResult<'appointment.takeNumber'>> {
  return callCloud('appointment.takeNumber', { appointmentId });
}

/** 当日挂号: holds today's slot (the hospital's hold minutes) and answers the order to pay at once. */
export function registerToday(patientId: string, slotId: string, scheduleId: string): Promise<ApiResult<'registration.create'>> {
  return callCloud('registration.create', { patientId, slotId, scheduleId });
}

/** 我的挂号: the account's registrations (or one patient's). */
export function loadRegistrations(patientId?: string): Promise<ApiResult<'registration.list'>> {
  return callCloud('registration.list', patientId === undefined ? {} : { patientId });
}

/** 退号: before the visit; the fee goes back the way it was paid. */
export function refundRegistration(registrationId: string): Promise<ApiResult<'registration.refund'>> {
  return callCloud('registration.refund', { registrationId });
}

/** 排队叫号 for a registration: the patient's number, the number being called, how many are ahead. */
export function loadQueue(registrationId: string): Promise<ApiResult<'queue.status'>> {
  return callCloud('queue.status', { registrationId });
}
