import { realisticHandlers } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'pages/doctors/index',
  states: [
    { name: 'loading', caption: '找医生：加载中', cloud: 'pending' },
    { name: 'data', caption: '全院医生，可按姓名、科室、擅长搜索', cloud: { handlers: realisticHandlers } },
    { name: 'empty', caption: '医院尚未公布科室与医生', cloud: { handlers: { ...realisticHandlers, 'dept.list': () => ({ ok: true, data: { groups: [] } }) } } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
