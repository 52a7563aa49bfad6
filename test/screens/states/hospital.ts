import { realisticHandlers } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'pages/hospital/index',
  states: [
    { name: 'loading', caption: '医院信息加载中', cloud: 'pending' },
    { name: 'data', caption: '医院概况与科室导航', cloud: { handlers: realisticHandlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
