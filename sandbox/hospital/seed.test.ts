import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHospital } from './hospital';
import type { Hospital } from './hospital';
import { callHsb } from './testing';
import { buildRequest } from './xml';

const NOW = '2026-11-26T01:30:00Z';

/** Every answer a client could get, as raw XML (same frozen clock → same SendTime). */
async function everything(hospital: Hospital): Promise<string[]> {
  const ask = (service: string, body: Record<string, string> = {}) => hospital.handle(buildRequest(service, 'same-id', 'x', body));
  const out = [await ask('GetHospitalInfo'), await ask('QueryDepartments')];
  const departments = (await callHsb(hospital, 'QueryDepartments')).Body.Departments.Department;
  for (const d of departments) {
    out.push(await ask('QueryDoctors', { DeptCode: d.DeptCode }));
    out.push(await ask('QuerySchedules', { DeptCode: d.DeptCode, BeginDate: '2026-11-26', EndDate: '2026-12-02' }));
  }
  return out;
}

function frozenHospital(seed: number, dbPath?: string): Hospital {
  const hospital = createHospital({ seed, now: NOW, dbPath });
  hospital.clock.freeze();
  return hospital;
}

describe('seeding', () => {
  it('builds the identical hospital from the same seed', async () => {
    const a = frozenHospital(20221);
    const b = frozenHospital(20221);
    expect(await everything(a)).toEqual(await everything(b));
    const slots = (h: Hospital) => h.db.prepare('SELECT id, begin_time, end_time, state FROM slots ORDER BY id').all();
    expect(slots(a)).toEqual(slots(b));
    a.close();
    b.close();
  });

  it('builds a different hospital from a different seed: departments, doctors and schedules', async () => {
    const a = frozenHospital(20221);
    const b = frozenHospital(7);
    const [depA, depB] = [await callHsb(a, 'QueryDepartments'), await callHsb(b, 'QueryDepartments')];
    expect(depA.Body.Departments.Department).not.toEqual(depB.Body.Departments.Department);
    const doctors = async (h: Hospital) => (await callHsb(h, 'QueryDoctors', { DeptCode: '0101' })).Body.Doctors.Doctor.map((d) => d.DoctorName);
    expect(await doctors(a)).not.toEqual(await doctors(b));
    const schedules = async (h: Hospital) =>
      (await callHsb(h, 'QuerySchedules', { DeptCode: '0100', BeginDate: '2026-11-26', EndDate: '2026-12-02' })).Body.Schedules.Schedule;
    expect(await schedules(a)).not.toEqual(await schedules(b));
    a.close();
    b.close();
  });

  it('always has at least 12 departments and unique doctor names, whatever the seed', async () => {
    for (const seed of [0, 1, 2, 3, 42, 20221, 4294967295]) {
      const h = frozenHospital(seed);
      const departments = (await callHsb(h, 'QueryDepartments')).Body.Departments.Department;
      expect(departments.length).toBeGreaterThanOrEqual(12);
      const names = h.db.prepare('SELECT name FROM doctors').pluck().all() as string[];
      expect(new Set(names).size).toBe(names.length);
      h.close();
    }
  });

  it('rejects seeds that are not 32-bit unsigned integers', () => {
    expect(() => createHospital({ seed: 1.5 })).toThrow(RangeError);
    expect(() => createHospital({ seed: -1 })).toThrow(RangeError);
  });

  describe('with a database file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'sandbox-hospital-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps its data across restarts, slot states included', () => {
      const path = join(dir, 'hospital.db');
      const first = frozenHospital(20221, path);
      const slot = first.db.prepare(`SELECT id FROM slots WHERE state = 'free' ORDER BY id LIMIT 1`).pluck().get() as string;
      first.db.prepare(`UPDATE slots SET state = 'booked' WHERE id = ?`).run(slot);
      first.close();
      const again = frozenHospital(20221, path);
      expect(again.db.prepare('SELECT state FROM slots WHERE id = ?').pluck().get(slot)).toBe('booked');
      again.close();
    });

    it('refuses to open it with another seed', () => {
      const path = join(dir, 'hospital.db');
      frozenHospital(20221, path).close();
      expect(() => createHospital({ seed: 8, dbPath: path })).toThrow(/seeded with 20221/);
    });
  });
});
