/**
 * Journey through every layer (local cloud → front machine → HSB XML → sandbox hospital) with the
 * hospital failing every call (issue 16): reference reads come from the front machine's last good
 * copy marked `staleSince`, slot availability is never offered stale, writes are refused with
 * HOSPITAL_UNAVAILABLE and what to do, and nothing is lost or half done.
 */
import type { DeptListResponse, DoctorListResponse, HospitalInfoResponse, ScheduleListResponse } from '../../typings/api';
import type { AppointmentView, SlotListResponse } from '../../typings/booking';
import type { Doctor, StaleMark } from '../../typings/hospital';
import type { OrderListResponse } from '../../typings/payment';
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { hospitalInstant } from '../../miniprogram/core/time';
import { startStack, type RunningStack } from '../../scripts/stack';
import { cloudClient } from '../../scripts/cloud-client';
import type { ApiResult } from '../../typings/api';
import { data, post, type CloudCall } from '../support/journey';
import { bindPatient } from '../support/experience';

const NOW = hospitalInstant('2026-11-26 10:00:00');
const TOMORROW = '2026-11-27';
const first17 = '11010519800312245';
const PATIENT = { name: '韩雪梅', idCardNo: first17 + idCardCheckChar(first17), phone: '13700001111' };
const UNAVAILABLE = { ok: false, code: 'HOSPITAL_UNAVAILABLE', message: expect.stringMatching(/请稍后再试/) };

let stack: RunningStack;
let call: CloudCall;
beforeAll(async () => {
  // Caches that expire at once: every read goes to the hospital, so a failure is met by the last good copy.
  stack = await startStack({ hospitalPort: 0, frontMachinePort: 0, cloudPort: 0, quiet: true, now: NOW, seed: 16, frontMachineEnv: { FM_REF_TTL_S: '0', FM_SCHEDULE_TTL_S: '0' } });
  call = (action, input) => cloudClient(stack.cloudUrl, 'journey-hospital-down')(action, input);
});
afterAll(async () => {
  await post(`${stack.hospitalUrl}/sandbox/faults`, { service: '*', mode: 'off' });
  await stack?.close();
});

const hsbCalls = async (): Promise<number> => {
  const stats = (await (await fetch(`${stack.hospitalUrl}/sandbox/stats`)).json()) as { total?: number; calls?: Record<string, number> };
  return stats.total ?? Object.values(stats.calls ?? {}).reduce((a, b) => a + b, 0);
};

test('hospital down: stale reads marked, slots and writes refused with what to do, nothing lost', async () => {
  const patientId = await bindPatient(call, PATIENT, stack.hospitalUrl);
  const card = await post(`${stack.hospitalUrl}/sandbox/cards`, { idCardNo: PATIENT.idCardNo, name: PATIENT.name, phone: PATIENT.phone, verified: true });
  data(await call('card.bind', { patientId, cardNo: card.json.cardNo as string }));

  // The hospital answering: fresh reads carry no mark.
  const info = data<HospitalInfoResponse>(await call('hospital.info', {}));
  const depts = data<DeptListResponse>(await call('dept.list', {}));
  const dept = depts.groups.flatMap((g) => g.children)[0]!;
  const doctors = data<DoctorListResponse>(await call('doctor.list', { deptId: dept.deptId }));
  const week = data<ScheduleListResponse>(await call('schedule.list', { deptId: dept.deptId }));
  const session = week.schedules.find((s) => s.date === TOMORROW && s.status === 'open')!;
  const doctor = data<Doctor & StaleMark>(await call('doctor.get', { doctorId: session.doctorId }));
  for (const read of [info, depts, doctors, week, doctor]) expect(read.staleSince).toBeUndefined();
  const slots = data<SlotListResponse>(await call('slot.list', { scheduleId: session.scheduleId })).slots.filter((s) => s.available);
  const today = week.schedules.find((s) => s.date === '2026-11-26' && s.period === 'PM' && s.status === 'open')!;
  const todaySlot = data<SlotListResponse>(await call('slot.list', { scheduleId: today.scheduleId })).slots.find((s) => s.available)!;
  const booked = data<AppointmentView>(await call('appointment.create', { patientId, slotId: slots[0]!.slotId, scheduleId: session.scheduleId }));
  expect(booked.status).toBe('booked');
  const fetchedBy = Date.now();

  // The hospital fails every call.
  expect((await post(`${stack.hospitalUrl}/sandbox/faults`, { service: '*', mode: 'error' })).status).toBe(200);
  const before = await hsbCalls();

  // Reference reads: the last good copy, the same data, marked with when it was fetched.
  const staleInfo = data<HospitalInfoResponse>(await call('hospital.info', {}));
  const staleDepts = data<DeptListResponse>(await call('dept.list', {}));
  const staleDoctors = data<DoctorListResponse>(await call('doctor.list', { deptId: dept.deptId }));
  const staleDoctor = data<Doctor & StaleMark>(await call('doctor.get', { doctorId: session.doctorId }));
  const staleWeek = data<ScheduleListResponse>(await call('schedule.list', { deptId: dept.deptId }));
  for (const read of [staleInfo, staleDepts, staleDoctors, staleDoctor, staleWeek]) {
    expect(read.staleSince).toEqual(expect.any(String));
    expect(Date.parse(read.staleSince!)).toBeLessThanOrEqual(fetchedBy);
  }
  const { staleSince: _i, ...infoData } = staleInfo;
  expect(infoData).toEqual(info);
  expect(staleDepts.groups).toEqual(depts.groups);
  expect(staleDoctors.doctors).toEqual(doctors.doctors);
  expect(staleDoctor.name).toBe(doctor.name);
  expect(staleWeek.schedules.map((s) => s.scheduleId)).toEqual(week.schedules.map((s) => s.scheduleId));
  // Each went to the hospital first (the copy is the fallback, not a cache hit).
  expect(await hsbCalls()).toBeGreaterThanOrEqual(before + 5);

  // Slot availability is never offered stale.
  expect(await call('slot.list', { scheduleId: session.scheduleId })).toMatchObject(UNAVAILABLE);

  // Writes are refused with what to do, and leave nothing behind.
  const refused: ApiResult[] = [
    await call('appointment.create', { patientId, slotId: slots[1]!.slotId, scheduleId: session.scheduleId }),
    await call('appointment.cancel', { appointmentId: booked.appointmentId }),
    await call('registration.create', { patientId, slotId: todaySlot.slotId, scheduleId: today.scheduleId }),
    await call('bill.pay', { patientId, billIds: ['B000000001'] }),
  ];
  for (const answer of refused) expect(answer).toMatchObject(UNAVAILABLE);
  // Personal lists are live, never from a copy.
  expect(await call('appointment.list', { patientId })).toMatchObject(UNAVAILABLE);

  // The hospital answers again: everything as it was before the outage.
  expect((await post(`${stack.hospitalUrl}/sandbox/faults`, { service: '*', mode: 'off' })).status).toBe(200);
  const appointments = data<{ appointments: AppointmentView[] }>(await call('appointment.list', { patientId })).appointments;
  expect(appointments.map((a) => [a.appointmentId, a.status])).toEqual([[booked.appointmentId, 'booked']]);
  const after = data<SlotListResponse>(await call('slot.list', { scheduleId: session.scheduleId })).slots;
  expect(after.find((s) => s.slotId === slots[1]!.slotId)?.available).toBe(true);
  const todayAfter = data<SlotListResponse>(await call('slot.list', { scheduleId: today.scheduleId })).slots;
  expect(todayAfter.find((s) => s.slotId === todaySlot.slotId)?.available).toBe(true);
  expect(data<OrderListResponse>(await call('order.list', {})).orders).toEqual([]);
  expect(data<HospitalInfoResponse>(await call('hospital.info', {})).staleSince).toBeUndefined();
});

test('the notice the hospital publishes reaches hospital.info through every layer, with the map point; withdrawn, it goes', async () => {
  expect((await post(`${stack.hospitalUrl}/sandbox/notice`, { text: '  12月1日起儿科夜间门诊移至急诊楼1楼  ' })).json).toEqual({ notice: '12月1日起儿科夜间门诊移至急诊楼1楼' });
  const info = data<HospitalInfoResponse>(await call('hospital.info', {}));
  expect(info.notice).toBe('12月1日起儿科夜间门诊移至急诊楼1楼');
  expect(info.location).toEqual({ latitude: expect.any(Number), longitude: expect.any(Number) });
  expect(await post(`${stack.hospitalUrl}/sandbox/notice`, { text: 42 })).toMatchObject({ status: 400, json: { field: 'text' } });
  await post(`${stack.hospitalUrl}/sandbox/notice`, { text: '' });
  expect(data<HospitalInfoResponse>(await call('hospital.info', {})).notice).toBeUndefined();
});
