import { fakeAccount } from '../../miniprogram/helpers';
import { ok, SURVEY } from '../../miniprogram/after-visit-helpers';
import type { PageScreens } from '../types';

const SECOND = { ...SURVEY, surveyId: 'MY10000002', visitId: 'MZ10000002', visitDate: '2026-11-29', deptName: '儿童保健科', doctorName: '陈晓红', deadline: '2026-12-06T15:59:59.000Z' };

const screens: PageScreens = {
  page: 'packages/survey/list/index',
  states: [
    { name: 'loading', caption: '满意度调查：加载中', cloud: 'pending' },
    { name: 'data', caption: '待评价的就诊，各有截止日期', cloud: { handlers: { ...fakeAccount().handlers, 'survey.pending': () => ok({ surveys: [SECOND, SURVEY] }) } } },
    { name: 'empty', caption: '暂无待评价的就诊', cloud: { handlers: { ...fakeAccount().handlers, 'survey.pending': () => ok({ surveys: [] }) } } },
    { name: 'no-patient', caption: '还没有就诊人', cloud: { handlers: fakeAccount([]).handlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
