import { BIOPSY, BLOOD, CHEST, recordsHandlers, REPORT_ROWS } from '../../miniprogram/records-helpers';
import { ZHANG } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const cloud = { handlers: recordsHandlers() };
const query = (reportId: string) => ({ patientId: ZHANG.patientId, reportId });

const screens: PageScreens = {
  page: 'packages/records/report/index',
  states: [
    { name: 'loading', caption: '报告详情：加载中', cloud: 'pending', query: query(BLOOD.report.reportId) },
    { name: 'data', caption: '检验报告：危急值与异常结果在前，文字和箭头标明', cloud, query: query(BLOOD.report.reportId) },
    {
      name: 'all-normal',
      caption: '检验报告：全部结果在参考范围内',
      cloud: { handlers: recordsHandlers({ 'report.get': () => ({ ok: true, data: { ...BLOOD, content: { kind: 'lab', specimen: '末梢血', results: BLOOD.content.kind === 'lab' ? BLOOD.content.results.map((r) => ({ ...r, flag: 'normal', critical: false })) : [] } } }) }) },
      query: query(BLOOD.report.reportId),
    },
    { name: 'exam', caption: '检查报告：检查所见与诊断意见', cloud, query: query(CHEST.report.reportId) },
    { name: 'pathology', caption: '病理报告：标本、所见与病理诊断', cloud, query: query(BIOPSY.report.reportId) },
    { name: 'pending', caption: '报告尚未出具', cloud, query: query(REPORT_ROWS[0]!.reportId) },
    { name: 'error', caption: '网络异常', cloud: 'offline', query: query(BLOOD.report.reportId) },
  ],
};
export default screens;
