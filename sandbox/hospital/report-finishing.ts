/**
 * Where reports become ready (issue 13): the lab, imaging and pathology finishing a patient's paid
 * orders (`finishReports`), with values drawn around their reference ranges and now and then outside
 * them (critical values sometimes). Times are Shanghai wall time.
 */
import { publishEvent } from './events';
import { formatHospital } from '../../miniprogram/core/time';
import { BillStatus } from './billing';
import { namesData } from './data';
import type { HospitalDb } from './db';
import { findPatient } from './patients';
import type { AbnormalTendency, LabItemData, NumericLabItem } from './records-data';
import { casesData, examsData, isNumericItem, labPanelsData, pathologyData } from './records-data';
import { intBetween, keyedRandom, pick, type Random } from './random';
import type { LabFlagCode, ReportKind } from './records';

/** Share of numeric items out of range without a case pushing them, and with one. */
const STRAY_RATE = 0.12;
const PUSHED_RATE = 0.7;
/** Share of items with critical limits that come out critical. */
const CRITICAL_RATE = 0.03;
/** Share of qualitative items abnormal without a case pushing them. */
const STRAY_POSITIVE_RATE = 0.06;
/** Share of exams the case ordered for a reason that find something, and of the others. */
const EXAM_FINDING_RATE = { fits: 0.6, other: 0.12 };

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
