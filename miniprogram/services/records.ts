/** Typed calls to the records actions: visits, their records, reports and a lab item's trend. Nothing here is stored. */
import type { ApiResult } from '../../typings/api';
import { callCloud } from './cloud';

/** A bound patient's outpatient visits (就诊记录), newest first. */
export function loadVisits(patientId: string): Promise<ApiResult<'visit.list'>> {
  return callCloud('visit.list', { patientId });
}

/** One visit's record and prescriptions. */
export function loadVisit(patientId: string, visitId: string): Promise<ApiResult<'visit.get'>> {
  return callCloud('visit.get', { patientId, visitId });
}

/** A bound patient's lab, exam and pathology reports (报告查询). */
export function loadReports(patientId: string): Promise<ApiResult<'report.list'>> {
  return callCloud('report.list', { patientId });
}

/** One finished report. */
export function loadReport(patientId: string, reportId: string): Promise<ApiResult<'report.get'>> {
  return callCloud('report.get', { patientId, reportId });
}

/** A lab item's values across the patient's finished reports. */
export function loadTrend(patientId: string, itemCode: string): Promise<ApiResult<'report.trend'>> {
  return callCloud('report.trend', { patientId, itemCode });
}
