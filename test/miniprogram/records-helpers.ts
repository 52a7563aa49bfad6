/** 就诊记录 and 报告 page helpers: 张*明's visits, reports and a lab item's trend behind the fake api, as the cloud would answer. */
import type { LabResult, LabTrend, ReportDetail, ReportSummary, VisitDetail, VisitSummary } from '../../typings/records';
import { fakeAccount, ZHANG, type Handlers } from './helpers';

export const VISIT_ROWS: VisitSummary[] = [
  { visitId: 'MZ10000002', visitDate: '2026-11-30', deptName: '呼吸科', doctorName: '王建国', diagnosis: '支气管肺炎' },
  { visitId: 'MZ10000001', visitDate: '2026-11-02', deptName: '消化科', doctorName: '陈晓红', diagnosis: '急性胃肠炎' },
];

export const DETAIL: VisitDetail = {
  visit: VISIT_ROWS[0]!,
  record: {
    chiefComplaint: '咳嗽3天，发热2天',
    presentIllness: '患儿3天前出现咳嗽，呈阵发性连声咳，2天前出现发热，体温最高39.2℃。',
    physicalExam: '双肺呼吸音粗，可闻及散在中细湿啰音。',
    diagnoses: ['支气管肺炎', '急性上呼吸道感染'],
    advice: '按时服用抗生素，3天后复诊。',
  },
  prescriptions: [
    {
      prescriptionId: 'CF10000001',
      doctorName: '王建国',
      items: [{ drugName: '阿莫西林克拉维酸钾干混悬剂', spec: '0.2285g*12袋', dose: '1袋', route: '口服', frequency: '每日2次', days: 7, quantity: 1, unit: '盒' }],
    },
  ],
};

export const REPORT_ROWS: ReportSummary[] = [
  { reportId: 'JY10000002', kind: 'lab', title: 'C反应蛋白', visitId: 'MZ10000002', deptName: '呼吸科', orderedDate: '2026-11-30', status: 'pending', reportedAt: null },
  { reportId: 'JY10000001', kind: 'lab', title: '血常规', visitId: 'MZ10000002', deptName: '呼吸科', orderedDate: '2026-11-30', status: 'finished', reportedAt: '2026-11-30T03:10:00.000Z' },
  { reportId: 'JC10000001', kind: 'exam', title: '胸部正位片', visitId: 'MZ10000002', deptName: '呼吸科', orderedDate: '2026-11-30', status: 'finished', reportedAt: '2026-11-30T04:00:00.000Z' },
];

const result = (r: Partial<LabResult> & Pick<LabResult, 'itemCode' | 'itemName' | 'value'>): LabResult => ({
  unit: '×10^9/L',
  referenceRange: '4.30-11.30',
  flag: 'normal',
  critical: false,
  numeric: true,
  ...r,
});

export const BLOOD: ReportDetail = {
  report: REPORT_ROWS[1]!,
  reporter: '刘芳',
  reviewer: '周强',
  content: {
    kind: 'lab',
    specimen: '末梢血',
    results: [
      result({ itemCode: 'RBC', itemName: '红细胞计数', value: '4.60', unit: '×10^12/L', referenceRange: '4.00-5.50' }),
      result({ itemCode: 'WBC', itemName: '白细胞计数', value: '15.80', flag: 'high' }),
      result({ itemCode: 'HGB', itemName: '血红蛋白', value: '52', unit: 'g/L', referenceRange: '112-149', flag: 'low', critical: true }),
      result({ itemCode: 'LYMPH%', itemName: '淋巴细胞百分比', value: '18.0', unit: '%', referenceRange: '23.0-59.0', flag: 'low' }),
    ],
  },
};

export const CHEST: ReportDetail = {
  report: REPORT_ROWS[2]!,
  reporter: '吴敏',
  reviewer: '郑涛',
  content: { kind: 'exam', bodyPart: '胸部', method: 'DR正位', findings: '双下肺内带可见斑片状模糊影。', conclusion: '双下肺斑片影，考虑支气管肺炎。' },
};

/** A pathology report, reachable by its id (the list above has none, so its tab stays empty). */
export const BIOPSY: ReportDetail = {
  report: { reportId: 'BL10000001', kind: 'pathology', title: '淋巴结活检', visitId: 'MZ10000001', deptName: '普外科', orderedDate: '2026-11-02', status: 'finished', reportedAt: '2026-11-06T07:30:00.000Z' },
  reporter: '孙立',
  reviewer: '何静',
  content: {
    kind: 'pathology',
    specimen: '左颈部淋巴结，1枚',
    gross: '灰红色组织一块，大小1.5×1.0×0.8cm，切面灰白，质中。',
    microscopic: '淋巴结结构存在，淋巴滤泡增生，生发中心扩大，未见肿瘤细胞。',
    diagnosis: '（左颈部）淋巴结反应性增生。',
  },
};

export const WBC_TREND: LabTrend = {
  itemCode: 'WBC',
  itemName: '白细胞计数',
  unit: '×10^9/L',
  referenceRange: '4.30-11.30',
  low: 4.3,
  high: 11.3,
  points: [
    { reportId: 'JY09000001', reportedAt: '2026-10-02T02:00:00.000Z', value: 7.2, flag: 'normal' },
    { reportId: 'JY10000001', reportedAt: '2026-11-30T03:10:00.000Z', value: 15.8, flag: 'high' },
  ],
};

/** The account (张*明 and 张*宝) with 张*明's records behind the fake api; 张*宝 has none. */
export function recordsHandlers(overrides: Handlers = {}): Handlers {
  const mine = (patientId: string) => patientId === ZHANG.patientId;
  return {
    ...fakeAccount().handlers,
    'visit.list': ({ patientId }) => ({ ok: true, data: { visits: mine(patientId) ? VISIT_ROWS : [] } }),
    'visit.get': ({ patientId, visitId }) => (mine(patientId) && visitId === DETAIL.visit.visitId ? { ok: true, data: DETAIL } : { ok: false, code: 'NOT_FOUND', message: '就诊记录不存在', field: 'visitId' }),
    'report.list': ({ patientId }) => ({ ok: true, data: { reports: mine(patientId) ? REPORT_ROWS : [] } }),
    'report.get': ({ reportId }) => {
      const found = [BLOOD, CHEST, BIOPSY].find((r) => r.report.reportId === reportId);
      return found ? { ok: true, data: found } : { ok: false, code: 'RULE_VIOLATION', message: '报告尚未出具，请出具后再查看', field: 'reportId' };
    },
    'report.trend': ({ itemCode }) => (itemCode === 'WBC' ? { ok: true, data: WBC_TREND } : { ok: false, code: 'NOT_FOUND', message: '暂无该检验项目的结果', field: 'itemCode' }),
    ...overrides,
  };
}

