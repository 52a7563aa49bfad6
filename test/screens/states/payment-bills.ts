import { realisticHandlers } from '../../miniprogram/helpers';
import { fakePayments } from '../../miniprogram/payment-helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'packages/payment/bills/index',
  states: [
    { name: 'loading', caption: '门诊缴费：加载中', cloud: 'pending' },
    { name: 'data', caption: '待缴费用按就诊分组，合计与支付', cloud: { handlers: fakePayments().handlers } },
    { name: 'empty', caption: '没有待缴费用', cloud: { handlers: fakePayments({ bills: [] }).handlers } },
    { name: 'no-patient', caption: '还没有就诊人', cloud: { handlers: realisticHandlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
