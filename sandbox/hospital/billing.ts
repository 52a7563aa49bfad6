/**
 * Outpatient billing of the sandbox hospital: visits that leave pending bills (a doctor's orders),
 * payment confirmation (缴费确认) idempotent by TradeNo, and the one-sided cases reconciliation tests
 * need (a payment the hospital lost, a payment WeChat never took, a bill voided before payment).
 * Amounts are fen; times are Shanghai wall time.
 */
import type { HospitalDate } from '../../typings/hospital';
import { formatHospital, hospitalInstant, hospitalDate } from '../../miniprogram/core/time';
import type { ChargeItemData, ChargeItemsData } from './data';
import { chargeItemsData } from './data';
import type { HospitalDb } from './db';
import { readMeta, writeMeta } from './db';
import { findPatient } from './patients';
import { publishEvent } from './events';
import { intBetween, keyedRandom, pick, shuffled, type Random } from './random';
import { recordVisit } from './records';
import { createSurveyForVisit } from './after-visit/surveys';

/** Bill types as the HSB writes them. */
export type BillType = 1 | 2 | 3 | 4;
/** Bill states: 0 pending (待缴费), 1 paid, 2 voided (作废) by the hospital. */
export const BillStatus = { PENDING: 0, PAID: 1, VOIDED: 2 } as const;
export type BillStatus = (typeof BillStatus)[keyof typeof BillStatus];

/** The refusal of a confirmation whose bills changed since the patient saw them. */
export const BILL_CHANGED_MESSAGE = '费用状态已变更（已缴费或已作废），请刷新后重试';
/** The refusal of a confirmation whose amount is not the bills' sum. */
export const AMOUNT_MISMATCH_MESSAGE = '缴费金额与费用不符';

const CATALOGUE: Record<BillType, readonly ChargeItemData[]> = {
  1: chargeItemsData.drugs,
  2: chargeItemsData.exams,
  3: chargeItemsData.labs,
  4: chargeItemsData.treatments,
};

export interface BillItemRow {
  itemName: string;
  spec: string;
  quantity: number;
  unit: string;
  unitPrice: number;
  amount: number;
}

export interface BillRow {
  billNo: string;
  visitNo: string;
  patientId: string;
  billType: BillType;
  title: string;
  totalFee: number;
  status: BillStatus;
  tradeNo: string | null;
  receiptNo: string | null;
  paidAt: string | null;
  visitDate: HospitalDate;
  deptName: string;
  doctorName: string;
}

export interface PaymentRow {
  tradeNo: string;
  transactionId: string;
  patientId: string;
  totalFee: number;
  payTime: string;
  receiptNo: string;
  bizType: 'BILL' | 'REG' | 'TAKE' | 'APPT' | 'DEPOSIT';
}

const SELECT_BILL = `
  SELECT b.bill_no AS billNo, b.visit_no AS visitNo, b.patient_id AS patientId, b.bill_type AS billType, b.title,
         b.total_fee AS totalFee, b.status, b.trade_no AS tradeNo, b.receipt_no AS receiptNo, b.paid_at AS paidAt,
         v.visit_date AS visitDate, p.name AS deptName, d.name AS doctorName
    FROM bills b
    JOIN visits v ON v.visit_no = b.visit_no
    JOIN departments p ON p.code = v.dept_code
    JOIN doctors d ON d.code = v.doctor_code`;

const SELECT_PAYMENT = `
  SELECT trade_no AS tradeNo, transaction_id AS transactionId, patient_id AS patientId, total_fee AS totalFee,
         pay_time AS payTime, receipt_no AS receiptNo, biz_type AS bizType
    FROM payments`;

export function findBill(db: HospitalDb, billNo: string): BillRow | undefined {
  return db.prepare(`${SELECT_BILL} WHERE b.bill_no = ?`).get(billNo) as BillRow | undefined;
}

export function billItems(db: HospitalDb, billNo: string): BillItemRow[] {
  return db
    .prepare(
      `SELECT item_name AS itemName, spec, quantity, unit, unit_price AS unitPrice, amount
         FROM bill_items WHERE bill_no = ? ORDER BY seq`,
    )
    .all(billNo) as BillItemRow[];
}

/** A patient's bills in the given states, newest visit first. */
export function patientBills(db: HospitalDb, patientId: string, states: readonly BillStatus[]): BillRow[] {
  return db
    .prepare(`${SELECT_BILL} WHERE b.patient_id = ? AND b.status IN (${states.map(() => '?').join(', ')}) ORDER BY v.seq DESC, b.seq`)
    .all(patientId, ...states) as BillRow[];
}

export function findPayment(db: HospitalDb, tradeNo: string): PaymentRow | undefined {
  return db.prepare(`${SELECT_PAYMENT} WHERE trade_no = ?`).get(tradeNo) as PaymentRow | undefined;
}

/** One hospital date's payments, by pay time. */
export function paymentsOn(db: HospitalDb, date: HospitalDate): PaymentRow[] {
  return db.prepare(`${SELECT_PAYMENT} WHERE substr(pay_time, 1, 10) = ? ORDER BY pay_time, seq`).all(date) as PaymentRow[];
}

/** The next number of a named sequence kept in `meta` (never reused, even after a payment is deleted). */
export function nextNumber(db: HospitalDb, name: string): number {
  const next = Number(readMeta(db, name) ?? '0') + 1;
  writeMeta(db, name, String(next));
  return next;
}

/** `SJ` + the pay date + a 6-digit sequence: the hospital's receipt (收据) number. */
export function newReceiptNo(db: HospitalDb, payTime: string): string {
  return `SJ${payTime.slice(0, 10).replace(/-/g, '')}${String(nextNumber(db, 'receipt_seq')).padStart(6, '0')}`;
}

// ---- visits ---------------------------------------------------------------------------------------

export interface CreatedVisit {
  visitId: string;
  bills: { billId: string; amount: number }[];
}

export type VisitCreation = { ok: true; visit: CreatedVisit } | { ok: false; reason: 'unknown_patient' };

interface OrderedBill {
  billType: BillType;
  items: BillItemRow[];
}

/** The data file's key of a bill type. */
function typeKey(billType: BillType): keyof ChargeItemsData['billTitles'] {
  return String(billType) as keyof ChargeItemsData['billTitles'];
}

/** A doctor's orders: 1–4 bills of different types, 1–4 distinct items each. */
function drawOrders(random: Random): OrderedBill[] {
  const types = shuffled(random, [1, 2, 3, 4] as BillType[])
    .slice(0, intBetween(random, 1, 4))
    .sort((a, b) => a - b);
  return types.map((billType) => {
    const [min = 1, max = 1] = chargeItemsData.quantity[typeKey(billType)];
    const items = shuffled(random, CATALOGUE[billType]).slice(0, intBetween(random, 1, 4));
    return {
      billType,
      items: items.map((item) => {
        const quantity = intBetween(random, min, max);
        return { itemName: item.name, spec: item.spec, quantity, unit: item.unit, unitPrice: item.priceFen, amount: item.priceFen * quantity };
      }),
    };
  });
}

/**
 * A finished consultation today (hospital clock) at a doctor of a real department, leaving pending
 * bills. Drawn from the seed and the visit's sequence number: same seed and order of calls, same visits.
 */
export function createVisit(db: HospitalDb, seed: number, patientId: string, nowMs: number): VisitCreation {
  const create = db.transaction((): VisitCreation => {
    if (findPatient(db, patientId) === undefined) return { ok: false, reason: 'unknown_patient' };
    const seq = nextNumber(db, 'visit_seq');
    const random = keyedRandom(seed, 'visit', seq);
    const doctors = db.prepare('SELECT code, dept_code AS deptCode FROM doctors ORDER BY code').all() as { code: string; deptCode: string }[];
    const doctor = pick(random, doctors);
    const visitNo = `MZ${10_000_000 + seq}`;
    db.prepare('INSERT INTO visits (seq, visit_no, patient_id, visit_date, dept_code, doctor_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      seq,
      visitNo,
      patientId,
      hospitalDate(nowMs),
      doctor.deptCode,
      doctor.code,
      formatHospital(nowMs),
    );
    const insertBill = db.prepare(
      'INSERT INTO bills (bill_no, visit_no, patient_id, bill_type, title, total_fee, status) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertItem = db.prepare(
      'INSERT INTO bill_items (bill_no, seq, item_name, spec, quantity, unit, unit_price, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const bills = drawOrders(random).map((order) => {
      const billNo = `SF${10_000_000 + nextNumber(db, 'bill_seq')}`;
      const total = order.items.reduce((sum, item) => sum + item.amount, 0);
      insertBill.run(billNo, visitNo, patientId, order.billType, chargeItemsData.billTitles[typeKey(order.billType)], total, BillStatus.PENDING);
      order.items.forEach((item, i) => insertItem.run(billNo, i + 1, item.itemName, item.spec, item.quantity, item.unit, item.unitPrice, item.amount));
      return { billId: billNo, amount: total };
    });
    recordVisit(db, seed, visitNo); // the record, prescription and report orders behind these bills (records.ts)
    createSurveyForVisit(db, visitNo, patientId, hospitalDate(nowMs)); // 满意度调查: one survey per finished visit
    publishBillsPending(db, { visitNo, patientId, doctorCode: doctor.code, bills }, nowMs);
    return { ok: true, visit: { visitId: visitNo, bills } };
  });
  return create.immediate();
}

/** 缴费提醒: the consultation left bills to pay (how many and how much, never what). */
function publishBillsPending(db: HospitalDb, v: { visitNo: string; patientId: string; doctorCode: string; bills: { amount: number }[] }, nowMs: number): void {
  const who = db
    .prepare('SELECT d.name AS doctorName, p.name AS deptName FROM doctors d JOIN departments p ON p.code = d.dept_code WHERE d.code = ?')
    .get(v.doctorCode) as { doctorName: string; deptName: string };
  const amount = v.bills.reduce((sum, b) => sum + b.amount, 0);
  publishEvent(
    db,
    { kind: 'bills.pending', patientId: v.patientId, key: `bills.pending:${v.visitNo}`, fields: { ...who, visitId: v.visitNo, amount: String(amount), billCount: String(v.bills.length) } },
    nowMs,
  );
}

/** What to do before an exam (2) or a lab test (3), told once it is paid (检查注意事项); never a result. */
const EXAM_NOTICES: Partial<Record<BillType, string>> = {
  2: '请携带就诊卡到医技楼登记检查，部分检查需空腹或憋尿',
  3: '请携带就诊卡到检验科采血或留样，空腹项目请勿进食',
};

/** 检查注意事项 for each paid exam or lab bill: what is done (its first item) and how to prepare. */
function publishExamNotices(db: HospitalDb, bills: readonly BillRow[], nowMs: number): void {
  for (const bill of bills) {
    const notice = EXAM_NOTICES[bill.billType];
    if (!notice) continue;
    const items = billItems(db, bill.billNo);
    const examName = items.length > 1 ? `${items[0]?.itemName ?? bill.title}等${items.length}项` : (items[0]?.itemName ?? bill.title);
    publishEvent(db, { kind: 'exam.notice', patientId: bill.patientId, key: `exam.notice:${bill.billNo}`, fields: { examName, notice, deptName: bill.deptName, visitId: bill.visitNo } }, nowMs);
  }
}

// ---- payment confirmation -----------------------------------------------------------------------

export interface PaymentConfirmation {
  patientId: string;
  billNos: string[];
  totalFee: number;
  tradeNo: string;
  transactionId: string;
  /** Shanghai wall time. */
  payTime: string;
}

export type ConfirmationOutcome =
  | { ok: true; receiptNo: string; replayed: boolean }
  | { ok: false; reason: 'unknown_patient' | 'bill_changed' | 'amount_mismatch'; message: string };

/**
 * Records a payment WeChat Pay took, in one write transaction: the same TradeNo again answers the
 * first receipt; a bill that is not pending or not the patient's, or an amount that is not the bills'
 * sum, is refused. The write lock is taken before reading, so of two confirmations of the same bills
 * (under different TradeNos, even from two connections) exactly one wins.
 */
export function confirmPayment(db: HospitalDb, c: PaymentConfirmation): ConfirmationOutcome {
  const confirm = db.transaction((): ConfirmationOutcome => {
    const earlier = findPayment(db, c.tradeNo);
    if (earlier !== undefined) return { ok: true, receiptNo: earlier.receiptNo, replayed: true };
    if (findPatient(db, c.patientId) === undefined) return { ok: false, reason: 'unknown_patient', message: '患者不存在' };
    const bills = c.billNos.map((billNo) => findBill(db, billNo));
    const payable = bills.every((b) => b !== undefined && b.patientId === c.patientId && b.status === BillStatus.PENDING);
    if (!payable) return { ok: false, reason: 'bill_changed', message: BILL_CHANGED_MESSAGE };
    const sum = bills.reduce((total, b) => total + (b?.totalFee ?? 0), 0);
    if (sum !== c.totalFee) return { ok: false, reason: 'amount_mismatch', message: AMOUNT_MISMATCH_MESSAGE };

    const receiptNo = newReceiptNo(db, c.payTime);
    const pay = db.prepare('UPDATE bills SET status = ?, trade_no = ?, receipt_no = ?, paid_at = ? WHERE bill_no = ? AND status = ?');
    for (const billNo of c.billNos) {
      // Checked above under the same lock; a miss here would be a bug, and rolls everything back.
      if (pay.run(BillStatus.PAID, c.tradeNo, receiptNo, c.payTime, billNo, BillStatus.PENDING).changes !== 1) throw new Error(`bill ${billNo} changed inside its transaction`);
    }
    db.prepare(
      "INSERT INTO payments (trade_no, transaction_id, patient_id, total_fee, pay_time, receipt_no, biz_type) VALUES (?, ?, ?, ?, ?, ?, 'BILL')",
    ).run(c.tradeNo, c.transactionId, c.patientId, c.totalFee, c.payTime, receiptNo);
    publishExamNotices(db, bills as BillRow[], hospitalInstant(c.payTime));
    return { ok: true, receiptNo, replayed: false };
  });
  return confirm.immediate();
}

// ---- one-sided cases, on purpose ------------------------------------------------------------------

export type ForgetOutcome = { ok: true; tradeNo: string; billIds: string[] } | { ok: false; reason: 'not_found' };

/** The hospital loses a recorded payment: the payment row goes, its bills are pending again. */
export function forgetPayment(db: HospitalDb, tradeNo: string): ForgetOutcome {
  const forget = db.transaction((): ForgetOutcome => {
    if (findPayment(db, tradeNo) === undefined) return { ok: false, reason: 'not_found' };
    const billIds = db.prepare('SELECT bill_no FROM bills WHERE trade_no = ? ORDER BY seq').pluck().all(tradeNo) as string[];
    db.prepare('UPDATE bills SET status = ?, trade_no = NULL, receipt_no = NULL, paid_at = NULL WHERE trade_no = ?').run(BillStatus.PENDING, tradeNo);
    db.prepare('DELETE FROM payments WHERE trade_no = ?').run(tradeNo);
    return { ok: true, tradeNo, billIds };
  });
  return forget.immediate();
}

export interface PhantomPayment {
  patientId: string;
  amount: number;
  tradeNo: string;
  /** Shanghai wall time. */
  payTime: string;
}

export type PhantomOutcome = { ok: true; payment: PaymentRow } | { ok: false; reason: 'unknown_patient' | 'duplicate_trade_no' };

/** A payment the hospital recorded that WeChat never took (no bills attached). */
export function recordPhantomPayment(db: HospitalDb, p: PhantomPayment): PhantomOutcome {
  const record = db.transaction((): PhantomOutcome => {
    if (findPatient(db, p.patientId) === undefined) return { ok: false, reason: 'unknown_patient' };
    if (findPayment(db, p.tradeNo) !== undefined) return { ok: false, reason: 'duplicate_trade_no' };
    const receiptNo = newReceiptNo(db, p.payTime);
    const transactionId = `4200${p.payTime.slice(0, 10).replace(/-/g, '')}${String(nextNumber(db, 'phantom_seq')).padStart(10, '0')}`;
    db.prepare(
      "INSERT INTO payments (trade_no, transaction_id, patient_id, total_fee, pay_time, receipt_no, biz_type) VALUES (?, ?, ?, ?, ?, ?, 'BILL')",
    ).run(p.tradeNo, transactionId, p.patientId, p.amount, p.payTime, receiptNo);
    return { ok: true, payment: findPayment(db, p.tradeNo) as PaymentRow };
  });
  return record.immediate();
}

export type VoidOutcome = { ok: true; billId: string } | { ok: false; reason: 'not_found' | 'paid' };

/** The hospital voids a pending bill (the doctor changed the orders); voiding twice is harmless. */
export function voidBill(db: HospitalDb, billNo: string): VoidOutcome {
  const cancel = db.transaction((): VoidOutcome => {
    const bill = findBill(db, billNo);
    if (bill === undefined) return { ok: false, reason: 'not_found' };
    if (bill.status === BillStatus.PAID) return { ok: false, reason: 'paid' };
    db.prepare('UPDATE bills SET status = ? WHERE bill_no = ?').run(BillStatus.VOIDED, billNo);
    return { ok: true, billId: billNo };
  });
  return cancel.immediate();
}
