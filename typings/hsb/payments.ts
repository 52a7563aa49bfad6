/**
 * HSB outpatient money: pending bills, payment confirmation, the day's payments for reconciliation, costs. Leaves are strings (typings/hsb.ts).
 */

import type { HsbYuan } from './envelope';

// ---- QueryPendingBills (待缴费) ----------------------------------------------------------------
/** Unknown patient → 1001. */
export interface QueryPendingBillsRequest {
  PatientId: string;
}
export interface HsbBillItem {
  ItemName: string;
  Spec: string;
  /** Decimal count, e.g. "2" */
  Quantity: string;
  Unit: string;
  UnitPrice: HsbYuan;
  Amount: HsbYuan;
}
export interface HsbBill {
  BillNo: string;
  VisitNo: string;
  /** YYYY-MM-DD */
  VisitDate: string;
  DeptName: string;
  DoctorName: string;
  /** 1 drug 西药/中成药, 2 exam 检查, 3 lab 检验, 4 treatment 治疗 */
  BillType: '1' | '2' | '3' | '4';
  BillTitle: string;
  TotalFee: HsbYuan;
  Items: { Item: HsbBillItem[] };
}
export interface QueryPendingBillsResponse {
  Bills: { Bill: HsbBill[] };
}

// ---- ConfirmPayment (缴费确认: the hospital records a payment taken by WeChat Pay) -------------
/**
 * Idempotent by TradeNo: the same TradeNo again answers the first ReceiptNo. A bill that is not
 * pending (paid under another TradeNo, voided) or a TotalFee that is not the bills' sum → 2001 with
 * a Chinese message; the money must then be refunded by the caller. Unknown patient → 1001.
 */
export interface ConfirmPaymentRequest {
  PatientId: string;
  /** BILL for outpatient bills (later: REG, DEPOSIT …) */
  BizType: 'BILL';
  BillNos: { BillNo: string[] };
  TotalFee: HsbYuan;
  /** Our out_trade_no */
  TradeNo: string;
  /** WeChat Pay's transaction id */
  TransactionId: string;
  /** Asia/Shanghai wall time */
  PayTime: string;
  PayChannel: 'WECHAT';
}
export interface ConfirmPaymentResponse {
  ReceiptNo: string;
}

// ---- QueryPayments (对账: the hospital's record of one day's online payments) -----------------
export interface QueryPaymentsRequest {
  /** YYYY-MM-DD, by PayTime in Asia/Shanghai */
  Date: string;
}
export interface HsbPayment {
  TradeNo: string;
  TransactionId: string;
  PatientId: string;
  TotalFee: HsbYuan;
  PayTime: string;
  ReceiptNo: string;
}
export interface QueryPaymentsResponse {
  Payments: { Payment: HsbPayment[] };
}

// ---- QueryCosts (费用查询: every visit's bills, paid or pending) -------------------------------
export interface QueryCostsRequest {
  PatientId: string;
}
export interface HsbCostBill {
  BillNo: string;
  BillType: '1' | '2' | '3' | '4';
  BillTitle: string;
  TotalFee: HsbYuan;
  /** 0 pending, 1 paid */
  Status: '0' | '1';
  /** Empty while pending */
  ReceiptNo: string;
}
export interface HsbCostVisit {
  VisitNo: string;
  VisitDate: string;
  DeptName: string;
  DoctorName: string;
  Bills: { Bill: HsbCostBill[] };
}
export interface QueryCostsResponse {
  Visits: { Visit: HsbCostVisit[] };
}


/** Payment services. */
export interface HsbPaymentServices {
  QueryPendingBills: { request: QueryPendingBillsRequest; response: QueryPendingBillsResponse };
  ConfirmPayment: { request: ConfirmPaymentRequest; response: ConfirmPaymentResponse };
  QueryPayments: { request: QueryPaymentsRequest; response: QueryPaymentsResponse };
  QueryCosts: { request: QueryCostsRequest; response: QueryCostsResponse };
}
