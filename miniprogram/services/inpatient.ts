/** Typed calls to the inpatient actions (住院服务): stays, binding by 住院号, daily lists, deposits. */
import type { ApiResult } from '../../typings/api';
import { callCloud } from './cloud';

/** A bound patient's bound stays, current first. */
export function loadStays(patientId: string): Promise<ApiResult<'inpatient.list'>> {
  return callCloud('inpatient.list', { patientId });
}

/** Binds the patient's stay with this 住院号. */
export function bindStay(patientId: string, admissionNo: string): Promise<ApiResult<'inpatient.bind'>> {
  return callCloud('inpatient.bind', { patientId, admissionNo });
}

/** 每日清单 of one day of a bound stay. */
export function loadDailyList(patientId: string, stayId: string, date: string): Promise<ApiResult<'inpatient.daily'>> {
  return callCloud('inpatient.daily', { patientId, stayId, date });
}

/** One deposit order (fen); the same amount tapped again while unpaid answers the same order. */
export function payDeposit(patientId: string, stayId: string, amount: number): Promise<ApiResult<'inpatient.deposit'>> {
  return callCloud('inpatient.deposit', { patientId, stayId, amount });
}
