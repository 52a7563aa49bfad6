/**
 * Inpatient services of the sandbox hospital (住院): admission to a ward bed, charges posted for
 * each day of the stay on the hospital's clock (drawn from `data/inpatient.json`), deposits at the
 * cashier or paid online (idempotent by TradeNo), discharge and settlement, and the low-balance
 * notice when a day's charges take the balance below the hospital's threshold.
 * Amounts are fen; times are Shanghai wall time. No timers: charges are posted when a stay is read.
 */
import { publishEvent } from './events';
import type { HospitalDate } from '../../typings/hospital';
import { dateRange, daysBetween, formatHospital, hospitalDate } from '../../miniprogram/core/time';
import inpatientJson from './data/inpatient.json';
import { newReceiptNo, nextNumber } from './billing';
import type { HospitalDb } from './db';
import { readMeta } from './db';
import { findPatient } from './patients';
import { intBetween, keyedRandom, pick, shuffled, type Random } from './random';

/** Charge categories of a daily list, in the order the list shows them. */
export const STAY_CATEGORIES = ['bed', 'nursing', 'drug', 'lab', 'exam', 'treatment', 'material'] as const;
export type StayCategory = (typeof STAY_CATEGORIES)[number];
type DrawnCategory = Exclude<StayCategory, 'bed' | 'nursing'>;

/** Stay states: 1 in hospital, 2 discharged and settling (出院结算中), 3 discharged and settled. */
export const StayStatus = { IN_HOSPITAL: 1, SETTLING: 2, DISCHARGED: 3 } as const;
export type StayStatus = (typeof StayStatus)[keyof typeof StayStatus];

/** The balance below which the hospital asks for more deposit (催缴), unless `meta` says otherwise. */
export const DEFAULT_LOW_BALANCE_FEN = 100_000;
/** What the cashier takes at admission unless the control says otherwise (2,000 yuan). */
export const DEFAULT_ADMISSION_DEPOSIT_FEN = 200_000;

/** Refusals, as the hospital words them. */
export const STAY_MESSAGES = {
  notFound: '未找到该住院记录，请核对住院号',
  notDuringStay: '所选日期不在住院期间',
  notInHospital: '该住院已出院或正在办理出院结算，押金请到住院处办理，费用将原路退回',
  alreadyInHospital: '该患者正在住院中',
  alreadySettled: '该住院已出院结算',
} as const;

interface InpatientItem {
  name: string;
  spec: string;
  unit: string;
  priceFen: number;
  quantity: number[];
}

interface InpatientData {
  wards: { name: string; deptCode: string; location: string; beds: number; bedFeeFen: number }[];
  categories: Record<StayCategory, string>;
  nursing: Omit<InpatientItem, 'quantity'>[];
  perDay: Record<DrawnCategory, number[]>;
  firstDay: Partial<Record<DrawnCategory, number[]>>;
  items: Record<DrawnCategory, InpatientItem[]>;
}

export const inpatientData: InpatientData = inpatientJson;

export interface StayRow {
  stayNo: string;
  admissionNo: string;
  patientId: string;
  deptName: string;
  wardName: string;
  wardLocation: string;
  bedNo: string;
  doctorName: string;
  status: StayStatus;
  admittedAt: string;
  dischargedAt: string | null;
  settledAt: string | null;
  settlement: number | null;
  /** Fen: deposits paid, charges posted so far, and deposits minus charges. */
  deposits: number;
  charges: number;
  balance: number;
}

export interface StayChargeRow {
  category: StayCategory;
  itemName: string;
  spec: string;
  quantity: number;
  unit: string;
  unitPrice: number;
  amount: number;
}

interface StayRecord {
  stayNo: string;
  patientId: string;
  status: StayStatus;
  admittedAt: string;
  dischargedAt: string | null;
  accruedThrough: string | null;
  nursingIndex: number;
  bedFee: number;
}

const SELECT_STAY = `
  SELECT s.stay_no AS stayNo, s.admission_no AS admissionNo, s.patient_id AS patientId, p.name AS deptName,
         s.ward_name AS wardName, s.ward_location AS wardLocation, s.bed_no AS bedNo, d.name AS doctorName,
         s.status, s.admitted_at AS admittedAt, s.discharged_at AS dischargedAt, s.settled_at AS settledAt, s.settlement,
         (SELECT COALESCE(SUM(amount), 0) FROM stay_deposits WHERE stay_no = s.stay_no) AS deposits,
         (SELECT COALESCE(SUM(amount), 0) FROM stay_charges WHERE stay_no = s.stay_no) AS charges
    FROM stays s
    JOIN departments p ON p.code = s.dept_code
    JOIN doctors d ON d.code = s.doctor_code`;

function withBalance(row: Omit<StayRow, 'balance'> | undefined): StayRow | undefined {
  return row === undefined ? undefined : { ...row, balance: row.deposits - row.charges };
}

function stayRecord(db: HospitalDb, stayNo: string): StayRecord | undefined {
  return db
    .prepare(
      `SELECT stay_no AS stayNo, patient_id AS patientId, status, admitted_at AS admittedAt, discharged_at AS dischargedAt,
              accrued_through AS accruedThrough, nursing_index AS nursingIndex, bed_fee AS bedFee
         FROM stays WHERE stay_no = ?`,
    )
    .get(stayNo) as StayRecord | undefined;
}

/** The hospital's low-balance threshold in fen (`meta.inpatient_low_balance_fen`). */
export function lowBalanceThreshold(db: HospitalDb): number {
  const stored = Number(readMeta(db, 'inpatient_low_balance_fen'));
  return Number.isSafeInteger(stored) && stored > 0 ? stored : DEFAULT_LOW_BALANCE_FEN;
}

/** The last day the stay is charged for: today while in hospital, else the discharge date. */
function lastChargeDay(stay: StayRecord, today: HospitalDate): HospitalDate {
  return stay.dischargedAt === null ? today : stay.dischargedAt.slice(0, 10);
}

/** The dates of a stay a daily list exists for, so far. */
export function stayDates(stay: Pick<StayRow, 'admittedAt' | 'dischargedAt'>, today: HospitalDate): HospitalDate[] {
  const first = stay.admittedAt.slice(0, 10);
  const last = stay.dischargedAt === null ? today : stay.dischargedAt.slice(0, 10);
  const days = daysBetween(first, last);
  return days < 0 ? [] : dateRange(first, days + 1);
}

function drawItems(random: Random, category: DrawnCategory, countRange: number[]): StayChargeRow[] {
  const [min = 0, max = 0] = countRange;
  return shuffled(random, inpatientData.items[category])
    .slice(0, intBetween(random, min, max))
    .map((item) => {
      const [qMin = 1, qMax = 1] = item.quantity;
      const quantity = intBetween(random, qMin, qMax);
      return { category, itemName: item.name, spec: item.spec, quantity, unit: item.unit, unitPrice: item.priceFen, amount: item.priceFen * quantity };
    });
}

/** One day's charges of a stay: bed and nursing, then what the doctors ordered; drawn from (seed, stay, date) alone. */
export function drawDailyCharges(seed: number, stay: Pick<StayRecord, 'stayNo' | 'nursingIndex' | 'bedFee' | 'admittedAt'>, date: HospitalDate): StayChargeRow[] {
  const random = keyedRandom(seed, 'stay', stay.stayNo, date);
  const nursing = inpatientData.nursing[stay.nursingIndex] ?? inpatientData.nursing[0];
  const rows: StayChargeRow[] = [{ category: 'bed', itemName: '床位费', spec: '普通病房', quantity: 1, unit: '日', unitPrice: stay.bedFee, amount: stay.bedFee }];
  if (nursing) rows.push({ category: 'nursing', itemName: nursing.name, spec: nursing.spec, quantity: 1, unit: nursing.unit, unitPrice: nursing.priceFen, amount: nursing.priceFen });
  const firstDay = date === stay.admittedAt.slice(0, 10);
  for (const category of STAY_CATEGORIES) {
    if (category === 'bed' || category === 'nursing') continue;
    rows.push(...drawItems(random, category, (firstDay ? inpatientData.firstDay[category] : undefined) ?? inpatientData.perDay[category]));
  }
  return rows;
}

/**
 * The point where a day's charges take a stay's balance below the hospital's threshold: the hospital
 * records a notice (催缴通知). The push pipeline's low-balance event (issue 12) is published here.
 */
export function noticeLowBalance(db: HospitalDb, notice: { stayNo: string; chargeDate: HospitalDate; balance: number; threshold: number; nowMs: number }): void {
  db.prepare('INSERT INTO stay_low_balance_notices (stay_no, charge_date, balance, threshold, noticed_at) VALUES (?, ?, ?, ?, ?)').run(
    notice.stayNo,
    notice.chargeDate,
    notice.balance,
    notice.threshold,
    formatHospital(notice.nowMs),
  );
  // 押金不足 for the push pipeline: where to pay and the balance, nothing clinical.
  const stay = findStay(db, { stayNo: notice.stayNo });
  if (stay !== undefined) {
    publishEvent(
      db,
      { kind: 'deposit.low', patientId: stay.patientId, key: `deposit.low:${notice.stayNo}:${notice.chargeDate}`, fields: { stayId: stay.stayNo, wardName: stay.wardName, bedNo: stay.bedNo, balance: String(notice.balance) } },
      notice.nowMs,
    );
  }
}

function totals(db: HospitalDb, stayNo: string): { deposits: number; charges: number } {
  return db
    .prepare(
      `SELECT (SELECT COALESCE(SUM(amount), 0) FROM stay_deposits WHERE stay_no = ?) AS deposits,
              (SELECT COALESCE(SUM(amount), 0) FROM stay_charges WHERE stay_no = ?) AS charges`,
    )
    .get(stayNo, stayNo) as { deposits: number; charges: number };
}

/** Posts the charges of every day not yet posted, up to today (or the discharge date); call inside a write transaction. */
function accrue(db: HospitalDb, seed: number, stay: StayRecord, nowMs: number): void {
  const last = lastChargeDay(stay, hospitalDate(nowMs));
  const from = stay.accruedThrough === null ? stay.admittedAt.slice(0, 10) : dateRange(stay.accruedThrough, 2)[1];
  if (from === undefined || daysBetween(from, last) < 0) return;
  const threshold = lowBalanceThreshold(db);
  const insert = db.prepare(
    'INSERT INTO stay_charges (stay_no, charge_date, seq, category, item_name, spec, quantity, unit, unit_price, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const { deposits, charges: chargedBefore } = totals(db, stay.stayNo);
  let charges = chargedBefore;
  for (const date of dateRange(from, daysBetween(from, last) + 1)) {
    const rows = drawDailyCharges(seed, stay, date);
    rows.forEach((r, i) => insert.run(stay.stayNo, date, i + 1, r.category, r.itemName, r.spec, r.quantity, r.unit, r.unitPrice, r.amount));
    const before = deposits - charges;
    charges += rows.reduce((sum, r) => sum + r.amount, 0);
    const after = deposits - charges;
    if (before >= threshold && after < threshold) noticeLowBalance(db, { stayNo: stay.stayNo, chargeDate: date, balance: after, threshold, nowMs });
  }
  db.prepare('UPDATE stays SET accrued_through = ? WHERE stay_no = ?').run(last, stay.stayNo);
}

/** Posts what is due on every stay of the patient (or one stay), in one write transaction. */
export function accrueStays(db: HospitalDb, seed: number, nowMs: number, by: { patientId: string } | { stayNo: string }): void {
  const run = db.transaction(() => {
    const stayNos =
      'stayNo' in by
        ? [by.stayNo]
        : (db.prepare('SELECT stay_no FROM stays WHERE patient_id = ? ORDER BY seq').pluck().all(by.patientId) as string[]);
    for (const stayNo of stayNos) {
      const stay = stayRecord(db, stayNo);
      if (stay) accrue(db, seed, stay, nowMs);
    }
  });
  run.immediate();
}

export function findStay(db: HospitalDb, by: { stayNo: string } | { admissionNo: string }): StayRow | undefined {
  const row = 'stayNo' in by ? db.prepare(`${SELECT_STAY} WHERE s.stay_no = ?`).get(by.stayNo) : db.prepare(`${SELECT_STAY} WHERE s.admission_no = ?`).get(by.admissionNo);
  return withBalance(row as Omit<StayRow, 'balance'> | undefined);
}

/** A patient's stays, the newest admission first, charges posted up to now. */
export function patientStays(db: HospitalDb, seed: number, patientId: string, nowMs: number): StayRow[] {
  accrueStays(db, seed, nowMs, { patientId });
  const rows = db.prepare(`${SELECT_STAY} WHERE s.patient_id = ? ORDER BY s.seq DESC`).all(patientId) as Omit<StayRow, 'balance'>[];
  return rows.map((r) => withBalance(r) as StayRow);
}

/** The patient's stay by admission number or stay number, charges posted up to now; someone else's is not found. */
export function patientStay(db: HospitalDb, seed: number, patientId: string, by: { stayNo: string } | { admissionNo: string }, nowMs: number): StayRow | undefined {
  const found = findStay(db, by);
  if (found === undefined || found.patientId !== patientId) return undefined;
  accrueStays(db, seed, nowMs, { stayNo: found.stayNo });
  return findStay(db, { stayNo: found.stayNo });
}

export type DailyListOutcome = { ok: true; stay: StayRow; items: StayChargeRow[] } | { ok: false; reason: 'not_found' | 'not_during_stay' };

/** One day's charges of the patient's stay (每日清单), in category order. */
export function dailyList(db: HospitalDb, seed: number, q: { patientId: string; stayNo: string; date: HospitalDate }, nowMs: number): DailyListOutcome {
  const stay = patientStay(db, seed, q.patientId, { stayNo: q.stayNo }, nowMs);
  if (stay === undefined) return { ok: false, reason: 'not_found' };
  if (!stayDates(stay, hospitalDate(nowMs)).includes(q.date)) return { ok: false, reason: 'not_during_stay' };
  const items = db
    .prepare(
      `SELECT category, item_name AS itemName, spec, quantity, unit, unit_price AS unitPrice, amount
         FROM stay_charges WHERE stay_no = ? AND charge_date = ? ORDER BY seq`,
    )
    .all(stay.stayNo, q.date) as StayChargeRow[];
  const order = (c: StayCategory) => STAY_CATEGORIES.indexOf(c);
  return { ok: true, stay, items: items.map((item, i) => ({ item, i })).sort((a, b) => order(a.item.category) - order(b.item.category) || a.i - b.i).map((x) => x.item) };
}

// ---- admission, deposits, discharge ---------------------------------------------------------------

export interface Admission {
  stayId: string;
  admissionNo: string;
  wardName: string;
  bedNo: string;
  admittedAt: string;
}

export type AdmissionOutcome = { ok: true; admission: Admission } | { ok: false; reason: 'unknown_patient' | 'in_hospital' };

/**
 * Admits a patient to a ward bed (the ward and attending doctor drawn from the seed and the stay's
 * number), with the deposit taken at the cashier (0: none).
 */
export function admitPatient(db: HospitalDb, seed: number, patientId: string, depositFen: number, nowMs: number): AdmissionOutcome {
  const admit = db.transaction((): AdmissionOutcome => {
    if (findPatient(db, patientId) === undefined) return { ok: false, reason: 'unknown_patient' };
    if (db.prepare('SELECT 1 FROM stays WHERE patient_id = ? AND status <> ?').get(patientId, StayStatus.DISCHARGED) !== undefined) return { ok: false, reason: 'in_hospital' };
    const seq = nextNumber(db, 'stay_seq');
    const random = keyedRandom(seed, 'admission', seq);
    const ward = pick(random, inpatientData.wards);
    const doctors = db.prepare('SELECT code FROM doctors WHERE dept_code = ? ORDER BY code').pluck().all(ward.deptCode) as string[];
    const doctor = doctors.length > 0 ? pick(random, doctors) : (db.prepare('SELECT code FROM doctors ORDER BY code LIMIT 1').pluck().get() as string);
    const taken = new Set(db.prepare('SELECT bed_no FROM stays WHERE ward_name = ? AND status <> ?').pluck().all(ward.name, StayStatus.DISCHARGED) as string[]);
    const free = Array.from({ length: ward.beds }, (_, i) => String(i + 1)).filter((b) => !taken.has(b));
    const bedNo = free.length > 0 ? pick(random, free) : `加${taken.size + 1}`;
    const stayNo = `ZY${10_000_000 + seq}`;
    const admissionNo = String(30_000_000 + seq);
    const admittedAt = formatHospital(nowMs);
    db.prepare(
      `INSERT INTO stays (seq, stay_no, admission_no, patient_id, dept_code, ward_name, ward_location, bed_no, doctor_code, nursing_index, bed_fee, status, admitted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(seq, stayNo, admissionNo, patientId, ward.deptCode, ward.name, ward.location, bedNo, doctor, intBetween(random, 0, inpatientData.nursing.length - 1), ward.bedFeeFen, StayStatus.IN_HOSPITAL, admittedAt);
    if (depositFen > 0) {
      db.prepare("INSERT INTO stay_deposits (stay_no, amount, channel, trade_no, receipt_no, paid_at) VALUES (?, ?, 'CASHIER', NULL, ?, ?)").run(
        stayNo,
        depositFen,
        newReceiptNo(db, admittedAt),
        admittedAt,
      );
    }
    return { ok: true, admission: { stayId: stayNo, admissionNo, wardName: ward.name, bedNo, admittedAt } };
  });
  return admit.immediate();
}

export interface DepositPayment {
  patientId: string;
  stayNo: string;
  amount: number;
  tradeNo: string;
  transactionId: string;
  /** Shanghai wall time. */
  payTime: string;
}

export type DepositOutcome =
  | { ok: true; receiptNo: string; stay: StayRow; replayed: boolean }
  | { ok: false; reason: 'unknown_patient' | 'not_found' | 'not_in_hospital' | 'trade_no_used'; message: string };

/**
 * Records a deposit WeChat Pay took, in one write transaction: the same TradeNo again answers the
 * first receipt; a stay discharged or settling refuses it (the caller refunds).
 */
export function payDeposit(db: HospitalDb, seed: number, p: DepositPayment, nowMs: number): DepositOutcome {
  const pay = db.transaction((): DepositOutcome => {
    const earlier = db.prepare('SELECT stay_no AS stayNo, receipt_no AS receiptNo FROM stay_deposits WHERE trade_no = ?').get(p.tradeNo) as { stayNo: string; receiptNo: string } | undefined;
    if (earlier !== undefined) {
      if (earlier.stayNo !== p.stayNo) return { ok: false, reason: 'trade_no_used', message: '该商户订单号已用于其他缴费' };
      return { ok: true, receiptNo: earlier.receiptNo, stay: findStay(db, { stayNo: p.stayNo }) as StayRow, replayed: true };
    }
    if (findPatient(db, p.patientId) === undefined) return { ok: false, reason: 'unknown_patient', message: '患者不存在' };
    const stay = stayRecord(db, p.stayNo);
    if (stay === undefined || stay.patientId !== p.patientId) return { ok: false, reason: 'not_found', message: STAY_MESSAGES.notFound };
    if (stay.status !== StayStatus.IN_HOSPITAL) return { ok: false, reason: 'not_in_hospital', message: STAY_MESSAGES.notInHospital };
    if (db.prepare('SELECT 1 FROM payments WHERE trade_no = ?').get(p.tradeNo) !== undefined) return { ok: false, reason: 'trade_no_used', message: '该商户订单号已用于其他缴费' };
    accrue(db, seed, stay, nowMs);
    const receiptNo = newReceiptNo(db, p.payTime);
    db.prepare("INSERT INTO stay_deposits (stay_no, amount, channel, trade_no, receipt_no, paid_at) VALUES (?, ?, 'WECHAT', ?, ?, ?)").run(p.stayNo, p.amount, p.tradeNo, receiptNo, p.payTime);
    db.prepare(
      "INSERT INTO payments (trade_no, transaction_id, patient_id, total_fee, pay_time, receipt_no, biz_type) VALUES (?, ?, ?, ?, ?, ?, 'DEPOSIT')",
    ).run(p.tradeNo, p.transactionId, p.patientId, p.amount, p.payTime, receiptNo);
    return { ok: true, receiptNo, stay: findStay(db, { stayNo: p.stayNo }) as StayRow, replayed: false };
  });
  return pay.immediate();
}

export type DischargeOutcome = { ok: true; stay: StayRow } | { ok: false; reason: 'not_found' | 'settled' };

/**
 * Discharges a stay: its charges posted through today, then settled (the balance returned or
 * collected at the cashier) or, with `settle: false`, left settling (出院结算中); a settling stay
 * discharged again is settled.
 */
export function dischargeStay(db: HospitalDb, seed: number, admissionNo: string, settle: boolean, nowMs: number): DischargeOutcome {
  const discharge = db.transaction((): DischargeOutcome => {
    const found = findStay(db, { admissionNo });
    if (found === undefined) return { ok: false, reason: 'not_found' };
    if (found.status === StayStatus.DISCHARGED) return { ok: false, reason: 'settled' };
    const stay = stayRecord(db, found.stayNo) as StayRecord;
    accrue(db, seed, stay, nowMs);
    const now = formatHospital(nowMs);
    if (stay.status === StayStatus.IN_HOSPITAL) db.prepare('UPDATE stays SET status = ?, discharged_at = ? WHERE stay_no = ?').run(StayStatus.SETTLING, now, stay.stayNo);
    if (settle) {
      const { deposits, charges } = totals(db, stay.stayNo);
      db.prepare('UPDATE stays SET status = ?, settled_at = ?, settlement = ? WHERE stay_no = ?').run(StayStatus.DISCHARGED, now, deposits - charges, stay.stayNo);
    }
    return { ok: true, stay: findStay(db, { stayNo: stay.stayNo }) as StayRow };
  });
  return discharge.immediate();
}

/** Low-balance notices recorded for a stay, oldest first (tests, and the push pipeline's hook). */
export function lowBalanceNotices(db: HospitalDb, stayNo: string): { chargeDate: HospitalDate; balance: number; threshold: number; noticedAt: string }[] {
  return db
    .prepare('SELECT charge_date AS chargeDate, balance, threshold, noticed_at AS noticedAt FROM stay_low_balance_notices WHERE stay_no = ? ORDER BY seq')
    .all(stayNo) as { chargeDate: HospitalDate; balance: number; threshold: number; noticedAt: string }[];
}
