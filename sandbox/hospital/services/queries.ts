/** Reads shared by several services: departments and their sub-specialties, one doctor. */
import type { HospitalDb } from '../db';

export interface DepartmentRow {
  code: string;
  name: string;
  parentCode: string | null;
  intro: string;
  location: string;
}

export function findDepartment(db: HospitalDb, code: string): DepartmentRow | undefined {
  return db
    .prepare('SELECT code, name, parent_code AS parentCode, intro, location FROM departments WHERE code = ?')
    .get(code) as DepartmentRow | undefined;
}

/** The department's code and those of all its sub-specialties. */
export function departmentSubtree(db: HospitalDb, code: string): string[] {
  return db
    .prepare(
      `WITH RECURSIVE tree(code) AS (
         SELECT code FROM departments WHERE code = ?
         UNION ALL SELECT d.code FROM departments d JOIN tree t ON d.parent_code = t.code)
       SELECT code FROM tree`,
    )
    .pluck()
    .all(code) as string[];
}

export function doctorExists(db: HospitalDb, code: string): boolean {
  return db.prepare('SELECT 1 FROM doctors WHERE code = ?').pluck().get(code) !== undefined;
}

/** `?, ?, ?` for an IN list. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
