/** 就诊记录, 就诊详情, 报告查询, 报告详情 and 指标趋势 (packages/records): what the patient sees and what was called. */
import type { Handlers } from './helpers';
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import { fakeAccount, find, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, untilText, XIAOBAO, ZHANG, type RecordedCall } from './helpers';
import { recordsHandlers } from './records-helpers';

beforeEach(resetWx);

const VISITS = 'packages/records/visits/index';
const VISIT = 'packages/records/visit/index';
const REPORTS = 'packages/records/reports/index';
const REPORT = 'packages/records/report/index';
const TREND = 'packages/records/trend/index';

/** The account (张*明 and 张*宝) with 张*明's records behind the fake api; 张*宝 has none. */
function serveRecords(overrides: Handlers = {}): RecordedCall[] {
  return serveApi(recordsHandlers(overrides));
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
