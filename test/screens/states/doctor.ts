import { realisticHandlers } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'pages/doctor/index',
  states: [
    { name: 'loading', caption: '医生主页加载中', cloud: 'pending', query: { doctorId: 'D0101' } },
    { name: 'data', caption: '医生简介与出诊时间', cloud: { handlers: realisticHandlers }, query: { doctorId: 'D0101' } },
    { name: 'not-found', caption: '未找到该医生', cloud: { handlers: realisticHandlers }, query: { doctorId: 'D9999' } },
    { name: 'error', caption: '网络异常', cloud: 'offline', query: { doctorId: 'D0101' } },
  ],
};
export default screens;
