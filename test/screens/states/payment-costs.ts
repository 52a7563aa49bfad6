import { realisticHandlers } from '../../miniprogram/helpers';
import { fakePayments } from '../../miniprogram/payment-helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'packages/payment/costs/index',
  states: [
    { name: 'loading', caption: '费用查询：加载中', cloud: 'pending' },
    { name: 'data', caption: '按就诊列出的费用明细', cloud: { handlers: fakePayments().handlers } },
    { name: 'empty', caption: '没有费用记录', cloud: { handlers: fakePayments({ costs: [] }).handlers } },
    { name: 'no-patient', caption: '还没有就诊人', cloud: { handlers: realisticHandlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
