/**
 * HSB bills, payments and costs → domain shapes. Item names are health data: protocol errors name the
 * tag, never an item's text.
 */
import type { Bill, BillCategory, BillItem, CostVisit } from '../../../typings/payment';
import type { ConfirmPaymentResponse, HsbBill, HsbBillItem, HsbCostBill, HsbCostVisit, HsbPayment, QueryCostsResponse, QueryPaymentsResponse, QueryPendingBillsResponse } from '../../../typings/hsb';
import type { HospitalPayment, PaymentReceipt } from '../hospital/port';
import { HsbProtocolError } from './envelope';
import { hospitalDay, items, leaf, quantity, requiredLeaf, wallTimeInstant, yuanToFen, type XmlNode } from './fields';

/** HSB BillType → category: 1 drug (西药/中成药), 2 exam (检查), 3 lab (检验), 4 treatment (治疗). */
const BILL_CATEGORIES: Record<string, BillCategory> = { '1': 'drug', '2': 'exam', '3': 'lab', '4': 'treatment' };

function billCategory(code: string): BillCategory {
  const category = Object.hasOwn(BILL_CATEGORIES, code) ? BILL_CATEGORIES[code] : undefined;
  if (category === undefined) throw new HsbProtocolError(`<BillType> "${code}" is not 1, 2, 3 or 4`);
  return category;
}

function toBillItem(i: XmlNode): BillItem {
  return {
    name: requiredLeaf<HsbBillItem>(i, 'ItemName'),
    spec: leaf<HsbBillItem>(i, 'Spec', true),
    quantity: quantity(leaf<HsbBillItem>(i, 'Quantity')),
    unit: leaf<HsbBillItem>(i, 'Unit', true),
    unitPrice: yuanToFen(leaf<HsbBillItem>(i, 'UnitPrice')),
    amount: yuanToFen(leaf<HsbBillItem>(i, 'Amount')),
  };
}

function toBill(b: XmlNode): Bill {
  return {
    billId: requiredLeaf<HsbBill>(b, 'BillNo'),
    visitId: requiredLeaf<HsbBill>(b, 'VisitNo'),
    visitDate: hospitalDay(leaf<HsbBill>(b, 'VisitDate'), 'VisitDate'),
    deptName: leaf<HsbBill>(b, 'DeptName', true),
    doctorName: leaf<HsbBill>(b, 'DoctorName', true),
    category: billCategory(leaf<HsbBill>(b, 'BillType')),
    title: leaf<HsbBill>(b, 'BillTitle', true),
    items: items<HsbBill>(b, 'Items', 'Item').map(toBillItem),
    amount: yuanToFen(leaf<HsbBill>(b, 'TotalFee')),
  };
}

export function toBills(body: XmlNode): Bill[] {
  return items<QueryPendingBillsResponse>(body, 'Bills', 'Bill').map(toBill);
}

export function toPaymentReceipt(body: XmlNode): PaymentReceipt {
  return { receiptNo: requiredLeaf<ConfirmPaymentResponse>(body, 'ReceiptNo') };
}

function toPayment(p: XmlNode): HospitalPayment {
  const wall = leaf<HsbPayment>(p, 'PayTime');
  const ms = wallTimeInstant(wall);
  if (ms === undefined) throw new HsbProtocolError(`<PayTime> "${wall}" is not a Shanghai wall time`);
  return {
    outTradeNo: requiredLeaf<HsbPayment>(p, 'TradeNo'),
    transactionId: leaf<HsbPayment>(p, 'TransactionId', true),
    patientId: requiredLeaf<HsbPayment>(p, 'PatientId'),
    amount: yuanToFen(leaf<HsbPayment>(p, 'TotalFee')),
    paidAt: new Date(ms).toISOString(),
    receiptNo: leaf<HsbPayment>(p, 'ReceiptNo', true),
  };
}

export function toPayments(body: XmlNode): HospitalPayment[] {
  return items<QueryPaymentsResponse>(body, 'Payments', 'Payment').map(toPayment);
}

type CostBill = CostVisit['bills'][number];

function toCostBill(b: XmlNode): CostBill {
  const status = leaf<HsbCostBill>(b, 'Status');
  if (status !== '0' && status !== '1') throw new HsbProtocolError(`<Status> "${status}" is neither 0 nor 1`);
  const receipt = leaf<HsbCostBill>(b, 'ReceiptNo', true);
  return {
    billId: requiredLeaf<HsbCostBill>(b, 'BillNo'),
    title: leaf<HsbCostBill>(b, 'BillTitle', true),
    category: billCategory(leaf<HsbCostBill>(b, 'BillType')),
    amount: yuanToFen(leaf<HsbCostBill>(b, 'TotalFee')),
    status: status === '1' ? 'paid' : 'pending',
    receiptNo: receipt === '' ? null : receipt,
  };
}

function toCostVisit(v: XmlNode): CostVisit {
  const bills = items<HsbCostVisit>(v, 'Bills', 'Bill').map(toCostBill);
  const total = (status?: CostBill['status']) => bills.filter((b) => status === undefined || b.status === status).reduce((sum, b) => sum + b.amount, 0);
  return {
    visitId: requiredLeaf<HsbCostVisit>(v, 'VisitNo'),
    visitDate: hospitalDay(leaf<HsbCostVisit>(v, 'VisitDate'), 'VisitDate'),
    deptName: leaf<HsbCostVisit>(v, 'DeptName', true),
    doctorName: leaf<HsbCostVisit>(v, 'DoctorName', true),
    total: total(),
    paid: total('paid'),
    pending: total('pending'),
    bills,
  };
}

export function toCostVisits(body: XmlNode): CostVisit[] {
  return items<QueryCostsResponse>(body, 'Visits', 'Visit').map(toCostVisit);
}
