import { realisticHandlers } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';
import { staleHandlers } from '../stale';

const screens: PageScreens = {
  page: 'pages/hospital/index',
  states: [
    { name: 'loading', caption: '医院信息加载中', cloud: 'pending' },
    { name: 'data', caption: '医院概况与科室导航', cloud: { handlers: realisticHandlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
    { name: 'stale', caption: '医院系统维护中：上次的信息与提示', cloud: { handlers: staleHandlers() } },
  ],
};
export default screens;
