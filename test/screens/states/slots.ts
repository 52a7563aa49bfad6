import { fakeBooking } from '../../miniprogram/booking-helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'pages/slots/index',
  states: [
    { name: 'loading', caption: '号源加载中', cloud: 'pending', query: { scheduleId: 'S4' } },
    { name: 'appointment', caption: '预约挂号：选择就诊时段', cloud: { handlers: fakeBooking().handlers }, query: { scheduleId: 'S4' } },
    { name: 'same-day', caption: '当日挂号：今天的时段', cloud: { handlers: fakeBooking().handlers }, query: { scheduleId: 'S1' } },
    { name: 'error', caption: '网络异常', cloud: 'offline', query: { scheduleId: 'S4' } },
  ],
};
export default screens;
