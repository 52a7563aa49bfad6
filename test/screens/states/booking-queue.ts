import { fakeBooking } from '../../miniprogram/booking-helpers';
import type { PageScreens } from '../types';
import { fakeAccount } from '../../miniprogram/helpers';

// From 我的挂号 the queue page knows the registration's patient, whose check-in code it shows.
const query = { registrationId: 'R1001', patientId: 'P1001' };
const notCheckedIn = fakeBooking();
notCheckedIn.queue = { ...notCheckedIn.queue, state: 'not-checked-in', currentNo: 0, ahead: 0 };
const called = fakeBooking();
called.queue = { ...called.queue, state: 'called', currentNo: 12, ahead: 0 };

const screens: PageScreens = {
  page: 'packages/booking/queue/index',
  states: [
    { name: 'loading', caption: '排队叫号：加载中', cloud: 'pending', query },
    { name: 'waiting', caption: '候诊：您的号码、当前叫号、前面人数', cloud: { handlers: { ...fakeAccount().handlers, ...fakeBooking().handlers } }, query },
    { name: 'not-checked-in', caption: '尚未签到：就诊人的就诊码', cloud: { handlers: { ...fakeAccount().handlers, ...notCheckedIn.handlers } }, query },
    { name: 'called', caption: '轮到您了', cloud: { handlers: called.handlers }, query },
    { name: 'error', caption: '网络异常', cloud: 'offline', query },
  ],
};
export default screens;
