import { DETAIL, recordsHandlers } from '../../miniprogram/records-helpers';
import { ZHANG } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const query = { patientId: ZHANG.patientId, visitId: DETAIL.visit.visitId };

const screens: PageScreens = {
  page: 'packages/records/visit/index',
  states: [
    { name: 'loading', caption: '就诊详情：加载中', cloud: 'pending', query },
    { name: 'data', caption: '门诊病历五项与处方用法', cloud: { handlers: recordsHandlers() }, query },
    {
      name: 'no-prescription',
      caption: '本次就诊未开具处方',
      cloud: { handlers: recordsHandlers({ 'visit.get': () => ({ ok: true, data: { ...DETAIL, prescriptions: [] } }) }) },
      query,
    },
    { name: 'not-found', caption: '就诊记录不存在（他人的或猜测的编号）', cloud: { handlers: recordsHandlers() }, query: { patientId: ZHANG.patientId, visitId: 'MZ99999999' } },
    { name: 'error', caption: '网络异常', cloud: 'offline', query },
  ],
};
export default screens;
