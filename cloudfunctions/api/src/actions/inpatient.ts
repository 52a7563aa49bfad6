/**
 * What the inpatient actions share: the stay as the patient sees it (what can be done with it and
 * which days have a list), and the rules of their fields. Not an action itself.
 */
import type { HospitalStay, StayView } from '../../../../typings/inpatient';
import { MAX_DEPOSIT_FEN, MIN_DEPOSIT_FEN } from '../../../../miniprogram/core/inpatient';
import { hospitalDate } from '../../../../miniprogram/core/time';
import { CODE_PATTERN, type IntRule, type StringRule } from '../../../../miniprogram/core/validate';

/** 住院号 as the parent types it from the wristband (blanks around it are dropped). */
export const ADMISSION_NO_RULE: StringRule = { type: 'string', label: '住院号', required: true, pattern: /^\s*[A-Za-z0-9-]{1,20}\s*$/ };
/** The hospital's stay id, as the app got it from inpatient.list or inpatient.bind. */
export const STAY_ID_RULE: StringRule = { type: 'string', label: '住院记录', required: true, pattern: CODE_PATTERN };
/** One deposit: 100.00 to 50,000.00 yuan, whole fen. */
export const DEPOSIT_AMOUNT_RULE: IntRule = { type: 'int', label: '押金金额（分）', required: true, min: MIN_DEPOSIT_FEN, max: MAX_DEPOSIT_FEN };

/** A deposit refused before payment: the stay is no longer in hospital. */
export const NOT_IN_HOSPITAL = '该住院已出院或正在办理出院结算，押金请到住院处办理';

/** The stay with what the app may do and the days a daily list exists for (on the business clock). */
export function stayView(stay: HospitalStay, now: number): StayView {
  const inHospital = stay.status === 'in-hospital';
  const firstDate = hospitalDate(Date.parse(stay.admittedAt));
  const end = stay.dischargedAt === null ? hospitalDate(now) : hospitalDate(Date.parse(stay.dischargedAt));
  return {
    ...stay,
    lowBalance: inHospital && stay.balance < stay.lowBalanceThreshold,
    canDeposit: inHospital,
    firstDate,
    lastDate: end < firstDate ? firstDate : end,
  };
}
