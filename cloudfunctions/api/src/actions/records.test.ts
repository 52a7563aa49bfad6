/**
 * The records actions in the router: the patient the router resolved goes to the front machine
 * with every id, ill-shaped ids and other accounts never reach it, the hospital's refusals pass
 * through with their field, and nothing clinical lands in the account document or the log.
 */
import type { ReportDetail, VisitDetail } from '../../../../typings/records';
import { AppError } from '../../../../miniprogram/core/errors';
import { idCard } from '../../../../test/records/support';
import { dataOf, harness, type Harness } from '../../../testing/harness';

const DETAIL: VisitDetail = {
  visit: { visitId: 'MZ10000001', visitDate: '2026-03-09', deptName: '呼吸科', doctorName: '王建国', diagnosis: '支气管肺炎' },
  record: { chiefComplaint: '咳嗽3天，发热2天', presentIllness: '阵发性连声咳，体温最高39.2℃', physicalExam: '双肺可闻及细湿啰音', diagnoses: ['支气管肺炎'], advice: '3天后复诊' },
  prescriptions: [{ prescriptionId: 'CF10000001', doctorName: '王建国', items: [{ drugName: '阿莫西林克拉维酸钾干混悬剂', spec: '0.2285g*12袋', dose: '1袋', route: '口服', frequency: '每日2次', days: 7, quantity: 1, unit: '盒' }] }],
};
const REPORT: ReportDetail = {
  report: { reportId: 'JY10000001', kind: 'lab', title: '血常规', visitId: 'MZ10000001', deptName: '呼吸科', orderedDate: '2026-03-09', status: 'finished', reportedAt: '2026-03-09T03:00:00.000Z' },
  reporter: '刘芳',
  reviewer: '周强',
  content: { kind: 'lab', specimen: '末梢血', results: [{ itemCode: 'WBC', itemName: '白细胞计数', value: '15.80', unit: '×10^9/L', referenceRange: '4.30-11.30', flag: 'high', critical: false, numeric: true }] },
};
const CLINICAL = ['支气管肺炎', '咳嗽3天', '细湿啰音', '阿莫西林', '白细胞计数', '15.80', '末梢血'];

let h: Harness;
let patientId: string;

beforeEach(async () => {
  h = harness({
    answers: {
      'visit.list': () => ({ visits: [DETAIL.visit] }),
      'visit.get': ({ visitId }) => {
        if (visitId !== DETAIL.visit.visitId) throw new AppError('NOT_FOUND', '就诊记录不存在', 'visitId');
        return DETAIL;
      },
      'report.list': () => ({ reports: [REPORT.report] }),
      'report.get': ({ reportId }) => {
        if (reportId === 'JY10000002') throw new AppError('RULE_VIOLATION', '报告尚未出具，请出具后再查看', 'reportId');
        return REPORT;
      },
      'report.trend': ({ itemCode }) => ({ itemCode, itemName: '白细胞计数', unit: '×10^9/L', referenceRange: '4.30-11.30', low: 4.3, high: 11.3, points: [{ reportId: 'JY10000001', reportedAt: '2026-03-09T03:00:00.000Z', value: 15.8, flag: 'high' }] }),
    },
  });
  patientId = dataOf<{ patientId: string }>(await h.bind('o-parent', { name: '陈建国', idCardNo: idCard('19860214', 571), phone: '13812345678', relation: '本人' })).patientId;
  h.fm.calls.length = 0;
});

test('each action asks the front machine for the resolved patient and answers what the hospital said', async () => {
  expect(await h.call('o-parent', 'visit.list', { patientId })).toEqual({ ok: true, data: { visits: [DETAIL.visit] } });
  expect(await h.call('o-parent', 'visit.get', { patientId, visitId: 'MZ10000001' })).toEqual({ ok: true, data: DETAIL });
  expect(await h.call('o-parent', 'report.list', { patientId })).toMatchObject({ ok: true, data: { reports: [REPORT.report] } });
  expect(await h.call('o-parent', 'report.get', { patientId, reportId: 'JY10000001' })).toEqual({ ok: true, data: REPORT });
  expect(await h.call('o-parent', 'report.trend', { patientId, itemCode: 'WBC' })).toMatchObject({ ok: true, data: { points: [{ value: 15.8 }] } });
  expect(h.fm.calls.map((c) => [c.op, c.req])).toEqual([
    ['visit.list', { patientId }],
    ['visit.get', { patientId, visitId: 'MZ10000001' }],
    ['report.list', { patientId }],
    ['report.get', { patientId, reportId: 'JY10000001' }],
    ['report.trend', { patientId, itemCode: 'WBC' }],
  ]);

  // Nothing clinical in the account document or in any log line.
  const stored = JSON.stringify(await h.raw('o-parent'));
  const logged = h.lines.join('\n');
  expect(logged).toContain('visit.get');
  for (const s of CLINICAL) {
    expect(stored).not.toContain(s);
    expect(logged).not.toContain(s);
  }
});

test('refusals: the hospital’s with their field, ill-shaped ids and other accounts before any hospital call', async () => {
  expect(await h.call('o-parent', 'visit.get', { patientId, visitId: 'MZ99999999' })).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'visitId' });
  expect(await h.call('o-parent', 'report.get', { patientId, reportId: 'JY10000002' })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'reportId', message: '报告尚未出具，请出具后再查看' });
  const before = h.fm.calls.length;
  for (const [action, data, field] of [
    ['visit.get', { patientId, visitId: 'MZ 1' }, 'visitId'],
    ['visit.get', { patientId, visitId: 'M'.repeat(41) }, 'visitId'],
    ['report.get', { patientId, reportId: '../JY1' }, 'reportId'],
    ['report.get', { patientId, reportId: 42 }, 'reportId'],
    ['report.trend', { patientId, itemCode: '' }, 'itemCode'],
    ['report.trend', { patientId, itemCode: 'WBC<script>' }, 'itemCode'],
  ] as const) {
    expect(await h.call('o-parent', action, data)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field });
  }
  for (const [action, data] of [
    ['visit.list', { patientId }],
    ['visit.get', { patientId, visitId: 'MZ10000001' }],
    ['report.list', { patientId }],
    ['report.get', { patientId, reportId: 'JY10000001' }],
    ['report.trend', { patientId, itemCode: 'WBC' }],
  ] as const) {
    expect(await h.call('o-stranger', action, data)).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'patientId' });
  }
  expect(h.fm.calls.length).toBe(before);
});
