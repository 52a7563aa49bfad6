import { realisticHandlers } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';
import { staleHandlers } from '../stale';

const screens: PageScreens = {
  page: 'pages/department/index',
  states: [
    { name: 'loading', caption: '科室加载中', cloud: 'pending', query: { deptId: '0101' } },
    { name: 'data', caption: '呼吸科：医生与7天排班', cloud: { handlers: realisticHandlers }, query: { deptId: '0101' } },
    { name: 'not-found', caption: '未找到该科室', cloud: { handlers: realisticHandlers }, query: { deptId: 'X9' } },
    { name: 'error', caption: '网络异常', cloud: 'offline', query: { deptId: '0101' } },
    { name: 'stale', caption: '医院系统维护中：排班暂不可约', cloud: { handlers: staleHandlers() }, query: { deptId: '0101' } },
  ],
};
export default screens;
