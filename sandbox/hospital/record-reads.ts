/**
 * Reads of records and reports (issue 13) for the HSB services: visits, records, prescriptions,
 * reports, results and a lab item's trend, each only if it is the asking patient's.
 */
import type { HospitalDate } from '../../typings/hospital';
import { BillStatus } from './billing';
import type { HospitalDb } from './db';
import type { LabFlagCode, ReportKind } from './records';

// ---- reads ------------------------------------------------------------------------------------------

export interface VisitSummaryRow {
  visitNo: string;
  visitDate: HospitalDate;
  deptName: string;
  doctorName: string;
  diagnoses: string;
}

const SELECT_VISIT = `
  SELECT v.visit_no AS visitNo, v.visit_date AS visitDate, d.name AS deptName, doc.name AS doctorName, r.diagnoses
    FROM visits v
    JOIN visit_records r ON r.visit_no = v.visit_no
    JOIN departments d ON d.code = v.dept_code
    JOIN doctors doc ON doc.code = v.doctor_code`;

/** The patient's visits that have a record, newest first. */
export function patientVisits(db: HospitalDb, patientId: string): VisitSummaryRow[] {
  return db.prepare(`${SELECT_VISIT} WHERE v.patient_id = ? ORDER BY v.seq DESC`).all(patientId) as VisitSummaryRow[];
}

export interface VisitRecordRow extends VisitSummaryRow {
  chiefComplaint: string;
  presentIllness: string;
  physicalExam: string;
  advice: string;
}

/** One visit's record, only if it is this patient's. */
export function visitRecord(db: HospitalDb, patientId: string, visitNo: string): VisitRecordRow | undefined {
  return db
    .prepare(
      `SELECT v.visit_no AS visitNo, v.visit_date AS visitDate, d.name AS deptName, doc.name AS doctorName, r.diagnoses,
              r.chief_complaint AS chiefComplaint, r.present_illness AS presentIllness, r.physical_exam AS physicalExam, r.advice
         FROM visits v
         JOIN visit_records r ON r.visit_no = v.visit_no
         JOIN departments d ON d.code = v.dept_code
         JOIN doctors doc ON doc.code = v.doctor_code
        WHERE v.patient_id = ? AND v.visit_no = ?`,
    )
    .get(patientId, visitNo) as VisitRecordRow | undefined;
}

export interface PrescriptionItemRow {
  prescriptionNo: string;
  doctorName: string;
  drugName: string;
  spec: string;
  dose: string;
  route: string;
  frequency: string;
  days: number;
  quantity: number;
  unit: string;
}

/** A visit's prescription lines (the visit must be the patient's; callers check first). */
export function visitPrescriptionItems(db: HospitalDb, patientId: string, visitNo: string): PrescriptionItemRow[] {
  return db
    .prepare(
      `SELECT p.prescription_no AS prescriptionNo, doc.name AS doctorName, i.drug_name AS drugName, i.spec, i.dose, i.route,
              i.frequency, i.days, i.quantity, i.unit
         FROM prescriptions p
         JOIN prescription_items i ON i.prescription_no = p.prescription_no
         JOIN visits v ON v.visit_no = p.visit_no
         JOIN doctors doc ON doc.code = v.doctor_code
        WHERE p.patient_id = ? AND p.visit_no = ? ORDER BY p.seq, i.seq`,
    )
    .all(patientId, visitNo) as PrescriptionItemRow[];
}

export interface ReportRow {
  reportNo: string;
  kind: ReportKind;
  title: string;
  visitNo: string;
  deptName: string;
  orderDate: HospitalDate;
  status: 0 | 1;
  reportedAt: string | null;
  reporter: string | null;
  reviewer: string | null;
  specimen: string | null;
  bodyPart: string | null;
  method: string | null;
  findings: string | null;
  conclusion: string | null;
  gross: string | null;
  microscopic: string | null;
  diagnosis: string | null;
}

const SELECT_REPORT = `
  SELECT r.report_no AS reportNo, r.kind, r.title, r.visit_no AS visitNo, d.name AS deptName, v.visit_date AS orderDate,
         r.status, r.reported_at AS reportedAt, r.reporter, r.reviewer, r.specimen, r.body_part AS bodyPart, r.method,
         r.findings, r.conclusion, r.gross, r.microscopic, r.diagnosis
    FROM reports r
    JOIN visits v ON v.visit_no = r.visit_no
    JOIN departments d ON d.code = v.dept_code
    JOIN bills b ON b.bill_no = r.bill_no`;

/** The patient's reports, newest order first; orders whose bill was voided are no reports. */
export function patientReports(db: HospitalDb, patientId: string): ReportRow[] {
  return db.prepare(`${SELECT_REPORT} WHERE r.patient_id = ? AND b.status <> ? ORDER BY r.seq DESC`).all(patientId, BillStatus.VOIDED) as ReportRow[];
}

/** One report, only if it is this patient's (and its order not voided). */
export function patientReport(db: HospitalDb, patientId: string, reportNo: string): ReportRow | undefined {
  return db.prepare(`${SELECT_REPORT} WHERE r.patient_id = ? AND r.report_no = ? AND b.status <> ?`).get(patientId, reportNo, BillStatus.VOIDED) as ReportRow | undefined;
}

export interface ResultRow {
  itemCode: string;
  itemName: string;
  value: string;
  numericValue: number | null;
  unit: string;
  refRange: string;
  refLow: number | null;
  refHigh: number | null;
  flag: LabFlagCode;
  critical: 0 | 1;
}

const SELECT_RESULT = `
  SELECT item_code AS itemCode, item_name AS itemName, value, numeric_value AS numericValue, unit, ref_range AS refRange,
         ref_low AS refLow, ref_high AS refHigh, flag, critical
    FROM report_results`;

export function reportResults(db: HospitalDb, reportNo: string): ResultRow[] {
  return db.prepare(`${SELECT_RESULT} WHERE report_no = ? ORDER BY seq`).all(reportNo) as ResultRow[];
}

export interface TrendRow extends ResultRow {
  reportNo: string;
  reportedAt: string;
}

/** A numeric item's results across the patient's finished reports, oldest first. */
export function labTrend(db: HospitalDb, patientId: string, itemCode: string): TrendRow[] {
  return db
    .prepare(
      `SELECT x.item_code AS itemCode, x.item_name AS itemName, x.value, x.numeric_value AS numericValue, x.unit, x.ref_range AS refRange,
              x.ref_low AS refLow, x.ref_high AS refHigh, x.flag, x.critical, r.report_no AS reportNo, r.reported_at AS reportedAt
         FROM report_results x JOIN reports r ON r.report_no = x.report_no
        WHERE r.patient_id = ? AND r.status = 1 AND x.item_code = ? AND x.numeric_value IS NOT NULL
        ORDER BY r.reported_at, r.seq`,
    )
    .all(patientId, itemCode) as TrendRow[];
}
