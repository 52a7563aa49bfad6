/** Hospital reference data for pages, through the one cloud client. */
import type { ApiResult } from '../../typings/api';
import type { DepartmentGroup, DoctorSummary, StaleMark } from '../../typings/hospital';
import type { Result } from '../../typings/result';
import { callCloud } from './cloud';

/** The hospital's profile. */
export function loadHospitalInfo(): Promise<ApiResult<'hospital.info'>> {
  return callCloud('hospital.info', {});
}

/** Every department, grouped. */
export function loadDepartments(): Promise<ApiResult<'dept.list'>> {
  return callCloud('dept.list', {});
}

/**
 * Every doctor of the hospital: `doctor.list` answers per department, so this asks each top-level
 * department (which lists its sub-specialties' doctors) and merges; the first failure wins.
 */
export async function loadAllDoctors(groups: DepartmentGroup[]): Promise<Result<{ doctors: DoctorSummary[] } & StaleMark>> {
  const answers = await Promise.all(groups.map((group) => callCloud('doctor.list', { deptId: group.deptId })));
  const doctors = new Map<string, DoctorSummary>();
  let staleSince: string | undefined;
  for (const answer of answers) {
    if (!answer.ok) return answer;
    for (const doctor of answer.data.doctors) doctors.set(doctor.doctorId, doctor);
    const since = answer.data.staleSince;
    if (since !== undefined && (staleSince === undefined || since < staleSince)) staleSince = since;
  }
  return { ok: true, data: { doctors: [...doctors.values()], ...(staleSince === undefined ? {} : { staleSince }) } };
}
