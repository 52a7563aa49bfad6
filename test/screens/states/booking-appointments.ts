import { appointment, fakeBooking } from '../../miniprogram/booking-helpers';
import { find } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const LATER = appointment();
const TODAY = appointment({
  appointmentId: 'A1002',
  scheduleId: 'S1',
  slotId: 'S1-10',
  doctorName: '王建国',
  title: '主任医师',
  date: '2026-11-30',
  startTime: '10:00',
  endTime: '10:15',
  fee: 5000,
  cancelDeadline: '2026-11-29T16:00:00.000Z',
  canCancel: false,
  takeNumber: { opensAt: '2026-11-29T23:00:00.000Z', closesAt: '2026-11-30T02:00:00.000Z', canTakeNow: true },
});
const CANCELLED = appointment({ appointmentId: 'A0900', date: '2026-11-23', status: 'cancelled', statusLabel: '已取消', canCancel: false });
const cloud = { handlers: fakeBooking({ appointments: [LATER, TODAY, CANCELLED] }).handlers };

const screens: PageScreens = {
  page: 'packages/booking/appointments/index',
  states: [
    { name: 'loading', caption: '我的预约：加载中', cloud: 'pending' },
    { name: 'data', caption: '今天可取号、之后可取消、已取消', cloud },
    { name: 'confirm-cancel', caption: '取消预约前的确认', cloud, act: async (page) => find(page, `.cancel-${LATER.appointmentId}`, '.van-button').dispatchEvent('tap') },
    { name: 'empty', caption: '还没有预约', cloud: { handlers: fakeBooking().handlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
