/** QueryDepartments: every department, flat, top-level ones with ParentCode "". */
import type { HsbDepartment, QueryDepartmentsResponse } from '../../../typings/hsb';
import type { ServiceHandler } from './context';
import { ok, readParams } from './context';

export const queryDepartments: ServiceHandler<QueryDepartmentsResponse> = (body, { db }) => {
  const params = readParams<Record<string, never>>({}, body);
  if (!params.ok) return params.refusal;
  const rows = db
    .prepare(
      `SELECT code AS DeptCode, name AS DeptName, COALESCE(parent_code, '') AS ParentCode, intro AS Intro, location AS Location
         FROM departments ORDER BY sort`,
    )
    .all() as HsbDepartment[];
  return ok({ Departments: { Department: rows } });
};
