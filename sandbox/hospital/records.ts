/**
 * Records of the sandbox hospital (issue 13). A finished visit writes its outpatient record (the case
 * that fits its department and orders best), a prescription for its drugs and a report order for each
 * lab, exam and pathology item on its bills (`recordVisit`, inside the visit's transaction). Reports
 * become ready in report-finishing.ts; the services read through record-reads.ts. Times are Shanghai
 * wall time.
 */
import type { HospitalDate } from '../../typings/hospital';
import { nextNumber, type BillType } from './billing';
import type { HospitalDb } from './db';
import type { CaseData } from './records-data';
import { casesData, examsData, labPanelsData, pathologyData, prescribingData } from './records-data';
import { intBetween, keyedRandom, pick, type Random } from './random';

export { RECORDS_SCHEMA } from './records-schema';

export type ReportKind = 'lab' | 'exam' | 'pathology';
export type LabFlagCode = 'N' | 'H' | 'L' | 'A';

/** Report numbers by kind: 检验 JY, 检查 JC, 病理 BL. */
const REPORT_PREFIX: Record<ReportKind, string> = { lab: 'JY', exam: 'JC', pathology: 'BL' };

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
