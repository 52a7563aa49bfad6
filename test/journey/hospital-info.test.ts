/**
 * Journey through every layer: local cloud `api` → front machine (signed) → HSB XML → sandbox
 * hospital. A patient browses departments, doctors and a week of schedules.
 */
import type { RunningStack } from '../../scripts/stack';
import { journeyStack } from '../support/journey';

// 2026-11-26 10:00 in Shanghai (02:00Z): the hospital's today is 2026-11-26 whatever TZ the tests run in.
const NOW = '2026-11-26T02:00:00.000Z';

const journey = journeyStack(NOW);
const call = journey.client('journey-openid');
let stack: RunningStack;
beforeAll(() => ({ stack } = journey));

test('hospital.info answers the hospital profile from the HSB', async () => {
  const r = await call('hospital.info', {});
  if (!r.ok) throw new Error(r.message);
  expect(r.data.name).toMatch(/医院/);
  expect(r.data.level).toBe('三级甲等');
  expect(r.data.intro.length).toBeGreaterThan(20);
});

test('departments → doctors → doctor → schedules, consistent across layers', async () => {
  const depts = await call('dept.list', {});
  if (!depts.ok) throw new Error(depts.message);
  const all = depts.data.groups.flatMap((g) => g.children);
  expect(all.length).toBeGreaterThanOrEqual(12);
  const dept = all.find((d) => d.parentId !== null) ?? all[0]!;

  const doctors = await call('doctor.list', { deptId: dept.deptId });
  if (!doctors.ok) throw new Error(doctors.message);
  expect(doctors.data.department?.deptId).toBe(dept.deptId);
  expect(doctors.data.doctors.length).toBeGreaterThan(0);
  for (const d of doctors.data.doctors) {
    expect(Number.isInteger(d.fee)).toBe(true);
    expect(d.fee).toBeGreaterThan(0);
  }

  const first = doctors.data.doctors[0]!;
  const doctor = await call('doctor.get', { doctorId: first.doctorId });
  if (!doctor.ok) throw new Error(doctor.message);
  expect(doctor.data).toMatchObject({ doctorId: first.doctorId, name: first.name, fee: first.fee });

  const week = await call('schedule.list', { doctorId: first.doctorId });
  if (!week.ok) throw new Error(week.message);
  expect(week.data.dates).toEqual([
    '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02',
  ]);
  for (const s of week.data.schedules) {
    expect(s.doctorId).toBe(first.doctorId);
    expect(week.data.dates).toContain(s.date);
    expect(s.remaining).toBeGreaterThanOrEqual(0);
    expect(s.remaining).toBeLessThanOrEqual(s.totalSlots);
    if (s.status === 'open') expect(s.remaining).toBeGreaterThan(0);
  }

  const byDept = await call('schedule.list', { deptId: dept.deptId, days: 3 });
  if (!byDept.ok) throw new Error(byDept.message);
  expect(byDept.data.dates).toEqual(['2026-11-26', '2026-11-27', '2026-11-28']);
  const doctorIds = new Set(doctors.data.doctors.map((d) => d.doctorId));
  for (const s of byDept.data.schedules) expect(doctorIds.has(s.doctorId)).toBe(true);
});

test('bad input and unknown objects answer in Chinese with the field, never INTERNAL', async () => {
  const unknownAction = await call('no.such' as never, {} as never);
  expect(unknownAction).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'action' });

  const missing = await call('doctor.list', { deptId: 7 } as never);
  expect(missing).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'deptId' });
  // Without a department: every doctor (找医生 in one call).
  const all = await call('doctor.list', {});
  expect(all).toMatchObject({ ok: true, data: { department: null } });

  const unknownDept = await call('doctor.list', { deptId: 'NOPE' });
  expect(unknownDept).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'deptId' });

  const unknownDoctor = await call('doctor.get', { doctorId: 'NOPE' });
  expect(unknownDoctor).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'doctorId' });

  const badDays = await call('schedule.list', { deptId: 'X', days: 30 });
  expect(badDays).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'days' });

  for (const r of [unknownAction, missing, unknownDept, unknownDoctor, badDays]) {
    if (r.ok) throw new Error('expected a failure');
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  }
});

test('the hospital going down answers HOSPITAL_UNAVAILABLE in Chinese', async () => {
  await fetch(`${stack.hospitalUrl}/sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'QueryDoctors', mode: 'error', rate: 1 }),
  });
  try {
    // A doctor the front machine has not cached yet.
    const r = await call('doctor.get', { doctorId: 'NEVER-CACHED' });
    expect(r).toMatchObject({ ok: false, code: 'HOSPITAL_UNAVAILABLE' });
    if (!r.ok) expect(r.message).toMatch(/医院/);
  } finally {
    await fetch(`${stack.hospitalUrl}/sandbox/faults`, { method: 'DELETE' });
  }
});
