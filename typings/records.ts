/**
 * Records and reports (issue 13): the outpatient visit, its record and prescriptions, and lab, exam
 * and pathology reports, as the front machine answers them and the `api` actions pass them on. The
 * most sensitive data the app shows: fetched live for one request, never stored, never logged.
 */
import type { HospitalDate } from './hospital';

/** One outpatient visit (门诊就诊) in a patient's list. */
export interface VisitSummary {
  visitId: string;
  visitDate: HospitalDate;
  deptName: string;
  doctorName: string;
  /** The first diagnosis, the visit's headline. */
  diagnosis: string;
}

/** The outpatient record (门诊病历) a doctor wrote at the visit. */
export interface OutpatientRecord {
  /** 主诉 */
  chiefComplaint: string;
  /** 现病史 */
  presentIllness: string;
  /** 体格检查 */
  physicalExam: string;
  /** 诊断, the main one first. */
  diagnoses: string[];
  /** 处理意见 */
  advice: string;
}

/** One drug of a prescription, with how the child takes it. */
export interface PrescriptionItem {
  drugName: string;
  /** e.g. 100ml:2g */
  spec: string;
  /** Single dose, e.g. 5ml */
  dose: string;
  /** e.g. 口服, 雾化吸入 */
  route: string;
  /** e.g. 每日3次 */
  frequency: string;
  days: number;
  quantity: number;
  unit: string;
}

/** A prescription (处方) written at a visit. */
export interface Prescription {
  prescriptionId: string;
  doctorName: string;
  items: PrescriptionItem[];
}

/** `visit.get`: the visit, its record and its prescriptions. */
export interface VisitDetail {
  visit: VisitSummary;
  record: OutpatientRecord;
  prescriptions: Prescription[];
}

/** 检验 (LIS), 检查 (PACS, ECG), 病理. */
export type ReportKind = 'lab' | 'exam' | 'pathology';

/** pending: ordered (and maybe paid), not yet reported; finished: 已出报告. */
export type ReportStatus = 'pending' | 'finished';

/** A report in the patient's list. */
export interface ReportSummary {
  reportId: string;
  kind: ReportKind;
  /** e.g. 血常规, 胸部正位片, 体表肿物病理检查 */
  title: string;
  visitId: string;
  deptName: string;
  /** The day it was ordered (the visit's date). */
  orderedDate: HospitalDate;
  status: ReportStatus;
  /** ISO instant; null while pending. */
  reportedAt: string | null;
}

/** How a lab value stands against its reference range (qualitative results: abnormal). */
export type LabFlag = 'normal' | 'high' | 'low' | 'abnormal';

/** One item of a lab report. */
export interface LabResult {
  /** The LIS's item code, stable across reports (the trend's key), e.g. WBC. */
  itemCode: string;
  itemName: string;
  /** As the lab wrote it: "12.60", "阴性". */
  value: string;
  unit: string;
  /** As printed, e.g. "4.30-11.30" or "阴性". */
  referenceRange: string;
  flag: LabFlag;
  /** A critical value (危急值): the lab phones the doctor; the app says so in words. */
  critical: boolean;
  /** Numeric results only: a trend can be drawn. */
  numeric: boolean;
}

/** What a finished report says, by kind. */
export type ReportContent =
  | { kind: 'lab'; specimen: string; results: LabResult[] }
  | { kind: 'exam'; bodyPart: string; method: string; findings: string; conclusion: string }
  | { kind: 'pathology'; specimen: string; gross: string; microscopic: string; diagnosis: string };

/** `report.get`: a finished report (a pending one is refused with RULE_VIOLATION 报告尚未出具). */
export interface ReportDetail {
  report: ReportSummary;
  /** 报告医生 / 审核医生 */
  reporter: string;
  reviewer: string;
  content: ReportContent;
}

/** One point of a lab item's trend. */
export interface TrendPoint {
  reportId: string;
  /** ISO instant the report was finished. */
  reportedAt: string;
  value: number;
  flag: LabFlag;
}

/** A lab item's values across the patient's finished reports, oldest first. */
export interface LabTrend {
  itemCode: string;
  itemName: string;
  unit: string;
  referenceRange: string;
  /** Numeric bounds of the range, for drawing; null where the range is open. */
  low: number | null;
  high: number | null;
  points: TrendPoint[];
}

// ---- the api actions' requests and responses ---------------------------------------------------

export interface VisitListRequest {
  patientId: string;
}
export interface VisitListResponse {
  visits: VisitSummary[];
}
export interface VisitGetRequest {
  patientId: string;
  visitId: string;
}
export type VisitGetResponse = VisitDetail;
export interface ReportListRequest {
  patientId: string;
}
export interface ReportListResponse {
  reports: ReportSummary[];
}
export interface ReportGetRequest {
  patientId: string;
  reportId: string;
}
export type ReportGetResponse = ReportDetail;
export interface ReportTrendRequest {
  patientId: string;
  itemCode: string;
}
export type ReportTrendResponse = LabTrend;
