import { realisticHandlers } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'packages/hospital/intro/index',
  states: [
    { name: 'loading', caption: '医院介绍加载中', cloud: 'pending' },
    { name: 'data', caption: '医院介绍、门诊时间、交通', cloud: { handlers: realisticHandlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
