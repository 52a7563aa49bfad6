import { ZHANG } from '../../miniprogram/helpers';
import { CURRENT_STAY, fakeWard } from '../../miniprogram/inpatient-helpers';
import type { PageScreens } from '../types';

const query = (date: string) => ({ patientId: ZHANG.patientId, stayId: CURRENT_STAY.stayId, date });
const withEmptyDay = (() => {
  const ward = fakeWard();
  ward.emptyDays.push('2026-11-29');
  return ward.handlers;
})();

const screens: PageScreens = {
  page: 'packages/inpatient/daily/index',
  states: [
    { name: 'loading', caption: '每日清单：加载中', cloud: 'pending', query: query('2026-11-30') },
    { name: 'data', caption: '当天费用：按类别小计和每一项明细，可看前一天', cloud: { handlers: fakeWard().handlers }, query: query('2026-11-30') },
    { name: 'middle-day', caption: '住院中间的一天：前一天、后一天都可看', cloud: { handlers: fakeWard().handlers }, query: query('2026-11-29') },
    { name: 'empty', caption: '当天没有费用', cloud: { handlers: withEmptyDay }, query: query('2026-11-29') },
    { name: 'out-of-stay', caption: '所选日期不在住院期间', cloud: { handlers: fakeWard().handlers }, query: query('2026-12-05') },
    { name: 'error', caption: '网络异常', cloud: 'offline', query: query('2026-11-30') },
  ],
};
export default screens;
