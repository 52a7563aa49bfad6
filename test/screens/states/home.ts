import { fakeAccount, realisticHandlers } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';
import { staleHandlers, withNotice } from '../stale';

const screens: PageScreens = {
  page: 'pages/home/index',
  states: [
    { name: 'loading', caption: '首页加载中', cloud: 'pending' },
    { name: 'data', caption: '当前就诊人与就诊码、便民服务', cloud: { handlers: fakeAccount().handlers } },
    { name: 'new-account', caption: '新用户：还没有就诊人', cloud: { handlers: realisticHandlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
    { name: 'notice', caption: '医院公告', cloud: { handlers: { ...fakeAccount().handlers, 'hospital.info': withNotice['hospital.info'] } } },
    { name: 'stale', caption: '医院系统维护中', cloud: { handlers: staleHandlers(fakeAccount().handlers) } },
  ],
};
export default screens;
