/**
 * Test applications (核酸检测, LIS): a bound patient or a companion/visitor (found or registered by
 * ID number) applies for a single or pooled test; the hospital prices it and says where the fee is
 * paid — online at application (ConfirmNatPayment records WeChat's payment) or at the sampling point
 * when the code is scanned (the paper's way). Then the lab reports negative or positive.
 */
import { createHash } from 'node:crypto';
import type { IdCardInfo } from '../../../miniprogram/core/idcard';
import { formatHospital } from '../../../miniprogram/core/time';
import { newReceiptNo } from '../billing';
import type { HospitalDb } from '../db';
import { readMeta, writeMeta } from '../db';
import { NAME_MISMATCH_MESSAGE, findOrCreatePatient, findPatient, findPatientByIdCard, idCardDocument, normalizeName } from '../patients';
import { afterVisitData } from './data';
import { issueCounterInvoice } from './invoices';

/** 0 unpaid (online fee due), 1 waiting for sampling, 2 sampled, 3 reported. */
export const NatStatus = { UNPAID: 0, WAITING: 1, SAMPLED: 2, REPORTED: 3 } as const;
export type NatStatus = (typeof NatStatus)[keyof typeof NatStatus];
export type NatMode = 1 | 2;
export type NatPayMode = 'ONLINE' | 'ONSITE';

export interface NatTermsRow {
  payMode: NatPayMode;
  singleFee: number;
  mixedFee: number;
}

export interface NatApplicationRow {
  applicationNo: string;
  sampleCode: string;
  patientId: string;
  personName: string;
  phone: string;
  mode: NatMode;
  fee: number;
  payMode: NatPayMode;
  status: NatStatus;
  result: 1 | 2 | null;
  tradeNo: string | null;
  receiptNo: string | null;
  applyTime: string;
  sampleTime: string | null;
  reportTime: string | null;
}

const SELECT_APPLICATION = `
  SELECT a.application_no AS applicationNo, a.sample_code AS sampleCode, a.patient_id AS patientId, p.name AS personName,
         a.phone, a.mode, a.fee, a.pay_mode AS payMode, a.status, a.result, a.trade_no AS tradeNo, a.receipt_no AS receiptNo,
         a.apply_time AS applyTime, a.sample_time AS sampleTime, a.report_time AS reportTime
    FROM nat_applications a JOIN patients p ON p.patient_id = a.patient_id`;

/** The hospital's terms (kept in `meta`; defaults from data/after-visit.json). */
export function readNatTerms(db: HospitalDb): NatTermsRow {
  const d = afterVisitData.nat;
  return {
    payMode: (readMeta(db, 'nat_pay_mode') as NatPayMode | undefined) ?? d.payMode,
    singleFee: Number(readMeta(db, 'nat_single_fee') ?? d.singleFeeFen),
    mixedFee: Number(readMeta(db, 'nat_mixed_fee') ?? d.mixedFeeFen),
  };
}

export function writeNatTerms(db: HospitalDb, terms: Partial<NatTermsRow>): NatTermsRow {
  if (terms.payMode !== undefined) writeMeta(db, 'nat_pay_mode', terms.payMode);
  if (terms.singleFee !== undefined) writeMeta(db, 'nat_single_fee', String(terms.singleFee));
  if (terms.mixedFee !== undefined) writeMeta(db, 'nat_mixed_fee', String(terms.mixedFee));
  return readNatTerms(db);
}

export function findApplication(db: HospitalDb, applicationNo: string): NatApplicationRow | undefined {
  return db.prepare(`${SELECT_APPLICATION} WHERE a.application_no = ?`).get(applicationNo) as NatApplicationRow | undefined;
}

export function findApplicationByCode(db: HospitalDb, sampleCode: string): NatApplicationRow | undefined {
  return db.prepare(`${SELECT_APPLICATION} WHERE a.sample_code = ?`).get(sampleCode) as NatApplicationRow | undefined;
}

/** A patient's applications, newest first. */
export function patientApplications(db: HospitalDb, patientId: string): NatApplicationRow[] {
  return db.prepare(`${SELECT_APPLICATION} WHERE a.patient_id = ? ORDER BY a.seq DESC`).all(patientId) as NatApplicationRow[];
}

/** A person who is no bound patient: checked name, ID and mobile. */
export interface NatPersonIntake {
  name: string;
  idCard: IdCardInfo;
  phone: string;
}

export type NatApplyOutcome = { ok: true; application: NatApplicationRow } | { ok: false; code: '1001' | '2001'; message: string };

/**
 * Applies, in one write transaction. A person is found by ID number (another name on record → 2001;
 * the phone on file is never changed: the application keeps the phone given) or registered. A live
 * application (unpaid or waiting) of the same person and mode is answered again, so a double tap
 * makes one application.
 */
export function applyNat(db: HospitalDb, who: { patientId: string } | { person: NatPersonIntake }, mode: NatMode, nowMs: number): NatApplyOutcome {
  const apply = db.transaction((): NatApplyOutcome => {
    let patientId: string;
    let phone: string;
    if ('patientId' in who) {
      const patient = findPatient(db, who.patientId);
      if (patient === undefined) return { ok: false, code: '1001', message: '患者不存在' };
      patientId = patient.patientId;
      phone = patient.phone ?? '';
    } else {
      const { person } = who;
      const known = findPatientByIdCard(db, person.idCard.idCardNo);
      if (known !== undefined && known.name !== normalizeName(person.name)) return { ok: false, code: '2001', message: NAME_MISMATCH_MESSAGE };
      if (known !== undefined) patientId = known.patientId;
      else {
        const registered = findOrCreatePatient(db, { name: person.name, doc: idCardDocument(person.idCard), phone: person.phone }, nowMs);
        if (!registered.ok) return { ok: false, code: '2001', message: NAME_MISMATCH_MESSAGE };
        patientId = registered.patient.patientId;
      }
      phone = person.phone;
    }
    const live = db
      .prepare(`${SELECT_APPLICATION} WHERE a.patient_id = ? AND a.mode = ? AND a.status IN (?, ?) ORDER BY a.seq DESC LIMIT 1`)
      .get(patientId, mode, NatStatus.UNPAID, NatStatus.WAITING) as NatApplicationRow | undefined;
    if (live !== undefined) return { ok: true, application: live };

    const terms = readNatTerms(db);
    const seq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM nat_applications').pluck().get() as number;
    const applicationNo = `HS${10_000_000 + seq}`;
    const applyTime = formatHospital(nowMs);
    // The code the sampling point scans: the number and a check, so a mistyped code is not someone else's.
    const check = createHash('sha256').update(`${applicationNo}|${patientId}|${applyTime}`).digest('hex').slice(0, 6).toUpperCase();
    db.prepare(
      `INSERT INTO nat_applications (seq, application_no, sample_code, patient_id, phone, mode, fee, pay_mode, status, apply_time)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      seq,
      applicationNo,
      `NAT${applicationNo}${check}`,
      patientId,
      phone,
      mode,
      mode === 1 ? terms.singleFee : terms.mixedFee,
      terms.payMode,
      terms.payMode === 'ONLINE' ? NatStatus.UNPAID : NatStatus.WAITING,
      applyTime,
    );
    return { ok: true, application: findApplication(db, applicationNo) as NatApplicationRow };
  });
  return apply.immediate();
}

export type NatConfirmOutcome = { ok: true; receiptNo: string; application: NatApplicationRow } | { ok: false; code: '1001' | '2001'; message: string };

/** Records an online fee WeChat Pay took, idempotent by TradeNo; the payment row issues the invoice. */
export function confirmNatPayment(
  db: HospitalDb,
  c: { patientId: string; applicationNo: string; totalFee: number; tradeNo: string; transactionId: string; payTime: string },
): NatConfirmOutcome {
  const confirm = db.transaction((): NatConfirmOutcome => {
    const app = findApplication(db, c.applicationNo);
    if (app === undefined || app.patientId !== c.patientId) return { ok: false, code: '1001', message: '检测申请不存在' };
    if (app.tradeNo === c.tradeNo && app.receiptNo !== null) return { ok: true, receiptNo: app.receiptNo, application: app };
    const used = db.prepare('SELECT 1 FROM payments WHERE trade_no = ?').get(c.tradeNo) !== undefined;
    if (used) return { ok: false, code: '2001', message: '该支付已用于其他业务，费用将原路退回' };
    if (app.status !== NatStatus.UNPAID) return { ok: false, code: '2001', message: '该检测申请无需在线缴费或已缴费，费用将原路退回' };
    if (app.fee !== c.totalFee) return { ok: false, code: '2001', message: '缴费金额与检测费用不符，费用将原路退回' };
    const receiptNo = newReceiptNo(db, c.payTime);
    db.prepare(
      "INSERT INTO payments (trade_no, transaction_id, patient_id, total_fee, pay_time, receipt_no, biz_type) VALUES (?, ?, ?, ?, ?, ?, 'NAT')",
    ).run(c.tradeNo, c.transactionId, c.patientId, c.totalFee, c.payTime, receiptNo);
    db.prepare('UPDATE nat_applications SET status = ?, trade_no = ?, receipt_no = ? WHERE application_no = ?').run(NatStatus.WAITING, c.tradeNo, receiptNo, c.applicationNo);
    return { ok: true, receiptNo, application: findApplication(db, c.applicationNo) as NatApplicationRow };
  });
  return confirm.immediate();
}

export type SampleOutcome =
  | { ok: true; application: NatApplicationRow; paidOnsite: boolean }
  | { ok: false; reason: 'not_found' | 'unpaid' | 'sampled'; message: string };

/** The sampling point scans the code: where the fee is paid on site it is taken now (receipt and invoice). */
export function sampleNat(db: HospitalDb, sampleCode: string, nowMs: number): SampleOutcome {
  const sample = db.transaction((): SampleOutcome => {
    const app = findApplicationByCode(db, sampleCode);
    if (app === undefined) return { ok: false, reason: 'not_found', message: '检测码无效，请核对后重新扫描' };
    if (app.status === NatStatus.UNPAID) return { ok: false, reason: 'unpaid', message: '该申请尚未在线缴费，请先缴费' };
    if (app.status !== NatStatus.WAITING) return { ok: false, reason: 'sampled', message: '该检测码已采样' };
    const now = formatHospital(nowMs);
    const paidOnsite = app.payMode === 'ONSITE';
    if (paidOnsite) {
      const receiptNo = newReceiptNo(db, now);
      db.prepare('UPDATE nat_applications SET receipt_no = ? WHERE application_no = ?').run(receiptNo, app.applicationNo);
      issueCounterInvoice(db, { patientId: app.patientId, bizType: 'NAT', refNo: app.applicationNo, totalFee: app.fee, issueTime: now });
    }
    db.prepare('UPDATE nat_applications SET status = ?, sample_time = ? WHERE application_no = ?').run(NatStatus.SAMPLED, now, app.applicationNo);
    return { ok: true, application: findApplication(db, app.applicationNo) as NatApplicationRow, paidOnsite };
  });
  return sample.immediate();
}

export type ReportOutcome = { ok: true; application: NatApplicationRow } | { ok: false; reason: 'not_found' | 'not_sampled' | 'reported'; message: string };

/** The lab reports a sampled test. */
export function reportNat(db: HospitalDb, applicationNo: string, result: 'negative' | 'positive', nowMs: number): ReportOutcome {
  const report = db.transaction((): ReportOutcome => {
    const app = findApplication(db, applicationNo);
    if (app === undefined) return { ok: false, reason: 'not_found', message: '检测申请不存在' };
    if (app.status === NatStatus.REPORTED) return { ok: false, reason: 'reported', message: '该检测已出结果' };
    if (app.status !== NatStatus.SAMPLED) return { ok: false, reason: 'not_sampled', message: '该检测尚未采样' };
    db.prepare('UPDATE nat_applications SET status = ?, result = ?, report_time = ? WHERE application_no = ?').run(
      NatStatus.REPORTED,
      result === 'negative' ? 1 : 2,
      formatHospital(nowMs),
      applicationNo,
    );
    return { ok: true, application: findApplication(db, applicationNo) as NatApplicationRow };
  });
  return report.immediate();
}

/** A person's applications by ID number (a companion's results, once the caller proved the phone given at application). */
export function personApplications(db: HospitalDb, name: string, idCardNo: string): NatApplicationRow[] {
  const known = findPatientByIdCard(db, idCardNo);
  if (known === undefined || known.name !== normalizeName(name)) return [];
  return patientApplications(db, known.patientId);
}
