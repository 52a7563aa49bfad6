/**
 * HSB records and reports (issue 13, typings/hsb-records.ts) → domain shapes: visits, outpatient
 * records, prescriptions, reports, lab trends. Clinical text: protocol errors name the tag and codes,
 * never a diagnosis, drug or value.
 */
import type {
  HsbLabResult,
  HsbPrescription,
  HsbPrescriptionDrug,
  HsbReportSummary,
  HsbTrendPoint,
  HsbVisitSummary,
  QueryLabTrendResponse,
  QueryPrescriptionsResponse,
  QueryReportResponse,
  QueryReportsResponse,
  QueryVisitRecordResponse,
  QueryVisitsResponse,
} from '../../../typings/hsb-records';
import type {
  LabFlag,
  LabResult,
  LabTrend,
  OutpatientRecord,
  Prescription,
  PrescriptionItem,
  ReportContent,
  ReportDetail,
  ReportKind,
  ReportStatus,
  ReportSummary,
  VisitSummary,
} from '../../../typings/records';
import { HsbProtocolError } from './envelope';
import { count, flag, hospitalDay, isNode, items, leaf, oneOf, quantity, requiredLeaf, wallInstant, type XmlNode } from './fields';

function toVisitSummary(v: XmlNode): VisitSummary {
  return {
    visitId: requiredLeaf<HsbVisitSummary>(v, 'VisitNo'),
    visitDate: hospitalDay(leaf<HsbVisitSummary>(v, 'VisitDate'), 'VisitDate'),
    deptName: leaf<HsbVisitSummary>(v, 'DeptName'),
    doctorName: leaf<HsbVisitSummary>(v, 'DoctorName'),
    diagnosis: leaf<HsbVisitSummary>(v, 'Diagnosis'),
  };
}

export function toVisitSummaries(body: XmlNode): VisitSummary[] {
  return items<QueryVisitsResponse>(body, 'Visits', 'Visit').map(toVisitSummary);
}

type RecordNode = QueryVisitRecordResponse['Record'];

/** QueryVisitRecord → the visit and its record. */
export function toVisitRecord(body: XmlNode): { visit: VisitSummary; record: OutpatientRecord } {
  const r = body.Record;
  if (!isNode(r)) throw new HsbProtocolError('<Record> is missing');
  // Diagnoses are text leaves, not nodes: read them from the container directly.
  const list: unknown = isNode(r.Diagnoses) ? r.Diagnoses.Diagnosis : undefined;
  if (!Array.isArray(list) || list.length === 0 || !list.every((d): d is string => typeof d === 'string')) {
    throw new HsbProtocolError('<Diagnoses>/<Diagnosis> is missing or not text');
  }
  return {
    visit: toVisitSummary(r),
    record: {
      chiefComplaint: leaf<RecordNode>(r, 'ChiefComplaint'),
      presentIllness: leaf<RecordNode>(r, 'PresentIllness'),
      physicalExam: leaf<RecordNode>(r, 'PhysicalExam'),
      diagnoses: list,
      advice: leaf<RecordNode>(r, 'Advice'),
    },
  };
}

function toPrescriptionItem(d: XmlNode): PrescriptionItem {
  return {
    drugName: requiredLeaf<HsbPrescriptionDrug>(d, 'DrugName'),
    spec: leaf<HsbPrescriptionDrug>(d, 'Spec'),
    dose: leaf<HsbPrescriptionDrug>(d, 'Dose'),
    route: leaf<HsbPrescriptionDrug>(d, 'Route'),
    frequency: leaf<HsbPrescriptionDrug>(d, 'Frequency'),
    days: count(leaf<HsbPrescriptionDrug>(d, 'Days'), 'Days'),
    quantity: quantity(leaf<HsbPrescriptionDrug>(d, 'Quantity')),
    unit: leaf<HsbPrescriptionDrug>(d, 'Unit'),
  };
}

export function toPrescriptions(body: XmlNode): Prescription[] {
  return items<QueryPrescriptionsResponse>(body, 'Prescriptions', 'Prescription').map((p) => ({
    prescriptionId: requiredLeaf<HsbPrescription>(p, 'PrescriptionNo'),
    doctorName: leaf<HsbPrescription>(p, 'DoctorName'),
    items: items<HsbPrescription>(p, 'Drugs', 'Drug').map(toPrescriptionItem),
  }));
}

const REPORT_KINDS: Record<string, ReportKind> = { L: 'lab', E: 'exam', P: 'pathology' };
const REPORT_STATUSES: Record<string, ReportStatus> = { '0': 'pending', '1': 'finished' };
const LAB_FLAGS: Record<string, LabFlag> = { N: 'normal', H: 'high', L: 'low', A: 'abnormal' };

function toReportSummary(r: XmlNode): ReportSummary {
  const status = oneOf(REPORT_STATUSES, leaf<HsbReportSummary>(r, 'Status'), 'Status');
  const time = leaf<HsbReportSummary>(r, 'ReportTime', true);
  if (status === 'finished' && time === '') throw new HsbProtocolError('<ReportTime> is empty on a finished report');
  return {
    reportId: requiredLeaf<HsbReportSummary>(r, 'ReportNo'),
    kind: oneOf(REPORT_KINDS, leaf<HsbReportSummary>(r, 'ReportType'), 'ReportType'),
    title: requiredLeaf<HsbReportSummary>(r, 'ReportTitle'),
    visitId: leaf<HsbReportSummary>(r, 'VisitNo'),
    deptName: leaf<HsbReportSummary>(r, 'DeptName'),
    orderedDate: hospitalDay(leaf<HsbReportSummary>(r, 'OrderDate'), 'OrderDate'),
    status,
    reportedAt: status === 'finished' ? wallInstant(time, 'ReportTime') : null,
  };
}

export function toReportSummaries(body: XmlNode): ReportSummary[] {
  return items<QueryReportsResponse>(body, 'Reports', 'Report').map(toReportSummary);
}

function toLabResult(x: XmlNode): LabResult {
  return {
    itemCode: requiredLeaf<HsbLabResult>(x, 'ItemCode'),
    itemName: requiredLeaf<HsbLabResult>(x, 'ItemName'),
    value: leaf<HsbLabResult>(x, 'Value'),
    unit: leaf<HsbLabResult>(x, 'Unit'),
    referenceRange: leaf<HsbLabResult>(x, 'RefRange'),
    flag: oneOf(LAB_FLAGS, leaf<HsbLabResult>(x, 'Flag'), 'Flag'),
    critical: flag(leaf<HsbLabResult>(x, 'Critical'), 'Critical'),
    numeric: flag(leaf<HsbLabResult>(x, 'Numeric'), 'Numeric'),
  };
}

type ReportNode = QueryReportResponse['Report'];

function section(r: XmlNode, tag: 'Exam' | 'Pathology'): XmlNode {
  const s = r[tag];
  if (!isNode(s)) throw new HsbProtocolError(`<${tag}> is missing`);
  return s;
}

/** QueryReport → a finished report with the content of its kind. */
export function toReportDetail(body: XmlNode): ReportDetail {
  const r = body.Report;
  if (!isNode(r)) throw new HsbProtocolError('<Report> is missing');
  const report = toReportSummary(r);
  if (report.status !== 'finished') throw new HsbProtocolError('<Status> of a report answered in full is not 1');
  let content: ReportContent;
  if (report.kind === 'lab') {
    content = { kind: 'lab', specimen: leaf<ReportNode>(r, 'Specimen', true), results: items<ReportNode>(r, 'Results', 'Result').map(toLabResult) };
  } else if (report.kind === 'exam') {
    const e = section(r, 'Exam');
    const tag = (t: 'BodyPart' | 'Method' | 'Findings' | 'Conclusion') => leaf<NonNullable<ReportNode['Exam']>>(e, t);
    content = { kind: 'exam', bodyPart: tag('BodyPart'), method: tag('Method'), findings: tag('Findings'), conclusion: tag('Conclusion') };
  } else {
    const p = section(r, 'Pathology');
    const tag = (t: 'Gross' | 'Microscopic' | 'Diagnosis') => leaf<NonNullable<ReportNode['Pathology']>>(p, t);
    content = { kind: 'pathology', specimen: leaf<ReportNode>(r, 'Specimen', true), gross: tag('Gross'), microscopic: tag('Microscopic'), diagnosis: tag('Diagnosis') };
  }
  return { report, reporter: leaf<ReportNode>(r, 'Reporter', true), reviewer: leaf<ReportNode>(r, 'Reviewer', true), content };
}

function bound(s: string, tag: string): number | null {
  if (s === '') return null;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new HsbProtocolError(`<${tag}> is not a number`);
  return n;
}

/** QueryLabTrend → the item and its points, oldest first. */
export function toLabTrend(body: XmlNode): LabTrend {
  const t = body.Trend;
  if (!isNode(t)) throw new HsbProtocolError('<Trend> is missing');
  type T = QueryLabTrendResponse['Trend'];
  const points = items<QueryLabTrendResponse>(body, 'Points', 'Point').map((p) => {
    const value = bound(leaf<HsbTrendPoint>(p, 'Value'), 'Value');
    if (value === null) throw new HsbProtocolError('<Value> of a trend point is empty');
    return {
      reportId: requiredLeaf<HsbTrendPoint>(p, 'ReportNo'),
      reportedAt: wallInstant(leaf<HsbTrendPoint>(p, 'ReportTime'), 'ReportTime'),
      value,
      flag: oneOf(LAB_FLAGS, leaf<HsbTrendPoint>(p, 'Flag'), 'Flag'),
    };
  });
  return {
    itemCode: requiredLeaf<T>(t, 'ItemCode'),
    itemName: requiredLeaf<T>(t, 'ItemName'),
    unit: leaf<T>(t, 'Unit'),
    referenceRange: leaf<T>(t, 'RefRange'),
    low: bound(leaf<T>(t, 'RefLow', true), 'RefLow'),
    high: bound(leaf<T>(t, 'RefHigh', true), 'RefHigh'),
    points,
  };
}
