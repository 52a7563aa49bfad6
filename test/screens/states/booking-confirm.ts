import { fakeBooking } from '../../miniprogram/booking-helpers';
import type { PageScreens } from '../types';

const query = { scheduleId: 'S4', slotId: 'S4-01' };
const noPatients = fakeBooking();
noPatients.handlers = { ...noPatients.handlers, 'patient.list': () => ({ ok: true, data: { patients: [], limit: 5 } }) };

const screens: PageScreens = {
  page: 'pages/booking-confirm/index',
  states: [
    { name: 'loading', caption: '确认预约：加载中', cloud: 'pending', query },
    { name: 'data', caption: '就诊人、时段、费用与预约须知', cloud: { handlers: fakeBooking().handlers }, query },
    { name: 'no-patient', caption: '还没有就诊人：先添加', cloud: { handlers: noPatients.handlers }, query },
    { name: 'slot-gone', caption: '该时段不存在或已被约', cloud: { handlers: fakeBooking().handlers }, query: { scheduleId: 'S4', slotId: 'S4-99' } },
    { name: 'error', caption: '网络异常', cloud: 'offline', query },
  ],
};
export default screens;
