import { find, XIAOBAO } from '../../miniprogram/helpers';
import { recordsHandlers } from '../../miniprogram/records-helpers';
import { CURRENT_PATIENT_KEY } from '../../../miniprogram/services/patients';
import type { PageScreens } from '../types';

const cloud = { handlers: recordsHandlers() };

const screens: PageScreens = {
  page: 'packages/records/reports/index',
  states: [
    { name: 'loading', caption: '报告查询：加载中', cloud: 'pending' },
    { name: 'data', caption: '检验报告：待出报告与已出报告', cloud },
    { name: 'exam', caption: '从链接打开在检查标签', cloud, query: { kind: 'exam' } },
    { name: 'pathology-empty', caption: '病理标签下暂无报告', cloud, act: async (page) => find(page, '.tabs').querySelectorAll('.van-tab')[2]?.dispatchEvent('tap') },
    { name: 'empty', caption: '切换到没有报告的就诊人', cloud, storage: { [CURRENT_PATIENT_KEY]: XIAOBAO.patientId } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
