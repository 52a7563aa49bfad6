/** Turning records and reports into what the records pages render; pure, shared by the subpackage's pages. */
import type { LabResult, LabTrend, ReportSummary, VisitDetail, VisitSummary } from '../../../typings/records';
import { abnormalFirst, labMark, REPORT_KINDS, REPORT_STATUS_LABELS, trendChart, type ChartBand, type ChartPoint, type LabMark } from '../../core/records';
import { formatHospital } from '../../core/time';

export const VISIT_URL = '/packages/records/visit/index';
export const REPORT_URL = '/packages/records/report/index';
export const TREND_URL = '/packages/records/trend/index';
export const ADD_PATIENT_URL = '/packages/patient/add/index';

/** A visit as a row of 就诊记录. */
export interface VisitRow {
  visitId: string;
  title: string;
  label: string;
}

export function visitRows(visits: readonly VisitSummary[]): VisitRow[] {
  return visits.map((v) => ({ visitId: v.visitId, title: `${v.visitDate} ${v.deptName}`, label: `${v.doctorName} · ${v.diagnosis}` }));
}

/** One line of a prescription: the drug, then how it is taken. */
export interface PrescriptionRow {
  key: string;
  title: string;
  usage: string;
  amount: string;
}

export function visitView(detail: VisitDetail) {
  const { visit, record } = detail;
  return {
    heading: `${visit.visitDate} ${visit.deptName} · ${visit.doctorName}`,
    record: [
      { key: 'complaint', title: '主诉', text: record.chiefComplaint },
      { key: 'illness', title: '现病史', text: record.presentIllness },
      { key: 'exam', title: '体格检查', text: record.physicalExam },
      { key: 'diagnosis', title: '诊断', text: record.diagnoses.map((d, i) => `${i + 1}. ${d}`).join('  ') },
      { key: 'advice', title: '处理意见', text: record.advice },
    ],
    prescriptions: detail.prescriptions.map((p) => ({
      prescriptionId: p.prescriptionId,
      title: `处方 ${p.prescriptionId} · ${p.doctorName}`,
      rows: p.items.map<PrescriptionRow>((item, i) => ({
        key: `${p.prescriptionId}-${i}`,
        title: item.spec ? `${item.drugName}（${item.spec}）` : item.drugName,
        usage: `每次${item.dose} · ${item.route} · ${item.frequency} · ${item.days}天`,
        amount: `×${item.quantity}${item.unit}`,
      })),
    })),
  };
}

/** A report as a row of 报告查询. */
export interface ReportRow {
  reportId: string;
  title: string;
  label: string;
  statusText: string;
  finished: boolean;
}

/** 报告查询's tabs, each with its reports (the hospital's order: newest first). */
export function reportTabs(reports: readonly ReportSummary[]) {
  return REPORT_KINDS.map(({ kind, title }) => ({
    kind,
    title,
    reports: reports
      .filter((r) => r.kind === kind)
      .map<ReportRow>((r) => ({
        reportId: r.reportId,
        title: r.title,
        label: r.reportedAt !== null ? `${r.deptName} · 出报告 ${formatHospital(Date.parse(r.reportedAt), 'YYYY-MM-DD HH:mm')}` : `${r.deptName} · 开单 ${r.orderedDate}`,
        statusText: REPORT_STATUS_LABELS[r.status],
        finished: r.status === 'finished',
      })),
  }));
}

/** A lab result as the report shows it: value with arrow and word, unit, range. */
export interface ResultRow extends LabMark {
  itemCode: string;
  name: string;
  value: string;
  unit: string;
  range: string;
  numeric: boolean;
}

export function resultRows(results: readonly LabResult[]): ResultRow[] {
  return abnormalFirst(results).map((r) => ({
    ...labMark(r),
    itemCode: r.itemCode,
    name: r.itemName,
    value: r.value,
    unit: r.unit,
    range: r.referenceRange,
    numeric: r.numeric,
  }));
}

/** A trend as the trend page draws and lists it. */
export function trendView(trend: LabTrend): {
  title: string;
  range: string;
  points: (ChartPoint & { key: string; tone: string })[];
  band: ChartBand | null;
  rows: { key: string; date: string; value: string; word: string; arrow: string; tone: string }[];
} {
  const chart = trendChart(trend.points.map((p) => p.value), trend.low, trend.high);
  const marks = trend.points.map((p) => labMark({ flag: p.flag, critical: false }));
  return {
    title: trend.unit ? `${trend.itemName}（${trend.unit}）` : trend.itemName,
    range: trend.referenceRange,
    points: chart.points.map((p, i) => ({ ...p, key: trend.points[i]?.reportId ?? String(i), tone: marks[i]?.tone ?? 'normal' })),
    band: chart.band,
    // Newest first in the list, as patients read it; the chart runs oldest → newest.
    rows: trend.points
      .map((p, i) => ({
        key: p.reportId,
        date: formatHospital(Date.parse(p.reportedAt), 'YYYY-MM-DD'),
        value: `${p.value}${trend.unit ? ` ${trend.unit}` : ''}`,
        word: marks[i]?.word ?? '',
        arrow: marks[i]?.arrow ?? '',
        tone: marks[i]?.tone ?? 'normal',
      }))
      .reverse(),
  };
}
