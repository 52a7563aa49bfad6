/**
 * HSB messages of records and reports (issue 13): the EMR's visits and records, the HIS's
 * prescriptions, and reports from LIS (lab), PACS (exam) and pathology behind one report service.
 * Every request names the patient; a visit or report of another patient answers 1001 as if it did
 * not exist. A report not yet finished answers 2001. Leaves are strings (typings/hsb.ts).
 */

/** A patient's outpatient visits, newest first. */
export interface QueryVisitsRequest {
  PatientId: string;
}
export interface HsbVisitSummary {
  VisitNo: string;
  VisitDate: string;
  DeptName: string;
  DoctorName: string;
  /** The main diagnosis. */
  Diagnosis: string;
}
export interface QueryVisitsResponse {
  Visits: { Visit: HsbVisitSummary[] };
}

/** The outpatient record (EMR) of one visit of the patient. */
export interface QueryVisitRecordRequest {
  PatientId: string;
  VisitNo: string;
}
export interface QueryVisitRecordResponse {
  Record: HsbVisitSummary & {
    ChiefComplaint: string;
    PresentIllness: string;
    PhysicalExam: string;
    Diagnoses: { Diagnosis: string[] };
    Advice: string;
  };
}

/** The prescriptions written at one visit of the patient. */
export interface QueryPrescriptionsRequest {
  PatientId: string;
  VisitNo: string;
}
export interface HsbPrescriptionDrug {
  DrugName: string;
  Spec: string;
  Dose: string;
  Route: string;
  Frequency: string;
  Days: string;
  Quantity: string;
  Unit: string;
}
export interface HsbPrescription {
  PrescriptionNo: string;
  DoctorName: string;
  Drugs: { Drug: HsbPrescriptionDrug[] };
}
export interface QueryPrescriptionsResponse {
  Prescriptions: { Prescription: HsbPrescription[] };
}

/** ReportType: L lab (LIS), E exam (PACS/ECG), P pathology. Status: 0 pending, 1 finished. */
export interface HsbReportSummary {
  ReportNo: string;
  ReportType: 'L' | 'E' | 'P';
  ReportTitle: string;
  VisitNo: string;
  DeptName: string;
  OrderDate: string;
  Status: '0' | '1';
  /** Shanghai wall time; empty while pending. */
  ReportTime: string;
}

/** A patient's reports of every kind, newest order first. */
export interface QueryReportsRequest {
  PatientId: string;
}
export interface QueryReportsResponse {
  Reports: { Report: HsbReportSummary[] };
}

/** Flag: N normal, H high, L low, A abnormal (qualitative). Critical: 1 a critical value. */
export interface HsbLabResult {
  ItemCode: string;
  ItemName: string;
  Value: string;
  Unit: string;
  RefRange: string;
  Flag: 'N' | 'H' | 'L' | 'A';
  Critical: '0' | '1';
  /** 1: a number (trendable). */
  Numeric: '0' | '1';
}

/**
 * One finished report of the patient, with the section of its kind: Results (lab), Exam, or
 * Pathology. Pending → 2001 报告尚未出具; another patient's or unknown → 1001 报告不存在.
 */
export interface QueryReportRequest {
  PatientId: string;
  ReportNo: string;
}
export interface QueryReportResponse {
  Report: HsbReportSummary & {
    Reporter: string;
    Reviewer: string;
    Specimen?: string;
    Results?: { Result: HsbLabResult[] };
    Exam?: { BodyPart: string; Method: string; Findings: string; Conclusion: string };
    Pathology?: { Gross: string; Microscopic: string; Diagnosis: string };
  };
}

/** A numeric lab item's values across the patient's finished reports, oldest first (LIS history). */
export interface QueryLabTrendRequest {
  PatientId: string;
  ItemCode: string;
}
export interface HsbTrendPoint {
  ReportNo: string;
  ReportTime: string;
  Value: string;
  Flag: 'N' | 'H' | 'L' | 'A';
}
export interface QueryLabTrendResponse {
  Trend: { ItemCode: string; ItemName: string; Unit: string; RefRange: string; RefLow: string; RefHigh: string };
  Points: { Point: HsbTrendPoint[] };
}

/** The records services, joined into HsbServices (typings/hsb.ts). */
export interface HsbRecordsServices {
  QueryVisits: { request: QueryVisitsRequest; response: QueryVisitsResponse };
  QueryVisitRecord: { request: QueryVisitRecordRequest; response: QueryVisitRecordResponse };
  QueryPrescriptions: { request: QueryPrescriptionsRequest; response: QueryPrescriptionsResponse };
  QueryReports: { request: QueryReportsRequest; response: QueryReportsResponse };
  QueryReport: { request: QueryReportRequest; response: QueryReportResponse };
  QueryLabTrend: { request: QueryLabTrendRequest; response: QueryLabTrendResponse };
}
