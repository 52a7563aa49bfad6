/**
 * The release-time rush: 200 patients race for 10 slots through the cloud router → the real front
 * machine → the sandbox hospital. Exactly the 10 slots are booked, by 10 different patients, and
 * everyone else hears SOLD_OUT; nothing else goes wrong.
 */
import type { AppointmentView, SlotListResponse } from '../../typings/booking';
import { hospitalInstant } from '../../miniprogram/core/time';
import { data, daysFrom, world, type World } from './world';

const NOW = hospitalInstant('2026-11-26 10:00:00');
const PATIENTS = 200;
const SLOTS = 10;
const PER_ACCOUNT = 5;

let w: World;
beforeAll(async () => {
  w = await world(NOW);
});
afterAll(async () => {
  await w.close();
});

test(`${PATIENTS} patients race for ${SLOTS} slots: exactly the slots are booked, everyone else SOLD_OUT`, async () => {
  const accounts = Array.from({ length: PATIENTS / PER_ACCOUNT }, (_, i) => `o-rush-${i}`);
  // Patients of one account are bound one after the other (one account document); accounts in parallel.
  const patients = (
    await Promise.all(
      accounts.map(async (openid, i) => {
        const mine: { openid: string; patientId: string }[] = [];
        for (let k = 0; k < PER_ACCOUNT; k++) mine.push({ openid, patientId: await w.patient(openid, 100 + i * PER_ACCOUNT + k, { card: false }) });
        return mine;
      }),
    )
  ).flat();
  const tomorrow = daysFrom(NOW, 2)[1] as string;
  const session = (await w.sessionsOn(tomorrow)).find((s) => s.free.length >= SLOTS);
  if (!session) throw new Error('no session with enough free slots');
  const targets = session.free.slice(0, SLOTS);

  const results = await Promise.all(patients.map((p, i) => w.call(p.openid, 'appointment.create', { patientId: p.patientId, slotId: targets[i % SLOTS] as string })));

  const booked = results.filter((r) => r.ok).map((r) => data<AppointmentView>(r));
  const codes = results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code));
  expect(booked).toHaveLength(SLOTS);
  expect(new Set(booked.map((a) => a.slotId))).toEqual(new Set(targets));
  expect(new Set(booked.map((a) => a.patientId)).size).toBe(SLOTS);
  expect(codes).toEqual(Array.from({ length: PATIENTS - SLOTS }, () => 'SOLD_OUT'));

  // The hospital agrees: the slots are taken, and the patients hold exactly those appointments.
  const { slots } = data<SlotListResponse>(await w.call('o-browser', 'slot.list', { scheduleId: session.schedule.scheduleId }));
  expect(slots.filter((s) => targets.includes(s.slotId)).every((s) => !s.available)).toBe(true);
  let held = 0;
  for (const openid of accounts) held += data<{ appointments: AppointmentView[] }>(await w.call(openid, 'appointment.list', {})).appointments.filter((a) => a.status === 'booked').length;
  expect(held).toBe(SLOTS);
}, 120_000);
