import { realisticHandlers } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'pages/departments/index',
  states: [
    { name: 'loading', caption: '科室导航加载中', cloud: 'pending' },
    { name: 'data', caption: '按大科分组的科室，可搜索', cloud: { handlers: realisticHandlers } },
    { name: 'empty', caption: '医院尚未公布科室', cloud: { handlers: { ...realisticHandlers, 'dept.list': () => ({ ok: true, data: { groups: [] } }) } } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
