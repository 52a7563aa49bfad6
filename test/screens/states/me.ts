import { fakeAccount } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'pages/me/index',
  states: [
    { name: 'loading', caption: '我的：加载中', cloud: 'pending' },
    { name: 'data', caption: '就诊人、预约挂号、订单、长辈模式、联系医院', cloud: { handlers: fakeAccount().handlers } },
    { name: 'error', caption: '网络异常（长辈模式开关仍可用）', cloud: 'offline' },
  ],
};
export default screens;
