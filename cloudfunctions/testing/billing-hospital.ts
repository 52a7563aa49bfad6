/**
 * Test support: an in-memory hospital billing desk behind the stub front machine — pending bills per
 * patient (`bill.pending`), confirmation idempotent by outTradeNo (`bill.confirm`), the day's payments
 * (`payment.list`) and costs per visit (`cost.list`), as typings/frontmachine.ts describes them — with
 * faults (down, failing confirmations) and one-sided records on purpose (forget, phantom). Never bundled.
 */
import type { OperationRequest, OperationResponse } from '../../typings/frontmachine';
import type { Bill, BillCategory } from '../../typings/payment';
import { AppError } from '../../miniprogram/core/errors';
import { formatHospital, hospitalDate } from '../../miniprogram/core/time';
import type { StubAnswers } from './stub-front-machine';

export interface HospitalBillRecord {
  bill: Bill;
  patientId: string;
  status: 'pending' | 'paid' | 'void';
  receiptNo: string | null;
}

export interface HospitalPaymentRecord {
  outTradeNo: string;
  transactionId: string;
  patientId: string;
  amount: number;
  paidAt: string;
  receiptNo: string;
  billIds: string[];
}

export interface BillingHospital {
  answers: StubAnswers;
  bills: Map<string, HospitalBillRecord>;
  payments: Map<string, HospitalPaymentRecord>;
  /** Successful bill.confirm answers per outTradeNo (idempotent repeats included). */
  confirmations: Map<string, number>;
  /** Every hospital operation fails (HOSPITAL_UNAVAILABLE) while true. */
  down: boolean;
  /** The next n bill.confirm calls fail before recording anything (HOSPITAL_UNAVAILABLE). */
  failConfirms: number;
  /** The next n bill.confirm calls record the payment, then their answer is lost (HOSPITAL_UNAVAILABLE): a late commit. */
  lateCommits: number;
  /** A finished consultation that leaves pending bills of these amounts (fen). */
  visit(patientId: string, amounts: number[]): Bill[];
  /** A bill voided at the window: no longer pending. */
  voidBill(billId: string): void;
  /** The hospital loses its record of a payment (one-sided on our side). */
  forget(outTradeNo: string): void;
  /** The hospital records a payment nobody made through us (one-sided on its side). */
  phantom(p: { outTradeNo: string; patientId: string; amount: number; paidAt: number }): void;
}

const CATEGORIES: BillCategory[] = ['drug', 'exam', 'lab', 'treatment'];
const TITLES: Record<BillCategory, string> = { drug: '西药费', exam: '检查费', lab: '检验费', treatment: '治疗费' };

/** Lets concurrent calls interleave, as real network calls would. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function billingHospital(clock: () => number = Date.now): BillingHospital {
  const bills = new Map<string, HospitalBillRecord>();
  const payments = new Map<string, HospitalPaymentRecord>();
  const confirmations = new Map<string, number>();
  let nextVisit = 1;
  let nextBill = 1;
  let nextReceipt = 1;

  const unavailable = () => new AppError('HOSPITAL_UNAVAILABLE');

  const self: BillingHospital = {
    bills,
    payments,
    confirmations,
    down: false,
    failConfirms: 0,
    lateCommits: 0,
    answers: {},
    visit(patientId, amounts) {
      const visitId = `V${String(nextVisit++).padStart(6, '0')}`;
      const made = amounts.map((amount, i): Bill => {
        const category = CATEGORIES[i % CATEGORIES.length] ?? 'drug';
        return {
          billId: `BL${String(nextBill++).padStart(8, '0')}`,
          visitId,
          visitDate: hospitalDate(clock()),
          deptName: '儿科',
          doctorName: '王医生',
          category,
          title: TITLES[category],
          items: [{ name: '项目', spec: '', quantity: 1, unit: '次', unitPrice: amount, amount }],
          amount,
        };
      });
      for (const bill of made) bills.set(bill.billId, { bill, patientId, status: 'pending', receiptNo: null });
      return made;
    },
    voidBill(billId) {
      const b = bills.get(billId);
      if (b && b.status === 'pending') b.status = 'void';
    },
    forget(outTradeNo) {
      payments.delete(outTradeNo);
    },
    phantom(p) {
      payments.set(p.outTradeNo, {
        outTradeNo: p.outTradeNo,
        transactionId: `4200phantom${p.outTradeNo.slice(-8)}`,
        patientId: p.patientId,
        amount: p.amount,
        paidAt: new Date(p.paidAt).toISOString(),
        receiptNo: `RC-PHANTOM-${nextReceipt++}`,
        billIds: [],
      });
    },
  };

  const pending = async ({ patientId }: OperationRequest<'bill.pending'>): Promise<OperationResponse<'bill.pending'>> => {
    await tick();
    if (self.down) throw unavailable();
    return { bills: [...bills.values()].filter((b) => b.patientId === patientId && b.status === 'pending').map((b) => b.bill) };
  };

  const confirm = async (req: OperationRequest<'bill.confirm'>): Promise<OperationResponse<'bill.confirm'>> => {
    await tick();
    if (self.down) throw unavailable();
    if (self.failConfirms > 0) {
      self.failConfirms--;
      throw unavailable();
    }
    const earlier = payments.get(req.outTradeNo);
    if (earlier) {
      confirmations.set(req.outTradeNo, (confirmations.get(req.outTradeNo) ?? 0) + 1);
      return { receiptNo: earlier.receiptNo };
    }
    const chosen = req.billIds.map((id) => bills.get(id));
    if (chosen.some((b) => !b || b.patientId !== req.patientId || b.status !== 'pending')) throw new AppError('RULE_VIOLATION', '费用已缴或已作废', 'billIds');
    const sum = chosen.reduce((s, b) => s + (b?.bill.amount ?? 0), 0);
    if (sum !== req.amount) throw new AppError('RULE_VIOLATION', '缴费金额与费用不符', 'amount');
    const receiptNo = `RC${String(nextReceipt++).padStart(8, '0')}`;
    for (const b of chosen) if (b) Object.assign(b, { status: 'paid', receiptNo });
    payments.set(req.outTradeNo, { outTradeNo: req.outTradeNo, transactionId: req.transactionId, patientId: req.patientId, amount: req.amount, paidAt: req.paidAt, receiptNo, billIds: [...req.billIds] });
    confirmations.set(req.outTradeNo, (confirmations.get(req.outTradeNo) ?? 0) + 1);
    if (self.lateCommits > 0) {
      self.lateCommits--;
      throw unavailable();
    }
    return { receiptNo };
  };

  const paymentList = async ({ date }: OperationRequest<'payment.list'>): Promise<OperationResponse<'payment.list'>> => {
    await tick();
    if (self.down) throw unavailable();
    return {
      payments: [...payments.values()]
        .filter((p) => hospitalDate(Date.parse(p.paidAt)) === date)
        .map((p) => ({ outTradeNo: p.outTradeNo, transactionId: p.transactionId, patientId: p.patientId, amount: p.amount, paidAt: formatHospital(Date.parse(p.paidAt)), receiptNo: p.receiptNo })),
    };
  };

  const costList = async ({ patientId }: OperationRequest<'cost.list'>): Promise<OperationResponse<'cost.list'>> => {
    await tick();
    if (self.down) throw unavailable();
    const byVisit = new Map<string, HospitalBillRecord[]>();
    for (const b of bills.values()) if (b.patientId === patientId && b.status !== 'void') byVisit.set(b.bill.visitId, [...(byVisit.get(b.bill.visitId) ?? []), b]);
    return {
      visits: [...byVisit.entries()].map(([visitId, list]) => {
        const first = list[0]?.bill;
        const paid = list.filter((b) => b.status === 'paid').reduce((s, b) => s + b.bill.amount, 0);
        const total = list.reduce((s, b) => s + b.bill.amount, 0);
        return {
          visitId,
          visitDate: first?.visitDate ?? '',
          deptName: first?.deptName ?? '',
          doctorName: first?.doctorName ?? '',
          total,
          paid,
          pending: total - paid,
          bills: list.map((b) => ({ billId: b.bill.billId, title: b.bill.title, category: b.bill.category, amount: b.bill.amount, status: b.status === 'paid' ? 'paid' : 'pending', receiptNo: b.receiptNo })),
        };
      }),
    };
  };

  self.answers = { 'bill.pending': pending, 'bill.confirm': confirm, 'payment.list': paymentList, 'cost.list': costList };
  return self;
}
