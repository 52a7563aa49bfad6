/** push: the events booking and the queue publish (预约成功, 诊室位置, 候诊提醒), inside the transaction they describe. */
import type { HospitalDb } from '../db';
import { publishEvent, sessionFields, type PublishedEvent } from '../events';
import { roomOf } from './queue';
import { TAKE_NUMBER_OPENS_AT } from './rules';
import { findRegistration, type AppointmentRow, type RegistrationRow } from './rows';

/** 候诊提醒 goes to a waiting patient once this few (or fewer) are ahead. */
export const QUEUE_NEAR_AHEAD = 2;

/** 预约成功: a booked appointment, with when its number can be taken. */
export function publishAppointmentBooked(db: HospitalDb, a: AppointmentRow, nowMs: number): void {
  const event: PublishedEvent = {
    kind: 'appointment.booked',
    patientId: a.patientId,
    key: `appointment.booked:${a.appointmentNo}`,
    fields: { ...sessionFields(a), appointmentId: a.appointmentNo, takeNumberFrom: TAKE_NUMBER_OPENS_AT },
  };
  publishEvent(db, event, nowMs);
}

/** 诊室位置: a registration made (same-day, or a number taken), with its room and queue number. */
export function publishRegistrationRoom(db: HospitalDb, registrationNo: string, nowMs: number): void {
  const made = findRegistration(db, registrationNo) as RegistrationRow;
  publishEvent(
    db,
    {
      kind: 'registration.room',
      patientId: made.patientId,
      key: `registration.room:${registrationNo}`,
      fields: { ...sessionFields(made), registrationId: registrationNo, room: roomOf(db, made.doctorCode, made.deptName), queueNo: String(made.queueNo) },
    },
    nowMs,
  );
}

/** Tells each waiting patient with at most QUEUE_NEAR_AHEAD ahead, once per registration. */
export function publishQueueNear(db: HospitalDb, scheduleCode: string, nowMs: number): void {
  const waiting = db
    .prepare('SELECT registration_no FROM registrations WHERE schedule_code = ? AND status = 1 AND checked_in_at IS NOT NULL AND called_at IS NULL ORDER BY queue_no LIMIT ?')
    .pluck()
    .all(scheduleCode, QUEUE_NEAR_AHEAD + 1) as string[];
  waiting.forEach((registrationNo, ahead) => {
    const r = findRegistration(db, registrationNo) as RegistrationRow;
    publishEvent(
      db,
      {
        kind: 'queue.near',
        patientId: r.patientId,
        key: `queue.near:${registrationNo}`,
        fields: { ...sessionFields(r), registrationId: registrationNo, room: roomOf(db, r.doctorCode, r.deptName), queueNo: String(r.queueNo), ahead: String(ahead) },
      },
      nowMs,
    );
  });
}
