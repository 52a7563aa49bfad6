/** 就诊记录, 就诊详情, 报告查询, 报告详情 and 指标趋势 (packages/records): what the patient sees and what was called. */
import type { Handlers } from './helpers';
import type { LabResult, LabTrend, ReportDetail, ReportSummary, VisitDetail, VisitSummary } from '../../typings/records';
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import { fakeAccount, find, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, untilText, XIAOBAO, ZHANG, type RecordedCall } from './helpers';

beforeEach(resetWx);

const VISITS = 'packages/records/visits/index';
const VISIT = 'packages/records/visit/index';
const REPORTS = 'packages/records/reports/index';
const REPORT = 'packages/records/report/index';
const TREND = 'packages/records/trend/index';

const VISIT_ROWS: VisitSummary[] = [
  { visitId: 'MZ10000002', visitDate: '2026-11-30', deptName: '呼吸科', doctorName: '王建国', diagnosis: '支气管肺炎' },
  { visitId: 'MZ10000001', visitDate: '2026-11-02', deptName: '消化科', doctorName: '陈晓红', diagnosis: '急性胃肠炎' },
];

const DETAIL: VisitDetail = {
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

const REPORT_ROWS: ReportSummary[] = [
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

const BLOOD: ReportDetail = {
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

const CHEST: ReportDetail = {
  report: REPORT_ROWS[2]!,
  reporter: '吴敏',
  reviewer: '郑涛',
  content: { kind: 'exam', bodyPart: '胸部', method: 'DR正位', findings: '双下肺内带可见斑片状模糊影。', conclusion: '双下肺斑片影，考虑支气管肺炎。' },
};

const WBC_TREND: LabTrend = {
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
function serveRecords(overrides: Handlers = {}): RecordedCall[] {
  const mine = (patientId: string) => patientId === ZHANG.patientId;
  return serveApi({
    ...fakeAccount().handlers,
    'visit.list': ({ patientId }) => ({ ok: true, data: { visits: mine(patientId) ? VISIT_ROWS : [] } }),
    'visit.get': ({ patientId, visitId }) => (mine(patientId) && visitId === DETAIL.visit.visitId ? { ok: true, data: DETAIL } : { ok: false, code: 'NOT_FOUND', message: '就诊记录不存在', field: 'visitId' }),
    'report.list': ({ patientId }) => ({ ok: true, data: { reports: mine(patientId) ? REPORT_ROWS : [] } }),
    'report.get': ({ reportId }) => {
      const found = [BLOOD, CHEST].find((r) => r.report.reportId === reportId);
      return found ? { ok: true, data: found } : { ok: false, code: 'RULE_VIOLATION', message: '报告尚未出具，请出具后再查看', field: 'reportId' };
    },
    'report.trend': ({ itemCode }) => (itemCode === 'WBC' ? { ok: true, data: WBC_TREND } : { ok: false, code: 'NOT_FOUND', message: '暂无该检验项目的结果', field: 'itemCode' }),
    ...overrides,
  });
}

const callsOf = (calls: RecordedCall[], action: string) => calls.filter((c) => c.action === action).map((c) => c.data);
const navigatedTo = () => (mocked(wx.navigateTo).mock.calls.at(-1)?.[0] as { url: string } | undefined)?.url;

describe('就诊记录 packages/records/visits', () => {
  it('lists the current patient’s visits newest first; a visit opens its record', async () => {
    const calls = serveRecords();
    const page = openPage(VISITS);
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'visit.list')).toEqual([{ patientId: ZHANG.patientId }]);
    const rows = page.querySelectorAll('.visit').map((v) => textOf(v));
    expect(rows[0]).toContain('2026-11-30 呼吸科');
    expect(rows[0]).toContain('王建国 · 支气管肺炎');
    expect(rows[1]).toContain('2026-11-02 消化科');
    find(page, '.visit', '.van-cell').dispatchEvent('tap');
    await until(() => navigatedTo() !== undefined);
    expect(navigatedTo()).toBe('/packages/records/visit/index?patientId=P1001&visitId=MZ10000002');
  });

  it('follows the patient switcher, and says when a patient has no visits', async () => {
    wx.setStorageSync(CURRENT_PATIENT_KEY, XIAOBAO.patientId);
    const calls = serveRecords();
    const page = openPage(VISITS);
    await until(() => stateOf(page) === 'empty');
    expect(callsOf(calls, 'visit.list')).toEqual([{ patientId: XIAOBAO.patientId }]);
    expect(textOf(page)).toContain('暂无就诊记录');
    expect(textOf(find(page, '.patient-bar'))).toContain('张*宝');
  });

  it('asks a new account to add a patient first', async () => {
    serveApi(fakeAccount([]).handlers);
    const page = openPage(VISITS);
    await untilText(page, '还没有就诊人，请先添加就诊人');
    tap(page, '.add', '.van-button');
    await until(() => navigatedTo() !== undefined);
    expect(navigatedTo()).toBe('/packages/patient/add/index');
  });

  it('shows the hospital’s failure with 重试', async () => {
    serveRecords({ 'visit.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage(VISITS);
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('医院系统暂时无法连接，请稍后再试');
    serveRecords();
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(page) === 'ready');
  });
});

describe('就诊详情 packages/records/visit', () => {
  it('shows the record’s five parts and each drug with dose, route, frequency, days and quantity', async () => {
    const calls = serveRecords();
    const page = openPage(VISIT, { patientId: 'P1001', visitId: 'MZ10000002' });
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'visit.get')).toEqual([{ patientId: 'P1001', visitId: 'MZ10000002' }]);
    const text = textOf(page);
    expect(text).toContain('2026-11-30 呼吸科 · 王建国');
    expect(textOf(find(page, '.complaint'))).toContain('主诉咳嗽3天，发热2天');
    expect(textOf(find(page, '.illness'))).toContain('现病史');
    expect(textOf(find(page, '.exam'))).toContain('湿啰音');
    expect(textOf(find(page, '.diagnosis'))).toContain('1. 支气管肺炎 2. 急性上呼吸道感染');
    expect(textOf(find(page, '.advice'))).toContain('3天后复诊');
    const drug = textOf(find(page, '.drug'));
    expect(drug).toContain('阿莫西林克拉维酸钾干混悬剂（0.2285g*12袋）');
    expect(drug).toContain('每次1袋 · 口服 · 每日2次 · 7天');
    expect(drug).toContain('×1盒');
    expect(text).not.toContain('本次就诊未开具处方');
  });

  it('says a guessed or foreign visit is not found, with what to do', async () => {
    serveRecords();
    const page = openPage(VISIT, { patientId: 'P1001', visitId: 'MZ99999999' });
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('就诊记录不存在，请返回重新选择');
  });

  it('refuses to load without a visit', async () => {
    const calls = serveRecords();
    const page = openPage(VISIT, {});
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('未指定就诊记录');
    expect(callsOf(calls, 'visit.get')).toEqual([]);
  });
});

describe('报告查询 packages/records/reports', () => {
  it('shows 检验 / 检查 / 病理 tabs with each report’s status; a pending report says so, a finished one opens', async () => {
    const calls = serveRecords();
    const page = openPage(REPORTS);
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'report.list')).toEqual([{ patientId: ZHANG.patientId }]);
    const tabs = find(page, '.tabs');
    expect(tabs.querySelectorAll('.van-tab').map((t) => (t.dom?.textContent ?? '').trim())).toEqual(['检验', '检查', '病理']);
    const labRows = page.querySelectorAll('.report').map((r) => textOf(r));
    expect(labRows.find((r) => r.includes('C反应蛋白'))).toContain('待出报告');
    expect(labRows.find((r) => r.includes('血常规'))).toContain('已出报告');
    expect(labRows.find((r) => r.includes('血常规'))).toContain('出报告 2026-11-30 11:10');

    page.querySelectorAll('.report--pending')[0]?.querySelector('.van-cell')?.dispatchEvent('tap');
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '报告尚未出具，出具后即可查看' });
    expect(mocked(wx.navigateTo)).not.toHaveBeenCalled();

    page.querySelectorAll('.report--finished')[0]?.querySelector('.van-cell')?.dispatchEvent('tap');
    await until(() => navigatedTo() !== undefined);
    expect(navigatedTo()).toBe('/packages/records/report/index?patientId=P1001&reportId=JY10000001');

    // 病理 has none: its tab says so.
    tabs.querySelectorAll('.van-tab')[2]?.dispatchEvent('tap');
    await until(() => page.data.active === 'pathology');
    expect(textOf(page)).toContain('暂无病理报告');
  });

  it('opens on the tab asked for', async () => {
    serveRecords();
    const page = openPage(REPORTS, { kind: 'exam' });
    await until(() => stateOf(page) === 'ready');
    expect(page.data.active).toBe('exam');
  });

  it('shows the hospital’s failure with 重试', async () => {
    serveRecords({ 'report.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage(REPORTS);
    await until(() => stateOf(page) === 'error');
    serveRecords();
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(page) === 'ready');
  });
});

describe('报告详情 packages/records/report', () => {
  it('puts the critical and abnormal results first, said in words and arrows, and a numeric result opens its trend', async () => {
    const calls = serveRecords();
    const page = openPage(REPORT, { patientId: 'P1001', reportId: 'JY10000001' });
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'report.get')).toEqual([{ patientId: 'P1001', reportId: 'JY10000001' }]);
    expect(textOf(page)).toContain('异常 3 项，其中危急值 1 项，请尽快联系医生');
    const rows = page.querySelectorAll('.result').map((r) => textOf(r));
    expect(rows.map((r) => r.slice(0, r.indexOf('参考范围')).trim())).toEqual(['血红蛋白', '白细胞计数', '淋巴细胞百分比', '红细胞计数']);
    expect(rows[0]).toMatch(/52 ↓.*危急.*偏低/);
    expect(rows[0]).toContain('参考范围 112-149 g/L');
    expect(rows[1]).toMatch(/15\.80 ↑.*偏高/);
    expect(rows[2]).toMatch(/18\.0 ↓.*偏低/);
    expect(rows[3]).not.toMatch(/偏高|偏低|危急|↑|↓/);

    page.querySelectorAll('.result')[1]?.querySelector('.van-cell')?.dispatchEvent('tap');
    await until(() => navigatedTo() !== undefined);
    expect(navigatedTo()).toBe('/packages/records/trend/index?patientId=P1001&itemCode=WBC');
  });

  it('shows an exam’s findings and conclusion', async () => {
    serveRecords();
    const page = openPage(REPORT, { patientId: 'P1001', reportId: 'JC10000001' });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(find(page, '.part'))).toContain('检查部位胸部（DR正位）');
    expect(textOf(find(page, '.findings'))).toContain('斑片状模糊影');
    expect(textOf(find(page, '.conclusion'))).toContain('诊断意见双下肺斑片影');
    expect(page.querySelectorAll('.result')).toHaveLength(0);
  });

  it('says a pending report is not out yet', async () => {
    serveRecords();
    const page = openPage(REPORT, { patientId: 'P1001', reportId: 'JY10000002' });
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('报告尚未出具，请出具后再查看');
  });
});

describe('指标趋势 packages/records/trend', () => {
  it('draws each result over the reference band, oldest left, and lists them newest first with words', async () => {
    const calls = serveRecords();
    const page = openPage(TREND, { patientId: 'P1001', itemCode: 'WBC' });
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'report.trend')).toEqual([{ patientId: 'P1001', itemCode: 'WBC' }]);
    expect(textOf(page)).toContain('白细胞计数（×10^9/L）');
    expect(textOf(page)).toContain('参考范围 4.30-11.30，共 2 次结果');
    const points = page.data.points as { x: number; y: number; tone: string }[];
    expect(points.map((p) => [p.x, p.tone])).toEqual([
      [0, 'normal'],
      [100, 'high'],
    ]);
    const band = page.data.band as { top: number; height: number };
    expect(points[1]!.y).toBeLessThan(band.top);
    expect(page.querySelectorAll('.chart__point')).toHaveLength(2);
    const rows = page.querySelectorAll('.row').map((r) => textOf(r));
    expect(rows[0]).toMatch(/2026-11-30.*15\.8 ×10\^9\/L ↑.*偏高/);
    expect(rows[1]).toContain('2026-10-02');
  });

  it('says when the item has no results', async () => {
    serveRecords();
    const page = openPage(TREND, { patientId: 'P1001', itemCode: 'ALT' });
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('暂无该检验项目的结果');
  });
});

it('keeps nothing clinical in the mini program’s storage', async () => {
  const stored = jest.spyOn(wx, 'setStorageSync');
  serveRecords();
  for (const [path, query] of [
    [VISITS, {}],
    [VISIT, { patientId: 'P1001', visitId: 'MZ10000002' }],
    [REPORTS, {}],
    [REPORT, { patientId: 'P1001', reportId: 'JY10000001' }],
    [TREND, { patientId: 'P1001', itemCode: 'WBC' }],
  ] as const) {
    const page = openPage(path, query);
    await until(() => stateOf(page) === 'ready');
  }
  const written = JSON.stringify(stored.mock.calls);
  for (const clinical of ['支气管肺炎', '咳嗽', '阿莫西林', '白细胞', '15.8', '斑片']) expect(written).not.toContain(clinical);
});

it('我的 leads to 就诊记录 and 报告查询', async () => {
  serveRecords();
  const page = openPage('pages/me/index');
  await untilText(page, '报告查询');
  tap(page, '.visits', '.van-cell');
  tap(page, '.reports', '.van-cell');
  await until(() => mocked(wx.navigateTo).mock.calls.length === 2);
  expect(mocked(wx.navigateTo).mock.calls.map(([options]) => (options as { url: string }).url)).toEqual(['/packages/records/visits/index', '/packages/records/reports/index']);
});
