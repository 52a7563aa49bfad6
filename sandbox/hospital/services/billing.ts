/**
 * Outpatient billing services: QueryPendingBills (待缴费), ConfirmPayment (缴费确认), QueryPayments
 * (the day's online payments, for reconciliation) and QueryCosts (费用查询). Money on the wire is yuan.
 */
import type {
  ConfirmPaymentRequest,
  ConfirmPaymentResponse,
  HsbBill,
  HsbCostBill,
  HsbCostVisit,
  QueryCostsRequest,
  QueryCostsResponse,
  QueryPaymentsRequest,
  QueryPaymentsResponse,
  QueryPendingBillsRequest,
  QueryPendingBillsResponse,
} from '../../../typings/hsb';
import { yuanToFen } from '../../../miniprogram/core/money';
import { formatHospital, hospitalInstant, isHospitalDate } from '../../../miniprogram/core/time';
import { CODE_PATTERN } from '../../../miniprogram/core/validate';
import type { BillRow } from '../billing';
import { BillStatus, billItems, confirmPayment as recordConfirmation, patientBills, paymentsOn } from '../billing';
import { findPatient } from '../patients';
import { fenToYuan } from '../xml';
import type { ServiceHandler } from './context';
import { ok, readParams, refuse } from './context';

/** Most bills one payment may cover. */
export const MAX_BILLS_PER_PAYMENT = 20;

const PATIENT_ID = { type: 'string', label: '患者编号', required: true, pattern: CODE_PATTERN } as const;
const YUAN = /^\d{1,12}\.\d{2}$/;
const WALL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** True for a real `YYYY-MM-DD HH:mm:ss` Shanghai wall time. */
export function isWallTime(s: string): boolean {
  if (!WALL_TIME.test(s) || !isHospitalDate(s.slice(0, 10))) return false;
  const ms = hospitalInstant(s);
  return Number.isFinite(ms) && formatHospital(ms) === s;
}

/** What every payment the hospital is told of carries (ConfirmPayment, ConfirmAppointment, ConfirmRegistration, deposits, test fees). */
export const PAYMENT_PARAMS = {
  TotalFee: { type: 'string', label: '支付金额', required: true, pattern: YUAN },
  TradeNo: { type: 'string', label: '商户订单号', required: true, pattern: /^[A-Za-z0-9_-]{6,32}$/ },
  TransactionId: { type: 'string', label: '微信支付订单号', required: true, pattern: /^[A-Za-z0-9_-]{1,64}$/ },
  PayTime: { type: 'string', label: '支付时间', required: true, check: (v: string) => (isWallTime(v) ? undefined : '支付时间格式不正确（应为 YYYY-MM-DD HH:mm:ss）') },
  PayChannel: { type: 'enum', label: '支付渠道', required: true, values: ['WECHAT'] },
} as const;

const BILL_TYPES = { 1: '1', 2: '2', 3: '3', 4: '4' } as const;

function toHsbBill(db: Parameters<typeof billItems>[0], row: BillRow): HsbBill {
  return {
    BillNo: row.billNo,
    VisitNo: row.visitNo,
    VisitDate: row.visitDate,
    DeptName: row.deptName,
    DoctorName: row.doctorName,
    BillType: BILL_TYPES[row.billType],
    BillTitle: row.title,
    TotalFee: fenToYuan(row.totalFee),
    Items: {
      Item: billItems(db, row.billNo).map((item) => ({
        ItemName: item.itemName,
        Spec: item.spec,
        Quantity: String(item.quantity),
        Unit: item.unit,
        UnitPrice: fenToYuan(item.unitPrice),
        Amount: fenToYuan(item.amount),
      })),
    },
  };
}

export const queryPendingBills: ServiceHandler<QueryPendingBillsResponse> = (body, { db }) => {
  const params = readParams<QueryPendingBillsRequest>({ PatientId: PATIENT_ID }, body);
  if (!params.ok) return params.refusal;
  const { PatientId } = params.value;
  if (findPatient(db, PatientId) === undefined) return refuse('1001', '患者不存在');
  return ok({ Bills: { Bill: patientBills(db, PatientId, [BillStatus.PENDING]).map((row) => toHsbBill(db, row)) } });
};

export const confirmPayment: ServiceHandler<ConfirmPaymentResponse> = (body, { db }) => {
  const params = readParams<ConfirmPaymentRequest>(
    {
      PatientId: PATIENT_ID,
      BizType: { type: 'enum', label: '业务类型', required: true, values: ['BILL'] },
      BillNos: {
        type: 'object',
        label: '缴费单列表',
        required: true,
        fields: {
          BillNo: {
            type: 'array',
            label: '缴费单',
            required: true,
            minItems: 1,
            maxItems: MAX_BILLS_PER_PAYMENT,
            item: { type: 'string', label: '缴费单号', pattern: CODE_PATTERN },
          },
        },
      },
      ...PAYMENT_PARAMS,
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const p = params.value;
  const totalFee = yuanToFen(p.TotalFee);
  if (totalFee === null || totalFee <= 0) return refuse('1002', '支付金额应大于0');
  const outcome = recordConfirmation(db, {
    patientId: p.PatientId,
    billNos: p.BillNos.BillNo,
    totalFee,
    tradeNo: p.TradeNo,
    transactionId: p.TransactionId,
    payTime: p.PayTime,
  });
  if (outcome.ok) return ok({ ReceiptNo: outcome.receiptNo });
  return refuse(outcome.reason === 'unknown_patient' ? '1001' : '2001', outcome.message);
};

export const queryPayments: ServiceHandler<QueryPaymentsResponse> = (body, { db }) => {
  const params = readParams<QueryPaymentsRequest>({ Date: { type: 'date', label: '日期', required: true } }, body);
  if (!params.ok) return params.refusal;
  const payments = paymentsOn(db, params.value.Date).map((p) => ({
    TradeNo: p.tradeNo,
    TransactionId: p.transactionId,
    PatientId: p.patientId,
    TotalFee: fenToYuan(p.totalFee),
    PayTime: p.payTime,
    ReceiptNo: p.receiptNo,
  }));
  return ok({ Payments: { Payment: payments } });
};

export const queryCosts: ServiceHandler<QueryCostsResponse> = (body, { db }) => {
  const params = readParams<QueryCostsRequest>({ PatientId: PATIENT_ID }, body);
  if (!params.ok) return params.refusal;
  const { PatientId } = params.value;
  if (findPatient(db, PatientId) === undefined) return refuse('1001', '患者不存在');
  // Voided bills are no cost of the patient's; a visit whose bills were all voided is left out.
  const visits = new Map<string, HsbCostVisit & { Bills: { Bill: HsbCostBill[] } }>();
  for (const row of patientBills(db, PatientId, [BillStatus.PENDING, BillStatus.PAID])) {
    let visit = visits.get(row.visitNo);
    if (visit === undefined) {
      visit = { VisitNo: row.visitNo, VisitDate: row.visitDate, DeptName: row.deptName, DoctorName: row.doctorName, Bills: { Bill: [] } };
      visits.set(row.visitNo, visit);
    }
    visit.Bills.Bill.push({
      BillNo: row.billNo,
      BillType: BILL_TYPES[row.billType],
      BillTitle: row.title,
      TotalFee: fenToYuan(row.totalFee),
      Status: row.status === BillStatus.PAID ? '1' : '0',
      ReceiptNo: row.receiptNo ?? '',
    });
  }
  return ok({ Visits: { Visit: [...visits.values()] } });
};
