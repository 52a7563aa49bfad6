/**
 * Seeds the hospital's reference data (profile, department tree, doctors and their weekly clinic
 * pattern) from the data files, every choice drawn from one PRNG: same seed, same hospital.
 */
import type { HospitalDb } from './db';
import { readMeta, writeMeta } from './db';
import type { DepartmentData, DepartmentsData, DoctorsData, HospitalProfileData, NamesData, TitleData } from './data';
import { departmentsData, doctorsData, hospitalData, namesData } from './data';
import type { Random } from './random';
import { intBetween, mulberry32, pick, shuffled, weightedSample } from './random';

export interface SeedData {
  hospital: HospitalProfileData;
  departments: DepartmentsData;
  doctors: DoctorsData;
  names: NamesData;
}

export const DEFAULT_SEED_DATA: SeedData = {
  hospital: hospitalData,
  departments: departmentsData,
  doctors: doctorsData,
  names: namesData,
};

interface SeededDepartment {
  code: string;
  name: string;
  parentCode: string | null;
  intro: string;
  location: string;
  /** Present on departments that see patients (leaves). */
  focus: string[] | null;
}

/** `[min, max]` from a data file, checked. */
function bounds(range: number[], what: string): [number, number] {
  const [min, max] = range;
  if (min === undefined || max === undefined || min > max) throw new Error(`doctors.json: ${what} must be [min, max]`);
  return [min, max];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function seedDepartments(random: Random, data: DepartmentsData): SeededDepartment[] {
  const floorsLeft = new Map(Object.entries(data.buildings).map(([key, b]) => [key, shuffled(random, b.floors)]));
  const included = (d: DepartmentData) => !d.optional || random() < data.optionalRate;
  const out: SeededDepartment[] = [];
  for (const group of data.groups) {
    if (!included(group)) continue;
    const buildingKey = group.building ?? '';
    const building = data.buildings[buildingKey];
    const floor = floorsLeft.get(buildingKey)?.shift();
    // A data-file mistake, not a seed outcome: every top-level department needs its own floor.
    if (!building || floor === undefined) throw new Error(`departments.json: no free floor in building "${buildingKey}" for ${group.code}`);
    const areas = shuffled(random, data.areas);
    const children = (group.children ?? []).filter(included);
    if (children.length === 0) {
      out.push({ code: group.code, name: group.name, parentCode: null, intro: group.intro, location: `${building.name}${floor}楼${areas[0] ?? 'A'}区`, focus: group.focus ?? [] });
      continue;
    }
    out.push({ code: group.code, name: group.name, parentCode: null, intro: group.intro, location: `${building.name}${floor}楼`, focus: null });
    children.forEach((child, i) => {
      const area = areas[i];
      if (area === undefined) throw new Error(`departments.json: more sub-specialties than areas under ${group.code}`);
      out.push({ code: child.code, name: child.name, parentCode: group.code, intro: child.intro, location: `${building.name}${floor}楼${area}区`, focus: child.focus ?? [] });
    });
  }
  return out;
}

function drawName(random: Random, names: NamesData, female: boolean, taken: Set<string>): string {
  const given = female ? names.givenFemale : names.givenMale;
  for (let attempt = 0; attempt < 100; attempt++) {
    const length = random() < names.singleGivenRate ? 1 : 2;
    let name = pick(random, names.surnames);
    for (let i = 0; i < length; i++) name += pick(random, given);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  throw new Error('names.json: too few names for the number of doctors');
}

function drawIntro(random: Random, data: DoctorsData, title: TitleData, values: Record<string, string>): string {
  const parts: string[] = [];
  for (const entry of title.intro) {
    const optional = entry.endsWith('?');
    const key = optional ? entry.slice(0, -1) : entry;
    // Draw even when skipped so one title's intro shape never shifts another doctor's draws.
    const keep = random() < data.optionalPartRate;
    if (optional && !keep) continue;
    const template = data.introTemplates[key];
    if (template === undefined) throw new Error(`doctors.json: no intro template "${key}"`);
    parts.push(fill(template, values));
  }
  return parts.join('');
}

const HALF_DAYS = Array.from({ length: 14 }, (_, i) => ({ weekday: Math.floor(i / 2), timeFlag: (i % 2) + 1 }));

/** Writes the whole reference data set of `seed` into an empty database. */
export function seedHospital(db: HospitalDb, seed: number, data: SeedData = DEFAULT_SEED_DATA): void {
  const random = mulberry32(seed);
  const departments = seedDepartments(random, data.departments);
  const takenNames = new Set<string>();
  const titleRank = (t: TitleData) => data.doctors.titles.indexOf(t);
  const seniors = data.doctors.titles.slice(0, 2);

  const insertHospital = db.prepare(
    'INSERT INTO hospital (id, name, level, address, phone, intro, hours, traffic) VALUES (1, @name, @level, @address, @phone, @intro, @hours, @traffic)',
  );
  const insertDept = db.prepare(
    'INSERT INTO departments (code, name, parent_code, intro, location, sort) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertDoctor = db.prepare(
    `INSERT INTO doctors (code, name, gender, title, dept_code, specialty, intro, fee_fen, slot_minutes, sort)
     VALUES (@code, @name, @gender, @title, @deptCode, @specialty, @intro, @feeFen, @slotMinutes, @sort)`,
  );
  const insertSession = db.prepare('INSERT INTO doctor_sessions (doctor_code, weekday, time_flag) VALUES (?, ?, ?)');

  db.transaction(() => {
    const h = data.hospital;
    insertHospital.run({ name: h.name, level: h.level, address: h.address, phone: h.phone, intro: h.intro.join('\n\n'), hours: h.hours, traffic: h.traffic });
    departments.forEach((d, i) => insertDept.run(d.code, d.name, d.parentCode, d.intro, d.location, i));

    let sort = 0;
    for (const dept of departments) {
      if (dept.focus === null) continue;
      const count = intBetween(random, ...bounds(data.doctors.perDepartment, 'perDepartment'));
      // Every clinic has at least one senior doctor; the rest follow the title weights.
      const titles = [
        ...weightedSample(random, seniors, (t) => t.weight, 1),
        ...Array.from({ length: count - 1 }, () => weightedSample(random, data.doctors.titles, (t) => t.weight, 1)[0] as TitleData),
      ].sort((a, b) => titleRank(a) - titleRank(b));
      titles.forEach((title, i) => {
        const female = random() < data.names.femaleRate;
        const name = drawName(random, data.names, female, takenNames);
        const focus = shuffled(random, dept.focus ?? []).slice(0, intBetween(random, 2, 3));
        const specialty = focus.join('、');
        const values: Record<string, string> = {
          name,
          title: title.title,
          degree: pick(random, data.doctors.degrees),
          school: pick(random, data.doctors.schools),
          dept: dept.name,
          years: String(intBetween(random, ...bounds(title.years, 'years'))),
          focus: specialty,
          focusOne: focus[0] ?? dept.name,
          training: pick(random, data.doctors.training),
          society: fill(pick(random, data.doctors.societies), { dept: dept.name }),
        };
        const code = `D${dept.code}${String(i + 1).padStart(2, '0')}`;
        insertDoctor.run({
          code,
          name,
          gender: female ? 2 : 1,
          title: title.title,
          deptCode: dept.code,
          specialty,
          intro: drawIntro(random, data.doctors, title, values),
          feeFen: title.feeFen,
          slotMinutes: title.slotMinutes,
          sort: sort++,
        });
        const sessions = weightedSample(
          random,
          HALF_DAYS,
          (s) => (data.doctors.weekdayWeights[s.weekday] ?? 0) * (s.timeFlag === 2 ? data.doctors.afternoonWeight : 1),
          intBetween(random, ...bounds(title.weeklySessions, 'weeklySessions')),
        );
        for (const s of sessions) insertSession.run(code, s.weekday, s.timeFlag);
      });
    }
    writeMeta(db, 'seed', String(seed));
  })();
}

/** Seeds an empty database; a database seeded before keeps its data, and must have the same seed. */
export function ensureSeeded(db: HospitalDb, seed: number): void {
  const existing = readMeta(db, 'seed');
  if (existing === undefined) {
    seedHospital(db, seed);
    return;
  }
  if (existing !== String(seed)) throw new Error(`the hospital database was seeded with ${existing}, not ${seed}`);
}
