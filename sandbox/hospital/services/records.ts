/**
 * Records and reports services (typings/hsb-records.ts): the EMR's visits and records, the HIS's
 * prescriptions, and one report gateway in front of LIS, PACS and pathology. Every request names the
 * patient; another patient's visit or report answers 1001 exactly like one that does not exist.
 */
import type {
  HsbLabResult,
  HsbReportSummary,
  QueryLabTrendRequest,
  QueryLabTrendResponse,
  QueryPrescriptionsRequest,
  QueryPrescriptionsResponse,
  QueryReportRequest,
  QueryReportResponse,
  QueryReportsRequest,
  QueryReportsResponse,
  QueryVisitRecordRequest,
  QueryVisitRecordResponse,
  QueryVisitsRequest,
  QueryVisitsResponse,
  HsbPrescription,
} from '../../../typings/hsb-records';
import { CODE_PATTERN } from '../../../miniprogram/core/validate';
import { findPatient } from '../patients';
import type { ReportKind } from '../records';
import type { ReportRow, ResultRow, VisitSummaryRow } from '../record-reads';
import { labTrend, patientReport, patientReports, patientVisits, reportResults, visitPrescriptionItems, visitRecord } from '../record-reads';
import type { ServiceHandler } from './context';
import { ok, readParams, refuse } from './context';

const PATIENT_ID = { type: 'string', label: '患者编号', required: true, pattern: CODE_PATTERN } as const;
const VISIT_NO = { type: 'string', label: '就诊流水号', required: true, pattern: CODE_PATTERN } as const;
const REPORT_NO = { type: 'string', label: '报告单号', required: true, pattern: CODE_PATTERN } as const;
const ITEM_CODE = { type: 'string', label: '检验项目代码', required: true, pattern: /^[A-Za-z0-9%#_-]{1,20}$/ } as const;

/** The refusals a patient may meet; 1001 for another patient's record too, so a guessed number tells nothing. */
export const VISIT_NOT_FOUND = '就诊记录不存在';
export const REPORT_NOT_FOUND = '报告不存在';
export const REPORT_PENDING = '报告尚未出具，请出具后再查看';

const REPORT_TYPES: Record<ReportKind, HsbReportSummary['ReportType']> = { lab: 'L', exam: 'E', pathology: 'P' };

function diagnosesOf(row: VisitSummaryRow): string[] {
  return JSON.parse(row.diagnoses) as string[];
}

function toVisit(row: VisitSummaryRow) {
  return { VisitNo: row.visitNo, VisitDate: row.visitDate, DeptName: row.deptName, DoctorName: row.doctorName, Diagnosis: diagnosesOf(row)[0] ?? '' };
}

function toReportSummary(row: ReportRow): HsbReportSummary {
  return {
    ReportNo: row.reportNo,
    ReportType: REPORT_TYPES[row.kind],
    ReportTitle: row.title,
    VisitNo: row.visitNo,
    DeptName: row.deptName,
    OrderDate: row.orderDate,
    Status: row.status === 1 ? '1' : '0',
    ReportTime: row.reportedAt ?? '',
  };
}

function toResult(row: ResultRow): HsbLabResult {
  return {
    ItemCode: row.itemCode,
    ItemName: row.itemName,
    Value: row.value,
    Unit: row.unit,
    RefRange: row.refRange,
    Flag: row.flag,
    Critical: row.critical === 1 ? '1' : '0',
    Numeric: row.numericValue === null ? '0' : '1',
  };
}

export const queryVisits: ServiceHandler<QueryVisitsResponse> = (body, { db }) => {
  const params = readParams<QueryVisitsRequest>({ PatientId: PATIENT_ID }, body);
  if (!params.ok) return params.refusal;
  const { PatientId } = params.value;
  if (findPatient(db, PatientId) === undefined) return refuse('1001', '患者不存在');
  return ok({ Visits: { Visit: patientVisits(db, PatientId).map(toVisit) } });
};

export const queryVisitRecord: ServiceHandler<QueryVisitRecordResponse> = (body, { db }) => {
  const params = readParams<QueryVisitRecordRequest>({ PatientId: PATIENT_ID, VisitNo: VISIT_NO }, body);
  if (!params.ok) return params.refusal;
  const { PatientId, VisitNo } = params.value;
  if (findPatient(db, PatientId) === undefined) return refuse('1001', '患者不存在');
  const row = visitRecord(db, PatientId, VisitNo);
  if (row === undefined) return refuse('1001', VISIT_NOT_FOUND);
  return ok({
    Record: {
      ...toVisit(row),
      ChiefComplaint: row.chiefComplaint,
      PresentIllness: row.presentIllness,
      PhysicalExam: row.physicalExam,
      Diagnoses: { Diagnosis: diagnosesOf(row) },
      Advice: row.advice,
    },
  });
};

export const queryPrescriptions: ServiceHandler<QueryPrescriptionsResponse> = (body, { db }) => {
  const params = readParams<QueryPrescriptionsRequest>({ PatientId: PATIENT_ID, VisitNo: VISIT_NO }, body);
  if (!params.ok) return params.refusal;
  const { PatientId, VisitNo } = params.value;
  if (findPatient(db, PatientId) === undefined) return refuse('1001', '患者不存在');
  if (visitRecord(db, PatientId, VisitNo) === undefined) return refuse('1001', VISIT_NOT_FOUND);
  const prescriptions = new Map<string, HsbPrescription>();
  for (const item of visitPrescriptionItems(db, PatientId, VisitNo)) {
    let p = prescriptions.get(item.prescriptionNo);
    if (p === undefined) {
      p = { PrescriptionNo: item.prescriptionNo, DoctorName: item.doctorName, Drugs: { Drug: [] } };
      prescriptions.set(item.prescriptionNo, p);
    }
    p.Drugs.Drug.push({
      DrugName: item.drugName,
      Spec: item.spec,
      Dose: item.dose,
      Route: item.route,
      Frequency: item.frequency,
      Days: String(item.days),
      Quantity: String(item.quantity),
      Unit: item.unit,
    });
  }
  return ok({ Prescriptions: { Prescription: [...prescriptions.values()] } });
};

export const queryReports: ServiceHandler<QueryReportsResponse> = (body, { db }) => {
  const params = readParams<QueryReportsRequest>({ PatientId: PATIENT_ID }, body);
  if (!params.ok) return params.refusal;
  const { PatientId } = params.value;
  if (findPatient(db, PatientId) === undefined) return refuse('1001', '患者不存在');
  return ok({ Reports: { Report: patientReports(db, PatientId).map(toReportSummary) } });
};

export const queryReport: ServiceHandler<QueryReportResponse> = (body, { db }) => {
  const params = readParams<QueryReportRequest>({ PatientId: PATIENT_ID, ReportNo: REPORT_NO }, body);
  if (!params.ok) return params.refusal;
  const { PatientId, ReportNo } = params.value;
  if (findPatient(db, PatientId) === undefined) return refuse('1001', '患者不存在');
  const row = patientReport(db, PatientId, ReportNo);
  if (row === undefined) return refuse('1001', REPORT_NOT_FOUND);
  if (row.status !== 1) return refuse('2001', REPORT_PENDING);
  const report: QueryReportResponse['Report'] = { ...toReportSummary(row), Reporter: row.reporter ?? '', Reviewer: row.reviewer ?? '' };
  if (row.kind === 'lab') {
    report.Specimen = row.specimen ?? '';
    report.Results = { Result: reportResults(db, ReportNo).map(toResult) };
  } else if (row.kind === 'exam') {
    report.Exam = { BodyPart: row.bodyPart ?? '', Method: row.method ?? '', Findings: row.findings ?? '', Conclusion: row.conclusion ?? '' };
  } else {
    report.Specimen = row.specimen ?? '';
    report.Pathology = { Gross: row.gross ?? '', Microscopic: row.microscopic ?? '', Diagnosis: row.diagnosis ?? '' };
  }
  return ok({ Report: report });
};

export const queryLabTrend: ServiceHandler<QueryLabTrendResponse> = (body, { db }) => {
  const params = readParams<QueryLabTrendRequest>({ PatientId: PATIENT_ID, ItemCode: ITEM_CODE }, body);
  if (!params.ok) return params.refusal;
  const { PatientId, ItemCode } = params.value;
  if (findPatient(db, PatientId) === undefined) return refuse('1001', '患者不存在');
  const rows = labTrend(db, PatientId, ItemCode);
  const latest = rows[rows.length - 1];
  // The patient has no finished numeric result of this item: nothing to show, and nothing said about others.
  if (latest === undefined) return refuse('1001', '暂无该检验项目的结果');
  return ok({
    Trend: {
      ItemCode,
      ItemName: latest.itemName,
      Unit: latest.unit,
      RefRange: latest.refRange,
      RefLow: latest.refLow === null ? '' : String(latest.refLow),
      RefHigh: latest.refHigh === null ? '' : String(latest.refHigh),
    },
    Points: { Point: rows.map((r) => ({ ReportNo: r.reportNo, ReportTime: r.reportedAt, Value: r.value, Flag: r.flag })) },
  });
};
