import { fakeAccount, LI, realisticHandlers, XIAOBAO, ZHANG } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'packages/patient/list/index',
  states: [
    { name: 'loading', caption: '就诊人管理：加载中', cloud: 'pending' },
    { name: 'data', caption: '三位就诊人，默认在前', cloud: { handlers: fakeAccount([ZHANG, XIAOBAO, LI]).handlers } },
    { name: 'empty', caption: '还没有就诊人', cloud: { handlers: realisticHandlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
