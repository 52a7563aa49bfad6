import { recordsHandlers, WBC_TREND } from '../../miniprogram/records-helpers';
import { ZHANG } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const query = { patientId: ZHANG.patientId, itemCode: WBC_TREND.itemCode };
const LONGER = {
  ...WBC_TREND,
  points: [
    { reportId: 'JY08000001', reportedAt: '2026-08-12T02:00:00.000Z', value: 3.9, flag: 'low' as const },
    { reportId: 'JY09000001', reportedAt: '2026-10-02T02:00:00.000Z', value: 7.2, flag: 'normal' as const },
    { reportId: 'JY09500001', reportedAt: '2026-11-02T02:00:00.000Z', value: 10.6, flag: 'normal' as const },
    ...WBC_TREND.points.slice(1),
  ],
};

const screens: PageScreens = {
  page: 'packages/records/trend/index',
  states: [
    { name: 'loading', caption: '指标趋势：加载中', cloud: 'pending', query },
    { name: 'data', caption: '两次结果画在参考范围带上，最近的偏高', cloud: { handlers: recordsHandlers() }, query },
    { name: 'many', caption: '偏低、正常、偏高都有的四次结果', cloud: { handlers: recordsHandlers({ 'report.trend': () => ({ ok: true, data: LONGER }) }) }, query },
    { name: 'no-results', caption: '暂无该检验项目的结果', cloud: { handlers: recordsHandlers() }, query: { patientId: ZHANG.patientId, itemCode: 'ALT' } },
    { name: 'error', caption: '网络异常', cloud: 'offline', query },
  ],
};
export default screens;
