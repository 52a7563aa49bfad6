/**
 * Payments (docs/architecture.md#payments): outpatient bills as the hospital reports them, and orders — the cloud
 * ledger's view of every charge — as the patient sees them. Amounts are integers in fen.
 */
import type { Fen, HospitalDate } from './hospital';

/** What a charge is for. */
export type OrderKind = 'registration' | 'appointment' | 'take-number' | 'outpatient-bill' | 'inpatient-deposit' | 'test-application';

/**
 * An order's life: created → paying → paid → confirmed; → closed (never paid);
 * paid → refunding → refunded (the hospital could not take it, or the slot was gone).
 */
/** `refund-abnormal`: WeChat closed the refund abnormally (REFUNDCLOSE, CHANGE): a case for staff, outside the end states. */
export type OrderStatus = 'created' | 'paying' | 'paid' | 'confirmed' | 'closed' | 'refunding' | 'refunded' | 'refund-abnormal';

// Status labels and the final statuses are values: they live in miniprogram/core/orders.ts
// (typings/ holds types only, and the mini program cannot import values from outside its root).

export type BillCategory = 'drug' | 'exam' | 'lab' | 'treatment';

/** One line of a bill (a drug, an exam, a lab test). */
export interface BillItem {
  name: string;
  /** e.g. 0.25g*12粒 */
  spec: string;
  quantity: number;
  unit: string;
  unitPrice: Fen;
  amount: Fen;
}

/** A pending outpatient bill (待缴费), from a doctor's orders at a visit. */
export interface Bill {
  billId: string;
  visitId: string;
  visitDate: HospitalDate;
  deptName: string;
  doctorName: string;
  category: BillCategory;
  /** e.g. 西药费, 检查费 */
  title: string;
  items: BillItem[];
  amount: Fen;
}

/** One change of an order's status, with why. */
export interface OrderTransition {
  from: OrderStatus | null;
  to: OrderStatus;
  /** ISO instant */
  at: string;
  /** e.g. 'bill.pay', 'payNotify', 'janitor: expired', 'hospital refused: 费用已缴' */
  cause: string;
}

/** An order as the patient sees it. */
export interface OrderView {
  outTradeNo: string;
  kind: OrderKind;
  patientId: string;
  /** Masked */
  patientName: string;
  /** e.g. 门诊缴费（2项） — never a diagnosis or a drug name */
  description: string;
  amount: Fen;
  status: OrderStatus;
  statusLabel: string;
  createdAt: string;
  /** After this instant an unpaid order is closed. */
  expiresAt: string;
  paidAt: string | null;
  confirmedAt: string | null;
  /** The hospital's receipt number once confirmed. */
  receiptNo: string | null;
  refundAmount: Fen | null;
  refundedAt: string | null;
  history: OrderTransition[];
}

/** The parameters of `wx.requestPayment` (from cloudPay.unifiedOrder's `payment`). */
export interface WxPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

/** A visit's costs (费用查询). */
export interface CostVisit {
  visitId: string;
  visitDate: HospitalDate;
  deptName: string;
  doctorName: string;
  total: Fen;
  paid: Fen;
  pending: Fen;
  bills: { billId: string; title: string; category: BillCategory; amount: Fen; status: 'pending' | 'paid'; receiptNo: string | null }[];
}

// ---- API requests and responses ----------------------------------------------------------------

export interface BillListRequest {
  patientId: string;
}
export interface BillListResponse {
  bills: Bill[];
  total: Fen;
}

/** One order for the chosen bills; paying the same bills again while unpaid returns the same order. */
export interface BillPayRequest {
  patientId: string;
  billIds: string[];
}
export interface BillPayResponse {
  order: OrderView;
  payment: WxPaymentParams;
}

export interface OrderGetRequest {
  outTradeNo: string;
}
export type OrderGetResponse = OrderView;

/** The caller's orders, newest first; optionally of one bound patient. */
export interface OrderListRequest {
  patientId?: string;
}
export interface OrderListResponse {
  orders: OrderView[];
}

export interface CostListRequest {
  patientId: string;
}
export interface CostListResponse {
  visits: CostVisit[];
}
