/**
 * Fiscal e-invoices (医疗电子票据): the hospital issues one for every payment it records online
 * (a trigger on `payments`, in the payment's own transaction, whatever it paid for: bills,
 * registrations, appointments, tests, deposits) and for a fee taken at a counter (`issueCounterInvoice`).
 * 票据代码 = region + kind + year, 票据号码 = the invoice's sequence, 校验码 from its fields.
 */
import { createHash } from 'node:crypto';
import type { HospitalDb } from '../db';
import { afterVisitData } from './data';

export interface InvoiceRow {
  seq: number;
  patientId: string;
  tradeNo: string | null;
  bizType: string;
  refNo: string | null;
  totalFee: number;
  /** Shanghai wall time. */
  issueTime: string;
  payerName: string;
}

export interface IssuedInvoice extends InvoiceRow {
  invoiceCode: string;
  invoiceNumber: string;
  checkCode: string;
  /** invoiceCode + invoiceNumber */
  invoiceId: string;
  title: string;
  items: { category: string; amount: number }[];
}

const SELECT_INVOICE = `
  SELECT i.seq, i.patient_id AS patientId, i.trade_no AS tradeNo, i.biz_type AS bizType, i.ref_no AS refNo,
         i.total_fee AS totalFee, i.issue_time AS issueTime, p.name AS payerName
    FROM invoices i JOIN patients p ON p.patient_id = i.patient_id`;

const { regionCode, kindCode, titles, categories, fallbackCategory } = afterVisitData.invoice;

export function invoiceCodeOf(row: Pick<InvoiceRow, 'issueTime'>): string {
  return `${regionCode}${kindCode}${row.issueTime.slice(2, 4)}`;
}

export function invoiceNumberOf(row: Pick<InvoiceRow, 'seq'>): string {
  return String(row.seq).padStart(10, '0');
}

/** 校验码: six characters over the invoice's fields, so a changed number or amount no longer checks. */
export function checkCodeOf(row: InvoiceRow): string {
  return createHash('sha256')
    .update([invoiceCodeOf(row), invoiceNumberOf(row), row.totalFee, row.issueTime, row.patientId].join('|'))
    .digest('hex')
    .slice(0, 6)
    .toUpperCase();
}

/** What the payment was for, by category: a bill payment by its bills' titles (西药费, 检查费 …); the rest one line. */
function itemsOf(db: HospitalDb, row: InvoiceRow): { category: string; amount: number }[] {
  if (row.bizType === 'BILL' && row.tradeNo !== null) {
    const lines = db
      .prepare('SELECT title AS category, SUM(total_fee) AS amount FROM bills WHERE trade_no = ? GROUP BY title ORDER BY MIN(bill_type)')
      .all(row.tradeNo) as { category: string; amount: number }[];
    // A payment without its bills (recorded by hand) still adds up: one line for the whole.
    if (lines.reduce((sum, l) => sum + l.amount, 0) === row.totalFee) return lines;
  }
  return [{ category: categories[row.bizType] ?? fallbackCategory, amount: row.totalFee }];
}

export function describeInvoice(db: HospitalDb, row: InvoiceRow): IssuedInvoice {
  const invoiceCode = invoiceCodeOf(row);
  const invoiceNumber = invoiceNumberOf(row);
  return {
    ...row,
    invoiceCode,
    invoiceNumber,
    checkCode: checkCodeOf(row),
    invoiceId: `${invoiceCode}${invoiceNumber}`,
    title: titles[row.bizType] ?? fallbackCategory,
    items: itemsOf(db, row),
  };
}

/** A patient's invoices, newest first. */
export function patientInvoices(db: HospitalDb, patientId: string): IssuedInvoice[] {
  const rows = db.prepare(`${SELECT_INVOICE} WHERE i.patient_id = ? ORDER BY i.seq DESC`).all(patientId) as InvoiceRow[];
  return rows.map((row) => describeInvoice(db, row));
}

/** One of the patient's invoices by its id (code + number); another patient's is not found. */
export function findPatientInvoice(db: HospitalDb, patientId: string, invoiceId: string): IssuedInvoice | undefined {
  if (!/^\d{18}$/.test(invoiceId)) return undefined;
  const row = db.prepare(`${SELECT_INVOICE} WHERE i.seq = ? AND i.patient_id = ?`).get(Number(invoiceId.slice(8)), patientId) as InvoiceRow | undefined;
  if (row === undefined) return undefined;
  const invoice = describeInvoice(db, row);
  return invoice.invoiceId === invoiceId ? invoice : undefined;
}

/** A fee taken at a counter or a sampling point (no online payment): its invoice, issued now. */
export function issueCounterInvoice(db: HospitalDb, issue: { patientId: string; bizType: string; refNo: string; totalFee: number; issueTime: string }): void {
  db.prepare('INSERT INTO invoices (patient_id, trade_no, biz_type, ref_no, total_fee, issue_time) VALUES (?, NULL, ?, ?, ?, ?)').run(
    issue.patientId,
    issue.bizType,
    issue.refNo,
    issue.totalFee,
    issue.issueTime,
  );
}

/** Invoices issued after the given sequence number, oldest first: the push pipeline's "invoice issued" events. */
export function invoicesIssuedAfter(db: HospitalDb, afterSeq: number): IssuedInvoice[] {
  const rows = db.prepare(`${SELECT_INVOICE} WHERE i.seq > ? ORDER BY i.seq`).all(afterSeq) as InvoiceRow[];
  return rows.map((row) => describeInvoice(db, row));
}
