/**
 * Records and reports of the sandbox hospital (issue 13). A finished visit writes its outpatient
 * record (the case that fits its department and orders best), a prescription for its drugs and a
 * report order for each lab, exam and pathology item on its bills (`recordVisit`, inside the
 * visit's transaction). `finishReports` is where reports become ready: the lab, imaging and
 * pathology finishing a patient's paid orders, with values drawn around their reference ranges and
 * now and then outside them (critical values sometimes). Times are Shanghai wall time.
 */
import { publishEvent } from './events';
import type { HospitalDate } from '../../typings/hospital';
import { formatHospital } from '../../miniprogram/core/time';
import { BillStatus, nextNumber, type BillType } from './billing';
import { namesData } from './data';
import type { HospitalDb } from './db';
import { findPatient } from './patients';
import type { AbnormalTendency, CaseData, LabItemData, NumericLabItem } from './records-data';
import { casesData, examsData, isNumericItem, labPanelsData, pathologyData, prescribingData } from './records-data';
import { intBetween, keyedRandom, pick, type Random } from './random';

export { RECORDS_SCHEMA } from './records-schema';


export type ReportKind = 'lab' | 'exam' | 'pathology';
export type LabFlagCode = 'N' | 'H' | 'L' | 'A';

/** Report numbers by kind: 检验 JY, 检查 JC, 病理 BL. */
const REPORT_PREFIX: Record<ReportKind, string> = { lab: 'JY', exam: 'JC', pathology: 'BL' };

/** Share of numeric items out of range without a case pushing them, and with one. */
const STRAY_RATE = 0.12;
const PUSHED_RATE = 0.7;
/** Share of items with critical limits that come out critical. */
const CRITICAL_RATE = 0.03;
/** Share of qualitative items abnormal without a case pushing them. */
const STRAY_POSITIVE_RATE = 0.06;
/** Share of exams the case ordered for a reason that find something, and of the others. */
const EXAM_FINDING_RATE = { fits: 0.6, other: 0.12 };

// ---- a finished visit writes its record, prescription and report orders ---------------------------

interface VisitFacts {
  visitNo: string;
  patientId: string;
  visitDate: HospitalDate;
  deptCode: string;
  parentCode: string | null;
  birthDate: HospitalDate;
}

interface OrderedItem {
  billNo: string;
  billType: BillType;
  itemName: string;
  spec: string;
  quantity: number;
  unit: string;
}

/** Full years between a birth date and a day. */
function ageInYears(birthDate: HospitalDate, on: HospitalDate): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The case whose departments and orders fit the visit best; ties drawn. */
export function chooseCase(random: Random, deptCodes: readonly string[], ordered: readonly string[]): CaseData {
  const score = (c: CaseData) => c.hints.filter((h) => ordered.includes(h)).length + (c.depts.some((d) => deptCodes.includes(d)) ? 2 : 0);
  const best = Math.max(...casesData.map(score));
  return pick(random, casesData.filter((c) => score(c) === best));
}

function fillCase(text: string, days: number, temperature: string): string {
  return text.replace(/\{d\}/g, String(days)).replace(/\{t\}/g, temperature);
}

function doseFor(bands: readonly { underYears?: number; dose: string }[], age: number): string {
  const band = bands.find((b) => b.underYears === undefined || age < b.underYears) ?? bands[bands.length - 1];
  return band?.dose ?? '遵医嘱';
}

/** A report ordered by a bill item, or none (drugs, treatments without a specimen). */
function reportOrderOf(item: OrderedItem): { kind: ReportKind; title: string } | undefined {
  if (item.billType === 3 && Object.hasOwn(labPanelsData, item.itemName)) return { kind: 'lab', title: item.itemName };
  if (item.billType === 2 && Object.hasOwn(examsData, item.itemName)) return { kind: 'exam', title: item.itemName };
  if (item.billType === 4 && Object.hasOwn(pathologyData, item.itemName)) return { kind: 'pathology', title: pathologyData[item.itemName]?.title ?? item.itemName };
  return undefined;
}

/** A created report order, as the visits control answers it. */
export interface OrderedReport {
  reportId: string;
  kind: ReportKind;
  billId: string;
}

/**
 * Writes a finished visit's record, its prescription (the drugs on its bills, dosed for the child's
 * age) and a pending report for each lab, exam and pathology item on its bills. Runs inside the
 * visit's transaction; drawn from the seed and the visit number, so the same calls give the same records.
 */
export function recordVisit(db: HospitalDb, seed: number, visitNo: string): OrderedReport[] {
  const visit = db
    .prepare(
      `SELECT v.visit_no AS visitNo, v.patient_id AS patientId, v.visit_date AS visitDate, v.dept_code AS deptCode,
              d.parent_code AS parentCode, p.birth_date AS birthDate
         FROM visits v JOIN departments d ON d.code = v.dept_code JOIN patients p ON p.patient_id = v.patient_id
        WHERE v.visit_no = ?`,
    )
    .get(visitNo) as VisitFacts | undefined;
  if (visit === undefined) throw new Error(`visit ${visitNo} not found inside its own transaction`);
  const ordered = db
    .prepare(
      `SELECT b.bill_no AS billNo, b.bill_type AS billType, i.item_name AS itemName, i.spec, i.quantity, i.unit
         FROM bills b JOIN bill_items i ON i.bill_no = b.bill_no
        WHERE b.visit_no = ? ORDER BY b.seq, i.seq`,
    )
    .all(visitNo) as OrderedItem[];

  const random = keyedRandom(seed, 'record', visitNo);
  const deptCodes = [visit.deptCode, ...(visit.parentCode !== null ? [visit.parentCode] : [])];
  const chosen = chooseCase(random, deptCodes, ordered.map((o) => o.itemName));
  const days = intBetween(random, 1, 5);
  const temperature = (38.1 + intBetween(random, 0, 17) / 10).toFixed(1);
  db.prepare(
    'INSERT INTO visit_records (visit_no, case_key, chief_complaint, present_illness, physical_exam, diagnoses, advice) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    visitNo,
    chosen.key,
    fillCase(chosen.complaint, days, temperature),
    fillCase(chosen.illness, days, temperature),
    chosen.exam,
    JSON.stringify(chosen.diagnoses),
    chosen.advice,
  );

  const drugs = ordered.filter((o) => o.billType === 1 && Object.hasOwn(prescribingData, o.itemName));
  if (drugs.length > 0) {
    const prescriptionNo = `CF${10_000_000 + nextNumber(db, 'prescription_seq')}`;
    db.prepare('INSERT INTO prescriptions (prescription_no, visit_no, patient_id) VALUES (?, ?, ?)').run(prescriptionNo, visitNo, visit.patientId);
    const insert = db.prepare(
      'INSERT INTO prescription_items (prescription_no, seq, drug_name, spec, dose, route, frequency, days, quantity, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const age = ageInYears(visit.birthDate, visit.visitDate);
    drugs.forEach((drug, i) => {
      const how = prescribingData[drug.itemName];
      if (how === undefined) return;
      insert.run(prescriptionNo, i + 1, drug.itemName, drug.spec, doseFor(how.doses, age), how.route, how.frequency, how.days, drug.quantity, drug.unit);
    });
  }

  const insertReport = db.prepare(
    'INSERT INTO reports (report_no, kind, item_name, title, patient_id, visit_no, bill_no, status) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
  );
  const reports: OrderedReport[] = [];
  for (const item of ordered) {
    const order = reportOrderOf(item);
    if (order === undefined) continue;
    const reportNo = `${REPORT_PREFIX[order.kind]}${10_000_000 + nextNumber(db, `report_seq_${order.kind}`)}`;
    insertReport.run(reportNo, order.kind, item.itemName, order.title, visit.patientId, visitNo, item.billNo);
    reports.push({ reportId: reportNo, kind: order.kind, billId: item.billNo });
  }
  return reports;
}

// ---- the lab, imaging and pathology finish paid orders ----------------------------------------------

interface PendingReport {
  reportNo: string;
  kind: ReportKind;
  itemName: string;
  caseKey: string;
}

/** What a drawn lab result stores. */
interface DrawnResult {
  value: string;
  numericValue: number | null;
  unit: string;
  refRange: string;
  refLow: number | null;
  refHigh: number | null;
  flag: LabFlagCode;
  critical: boolean;
}

function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** A numeric value: inside its range mostly, out of it as the case pushes or by chance, critical rarely. */
export function drawNumeric(random: Random, item: NumericLabItem, tendency: AbnormalTendency | undefined): DrawnResult {
  const span = item.high - item.low || 1;
  const critical = (item.criticalLow !== undefined || item.criticalHigh !== undefined) && random() < CRITICAL_RATE;
  let raw: number;
  if (critical && item.criticalHigh !== undefined && (item.criticalLow === undefined || random() < 0.5)) {
    raw = item.criticalHigh * (1.05 + random() * 0.4);
  } else if (critical && item.criticalLow !== undefined) {
    raw = item.criticalLow * (0.5 + random() * 0.45);
  } else {
    const pushed = tendency === 'high' || tendency === 'low';
    const out = random() < (pushed ? PUSHED_RATE : STRAY_RATE);
    const direction = pushed ? tendency : item.low > 0 && random() < 0.4 ? 'low' : 'high';
    if (!out) raw = item.low + span * (0.1 + 0.8 * random());
    else if (direction === 'high') raw = item.high + span * (0.05 + random() * (pushed ? 2 : 0.6));
    else raw = item.low - item.low * (0.05 + random() * 0.35);
  }
  const value = Math.max(0, roundTo(raw, item.decimals));
  const isCritical = (item.criticalLow !== undefined && value < item.criticalLow) || (item.criticalHigh !== undefined && value > item.criticalHigh);
  return {
    value: value.toFixed(item.decimals),
    numericValue: value,
    unit: item.unit,
    refRange: `${item.low.toFixed(item.decimals)}-${item.high.toFixed(item.decimals)}`,
    refLow: item.low,
    refHigh: item.high,
    flag: value > item.high ? 'H' : value < item.low ? 'L' : 'N',
    critical: isCritical,
  };
}

function drawResult(random: Random, item: LabItemData, tendency: AbnormalTendency | undefined): DrawnResult {
  if (isNumericItem(item)) return drawNumeric(random, item, tendency);
  const abnormal = random() < (tendency === 'positive' ? PUSHED_RATE : STRAY_POSITIVE_RATE);
  return {
    value: abnormal ? pick(random, item.abnormal) : item.normal,
    numericValue: null,
    unit: '',
    refRange: item.normal,
    refLow: null,
    refHigh: null,
    flag: abnormal ? 'A' : 'N',
    critical: false,
  };
}

/** A person of the lab or imaging department, drawn from the name lists. */
function staffName(random: Random): string {
  const female = random() < namesData.femaleRate;
  return pick(random, namesData.surnames) + pick(random, female ? namesData.givenFemale : namesData.givenMale);
}

function finishOne(db: HospitalDb, seed: number, report: PendingReport, reportedAt: string): void {
  const random = keyedRandom(seed, 'report', report.reportNo);
  const reporter = staffName(random);
  const reviewer = staffName(random);
  const finish = db.prepare(
    `UPDATE reports SET status = 1, reported_at = ?, reporter = ?, reviewer = ?, specimen = ?, body_part = ?, method = ?,
            findings = ?, conclusion = ?, gross = ?, microscopic = ?, diagnosis = ? WHERE report_no = ? AND status = 0`,
  );
  const chosen = casesData.find((c) => c.key === report.caseKey);
  if (report.kind === 'lab') {
    const panel = labPanelsData[report.itemName];
    if (panel === undefined) throw new Error(`no lab panel for ${report.reportNo}`);
    const insert = db.prepare(
      `INSERT INTO report_results (report_no, seq, item_code, item_name, value, numeric_value, unit, ref_range, ref_low, ref_high, flag, critical)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    panel.items.forEach((item, i) => {
      const r = drawResult(random, item, chosen?.abnormal[item.code]);
      insert.run(report.reportNo, i + 1, item.code, item.name, r.value, r.numericValue, r.unit, r.refRange, r.refLow, r.refHigh, r.flag, r.critical ? 1 : 0);
    });
    finish.run(reportedAt, reporter, reviewer, panel.specimen, null, null, null, null, null, null, null, report.reportNo);
  } else if (report.kind === 'exam') {
    const exam = examsData[report.itemName];
    if (exam === undefined) throw new Error(`no exam template for ${report.reportNo}`);
    const fits = chosen?.hints.includes(report.itemName) ?? false;
    const found = exam.abnormal.length > 0 && random() < (fits ? EXAM_FINDING_RATE.fits : EXAM_FINDING_RATE.other);
    const text = found ? pick(random, exam.abnormal) : exam.normal;
    finish.run(reportedAt, reporter, reviewer, null, exam.part, exam.method, text.findings, text.conclusion, null, null, null, report.reportNo);
  } else {
    const pathology = pathologyData[report.itemName];
    if (pathology === undefined) throw new Error(`no pathology template for ${report.reportNo}`);
    const result = pick(random, pathology.results);
    const size = `${(0.5 + intBetween(random, 0, 15) / 10).toFixed(1)}×${(0.4 + intBetween(random, 0, 8) / 10).toFixed(1)}×${(0.3 + intBetween(random, 0, 5) / 10).toFixed(1)}`;
    const gross = pathology.gross.replace('{size}', size);
    finish.run(reportedAt, reporter, reviewer, pathology.specimen, null, null, null, null, gross, result.microscopic, result.diagnosis, report.reportNo);
  }
}

export type FinishOutcome = { ok: true; reports: { reportId: string; kind: ReportKind }[] } | { ok: false; reason: 'unknown_patient' };

/**
 * Where reports become ready: finishes the patient's pending reports whose bills are paid, in one
 * write transaction, at the hospital clock's now, publishing one "report ready" event (报告出具提醒)
 * per finished report, carrying no clinical value.
 */
export function finishReports(db: HospitalDb, seed: number, patientId: string, nowMs: number): FinishOutcome {
  const finish = db.transaction((): FinishOutcome => {
    if (findPatient(db, patientId) === undefined) return { ok: false, reason: 'unknown_patient' };
    const pending = db
      .prepare(
        `SELECT r.report_no AS reportNo, r.kind, r.item_name AS itemName, vr.case_key AS caseKey
           FROM reports r JOIN bills b ON b.bill_no = r.bill_no JOIN visit_records vr ON vr.visit_no = r.visit_no
          WHERE r.patient_id = ? AND r.status = 0 AND b.status = ? ORDER BY r.seq`,
      )
      .all(patientId, BillStatus.PAID) as PendingReport[];
    const reportedAt = formatHospital(nowMs);
    for (const report of pending) {
      finishOne(db, seed, report, reportedAt);
      // 报告出具提醒: the report's name and id only, never a value.
      publishEvent(db, { kind: 'report.ready', patientId, key: `report.ready:${report.reportNo}`, fields: { reportName: report.itemName, reportId: report.reportNo } }, nowMs);
    }
    return { ok: true, reports: pending.map((r) => ({ reportId: r.reportNo, kind: r.kind })) };
  });
  return finish.immediate();
}

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
