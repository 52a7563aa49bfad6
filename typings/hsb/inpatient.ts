/**
 * HSB inpatient (住院): stays, daily lists, deposits. Leaves are strings (typings/hsb.ts).
 */

import type { HsbYuan } from './envelope';

// ---- Inpatient (住院): stays, daily lists, deposits -------------------------------------------------
/**
 * A stay. Status 1 in hospital, 2 discharged and settling (出院结算中), 3 discharged and settled.
 * Times are Shanghai wall time (`YYYY-MM-DD HH:mm:ss`), empty until they happen. Money in yuan;
 * Balance (deposits minus charges) and Settlement carry a sign ("-120.50") when the patient owes.
 * Charges are posted per day of the stay on the hospital's clock, up to today.
 */
export interface HsbStay {
  StayNo: string;
  /** 住院号: what the wristband and the admission papers show. */
  AdmissionNo: string;
  PatientId: string;
  DeptName: string;
  WardName: string;
  WardLocation: string;
  BedNo: string;
  /** 主治医生 */
  DoctorName: string;
  Status: '1' | '2' | '3';
  AdmitTime: string;
  DischargeTime: string;
  SettleTime: string;
  DepositTotal: HsbYuan;
  ChargeTotal: HsbYuan;
  Balance: HsbYuan;
  /** Empty until settled: what was returned (positive) or collected (negative) at settlement. */
  Settlement: HsbYuan;
  /** Below this balance the hospital asks for more deposit (催缴). */
  LowBalanceThreshold: HsbYuan;
}
/** A patient's stays, newest admission first. Unknown patient → 1001. */
export interface QueryInpatientStaysRequest {
  PatientId: string;
}
export interface QueryInpatientStaysResponse {
  Stays: { Stay: HsbStay[] };
}
/**
 * One stay of the patient, by AdmissionNo or StayNo (exactly one). A number unknown or of another
 * patient → 1001 with one message (no oracle); unknown patient → 1001 naming 患者.
 */
export interface QueryInpatientStayRequest {
  PatientId: string;
  AdmissionNo?: string;
  StayNo?: string;
}
export interface QueryInpatientStayResponse {
  Stay: HsbStay;
}
/**
 * 每日清单: one day's charges of the patient's stay. Category: 1 床位费, 2 护理费, 3 药品费, 4 检验费,
 * 5 检查费, 6 治疗费, 7 材料费. A date outside the stay (or after today) → 2001; not the patient's → 1001.
 */
export interface QueryInpatientDailyListRequest {
  PatientId: string;
  StayNo: string;
  /** YYYY-MM-DD */
  ChargeDate: string;
}
export interface HsbStayCharge {
  Category: '1' | '2' | '3' | '4' | '5' | '6' | '7';
  ItemName: string;
  Spec: string;
  /** Decimal count, e.g. "2" */
  Quantity: string;
  Unit: string;
  UnitPrice: HsbYuan;
  Amount: HsbYuan;
}
export interface QueryInpatientDailyListResponse {
  StayNo: string;
  ChargeDate: string;
  Items: { Item: HsbStayCharge[] };
  DayTotal: HsbYuan;
}
/**
 * Records a deposit (预交金) WeChat Pay took; idempotent by TradeNo (the same TradeNo again answers
 * the first receipt). A stay discharged or settling → 2001 (the caller refunds); not the patient's → 1001.
 */
export interface PayInpatientDepositRequest {
  PatientId: string;
  StayNo: string;
  TotalFee: HsbYuan;
  TradeNo: string;
  TransactionId: string;
  PayTime: string;
  PayChannel: 'WECHAT';
}
export interface PayInpatientDepositResponse {
  ReceiptNo: string;
  Stay: HsbStay;
}


/** Inpatient (住院) services. */
export interface HsbInpatientServices {
  QueryInpatientStays: { request: QueryInpatientStaysRequest; response: QueryInpatientStaysResponse };
  QueryInpatientStay: { request: QueryInpatientStayRequest; response: QueryInpatientStayResponse };
  QueryInpatientDailyList: { request: QueryInpatientDailyListRequest; response: QueryInpatientDailyListResponse };
  PayInpatientDeposit: { request: PayInpatientDepositRequest; response: PayInpatientDepositResponse };
}
