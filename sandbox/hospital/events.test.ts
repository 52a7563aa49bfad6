/**
 * The hospital's events (push): booking, registration, the queue, bills, the pharmacy, reminders
 * on the clock, the 19:00 survey and a stopped session, read through QueryEvents after a sequence.
 */
import { hospitalInstant } from '../../miniprogram/core/time';
import type { HsbEvent } from '../../typings/hsb';
import { confirmPayment, createVisit } from './billing';
import { checkIn, confirmRegistration, holdSlot } from './booking';
import type { Hospital } from './hospital';
import { createHospital } from './hospital';
import { medicineReady, stopSession } from './notices';
import { callHsb, freeSlots, patient } from './testing';

const TODAY = '2026-11-26';
const TOMORROW = '2026-11-27';
const at = (wall: string) => hospitalInstant(wall);

let hospital: Hospital;
beforeEach(() => {
  hospital = createHospital({ now: at(`${TODAY} 09:00:00`) });
  hospital.clock.set(at(`${TODAY} 09:00:00`), true);
});
afterEach(() => hospital.close());

async function eventsAfter(since: number, max = 200): Promise<{ seq: number; kind: string; patientId: string; fields: Record<string, string> }[]> {
  const env = await callHsb(hospital, 'QueryEvents', { SinceSeq: String(since), MaxCount: String(max) });
  expect(env.Header.ResultCode).toBe('0');
  const events = (env.Body as { Events: { Event?: HsbEvent[] } | '' }).Events;
  const list = events === '' ? [] : (events.Event ?? []);
  return list.map((e) => ({ seq: Number(e.Seq), kind: e.Kind, patientId: e.PatientId, fields: Object.fromEntries((e.Fields as unknown as { Field?: { Name: string; Value: string }[] }).Field?.map((f) => [f.Name, f.Value]) ?? []) }));
}

test('a booking publishes 预约成功 with the session and the 取号 time; the evening before and the morning of publish 就诊提醒 once each', async () => {
  const p = await patient(hospital, 1);
  const { slots } = freeSlots(hospital, TOMORROW, '09:00');
  const slot = slots[0] as { id: string; begin: string };
  const booked = await callHsb(hospital, 'BookAppointment', { PatientId: p, SlotCode: slot.id, Channel: 'WECHAT' });
  const appointmentNo = (booked.Body as { Appointment: { AppointmentNo: string } }).Appointment.AppointmentNo;
  const first = await eventsAfter(0);
  expect(first).toEqual([
    expect.objectContaining({ seq: 1, kind: 'appointment.booked', patientId: p, fields: expect.objectContaining({ appointmentId: appointmentNo, visitTime: `${TOMORROW} ${slot.begin}`, takeNumberFrom: '07:00', deptName: expect.any(String), doctorName: expect.any(String) }) }),
  ]);
  expect(await eventsAfter(1)).toEqual([]);

  hospital.clock.set(at(`${TODAY} 17:59:59`), true);
  expect(await eventsAfter(1)).toEqual([]);
  hospital.clock.set(at(`${TODAY} 18:00:00`), true);
  const eve = await eventsAfter(1);
  expect(eve).toEqual([expect.objectContaining({ kind: 'visit.reminder', fields: expect.objectContaining({ appointmentId: appointmentNo, moment: 'eve' }) })]);
  expect(await eventsAfter(0)).toHaveLength(2);

  hospital.clock.set(at(`${TOMORROW} 07:00:00`), true);
  const morning = await eventsAfter(2);
  expect(morning).toEqual([expect.objectContaining({ kind: 'visit.reminder', fields: expect.objectContaining({ moment: 'morning', takeNumberFrom: '07:00' }) })]);
  expect(await eventsAfter(0)).toHaveLength(3);
});

test('a registration publishes 诊室位置; calls publish 候诊提醒 once per waiting patient with at most 2 ahead', async () => {
  const { scheduleCode, slots } = freeSlots(hospital, TODAY, '10:00', 4);
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    const p = await patient(hospital, 10 + i);
    const slot = slots[i] as { id: string };
    const hold = holdSlot(hospital.db, p, slot.id, 10, hospital.clock.now());
    if (!hold.ok) throw new Error(hold.message);
    const fee = hospital.db.prepare('SELECT fee_fen FROM schedules WHERE code = ?').pluck().get(scheduleCode) as number;
    const r = confirmRegistration(hospital.db, { patientId: p, holdNo: hold.hold.holdNo, totalFee: fee, tradeNo: `T${i}xxxxxx`, transactionId: `W${i}`, payTime: `${TODAY} 09:00:00` }, hospital.clock.now());
    if (!r.ok) throw new Error(r.message);
    ids.push(r.registration.registrationNo);
    checkIn(hospital.db, { registrationNo: r.registration.registrationNo }, hospital.clock.now());
  }
  const rooms = (await eventsAfter(0)).filter((e) => e.kind === 'registration.room');
  expect(rooms.map((e) => e.fields.registrationId)).toEqual(ids);
  expect(rooms[0]?.fields).toMatchObject({ room: expect.stringMatching(/诊室$/), queueNo: expect.any(String) });
  const before = (await eventsAfter(0)).length;
  hospital.clock.set(at(`${TODAY} 09:50:00`), true);
  await fetchNext(scheduleCode);
  const near = (await eventsAfter(before)).filter((e) => e.kind === 'queue.near');
  // First called: the other three wait with 0, 1, 2 ahead.
  expect(near.map((e) => [e.fields.registrationId, e.fields.ahead])).toEqual([[ids[1], '0'], [ids[2], '1'], [ids[3], '2']]);
  await fetchNext(scheduleCode);
  expect((await eventsAfter(0)).filter((e) => e.kind === 'queue.near')).toHaveLength(3);
});

async function fetchNext(scheduleCode: string): Promise<void> {
  const { callNext } = await import('./booking');
  callNext(hospital.db, scheduleCode, hospital.clock.now());
}

test('a consultation publishes 缴费提醒 (count and sum, no items); the pharmacy 取药提醒; 19:00 the survey invitation once', async () => {
  const p = await patient(hospital, 20);
  const visit = createVisit(hospital.db, hospital.seed, p, hospital.clock.now());
  if (!visit.ok) throw new Error('no visit');
  const sum = visit.visit.bills.reduce((s, b) => s + b.amount, 0);
  expect(await eventsAfter(0)).toEqual([
    expect.objectContaining({ kind: 'bills.pending', patientId: p, fields: { visitId: visit.visit.visitId, amount: String(sum), billCount: String(visit.visit.bills.length), deptName: expect.any(String), doctorName: expect.any(String) } }),
  ]);
  expect(medicineReady(hospital.db, p, '门诊药房3号窗口', hospital.clock.now())).toEqual({ ok: true, seq: 2 });
  expect(medicineReady(hospital.db, 'P999', 'x', hospital.clock.now())).toEqual({ ok: false, reason: 'unknown_patient' });
  expect((await eventsAfter(1))[0]).toMatchObject({ kind: 'medicine.ready', fields: { window: '门诊药房3号窗口', visitId: visit.visit.visitId } });
  hospital.clock.set(at(`${TODAY} 18:59:59`), true);
  expect(await eventsAfter(2)).toEqual([]);
  hospital.clock.set(at(`${TODAY} 19:00:00`), true);
  expect(await eventsAfter(2)).toEqual([expect.objectContaining({ kind: 'survey.invite', fields: expect.objectContaining({ visitId: visit.visit.visitId }) })]);
  expect(await eventsAfter(3)).toEqual([]);
});

test('stopping a session cancels its appointments, refunds its registrations at the hospital and tells each patient once', async () => {
  const p = await patient(hospital, 30);
  const { scheduleCode, slots } = freeSlots(hospital, TOMORROW, '00:00', 1);
  const booked = await callHsb(hospital, 'BookAppointment', { PatientId: p, SlotCode: (slots[0] as { id: string }).id, Channel: 'WECHAT' });
  const appointmentNo = (booked.Body as { Appointment: { AppointmentNo: string } }).Appointment.AppointmentNo;
  const stopped = stopSession(hospital.db, scheduleCode, hospital.clock.now());
  expect(stopped).toEqual({ ok: true, scheduleId: scheduleCode, cancelledAppointments: [appointmentNo], refundedRegistrations: [] });
  expect(hospital.db.prepare('SELECT status FROM appointments WHERE appointment_no = ?').pluck().get(appointmentNo)).toBe(4);
  expect(hospital.db.prepare('SELECT status FROM schedules WHERE code = ?').pluck().get(scheduleCode)).toBe(1);
  const notices = (await eventsAfter(0)).filter((e) => e.kind === 'session.stopped');
  expect(notices).toEqual([expect.objectContaining({ patientId: p, fields: expect.objectContaining({ appointmentId: appointmentNo, reason: '医生停诊', amount: '0' }) })]);
  expect(stopSession(hospital.db, scheduleCode, hospital.clock.now())).toMatchObject({ ok: true, cancelledAppointments: [] });
  expect((await eventsAfter(0)).filter((e) => e.kind === 'session.stopped')).toHaveLength(1);
  expect(stopSession(hospital.db, 'NOPE', hospital.clock.now())).toEqual({ ok: false, reason: 'not_found' });
});

test('QueryEvents refuses a malformed sequence (1002)', async () => {
  const env = await callHsb(hospital, 'QueryEvents', { SinceSeq: '-1', MaxCount: '10' });
  expect(env.Header.ResultCode).toBe('1002');
});

test('paying an exam or lab bill publishes 检查注意事项 (what and how to prepare, never a result) once per bill', async () => {
  const p = await patient(hospital, 40);
  let exam: { billNo: string; totalFee: number; billType: number } | undefined;
  for (let i = 0; i < 20 && !exam; i++) {
    createVisit(hospital.db, hospital.seed, p, hospital.clock.now());
    exam = hospital.db.prepare("SELECT bill_no AS billNo, total_fee AS totalFee, bill_type AS billType FROM bills WHERE patient_id = ? AND bill_type IN (2, 3) AND status = 0 LIMIT 1").get(p) as typeof exam;
  }
  if (!exam) throw new Error('no exam bill drawn');
  const before = (await eventsAfter(0)).length;
  const paid = confirmPayment(hospital.db, { patientId: p, billNos: [exam.billNo], totalFee: exam.totalFee, tradeNo: 'TEXAM00001', transactionId: 'W1', payTime: `${TODAY} 09:00:00` });
  expect(paid).toMatchObject({ ok: true });
  const notices = (await eventsAfter(before)).filter((e) => e.kind === 'exam.notice');
  expect(notices).toEqual([expect.objectContaining({ patientId: p, fields: expect.objectContaining({ examName: expect.any(String), notice: expect.stringContaining('就诊卡'), deptName: expect.any(String) }) })]);
  confirmPayment(hospital.db, { patientId: p, billNos: [exam.billNo], totalFee: exam.totalFee, tradeNo: 'TEXAM00001', transactionId: 'W1', payTime: `${TODAY} 09:00:00` });
  expect((await eventsAfter(before)).filter((e) => e.kind === 'exam.notice')).toHaveLength(1);
});
