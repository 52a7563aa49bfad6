import { fakeBooking, registration } from '../../miniprogram/booking-helpers';
import { find } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const TODAY = registration();
const VISITED = registration({ registrationId: 'R0900', date: '2026-11-20', status: 'visited', statusLabel: '已就诊', source: 'take-number', queueNo: 5, canRefund: false });
const cloud = { handlers: fakeBooking({ registrations: [TODAY, VISITED] }).handlers };

const screens: PageScreens = {
  page: 'packages/booking/registrations/index',
  states: [
    { name: 'loading', caption: '我的挂号：加载中', cloud: 'pending' },
    { name: 'data', caption: '今天的挂号（可退号、排队叫号）与已就诊', cloud },
    { name: 'confirm-refund', caption: '退号前的确认', cloud, act: async (page) => find(page, `.refund-${TODAY.registrationId}`, '.van-button').dispatchEvent('tap') },
    { name: 'empty', caption: '还没有挂号', cloud: { handlers: fakeBooking().handlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
