/** Hospital reference data for pages, through the one cloud client. */
import type { ApiResult } from '../../typings/api';
import { callCloud } from './cloud';

/** The hospital's profile. */
export function loadHospitalInfo(): Promise<ApiResult<'hospital.info'>> {
  return callCloud('hospital.info', {});
}

/** Every department, grouped. */
export function loadDepartments(): Promise<ApiResult<'dept.list'>> {
  return callCloud('dept.list', {});
}

/** Every doctor of the hospital (找医生): `doctor.list` without a department, one call. */
export function loadAllDoctors(): Promise<ApiResult<'doctor.list'>> {
  return callCloud('doctor.list', {});
}
