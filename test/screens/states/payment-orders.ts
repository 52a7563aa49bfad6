import { fakePayments, makeOrder, NOW } from '../../miniprogram/payment-helpers';
import type { PageScreens } from '../types';

const iso = (ms: number) => new Date(ms).toISOString();
const orders = [
  makeOrder({ outTradeNo: 'B0003N1', status: 'paid', createdAt: iso(NOW) }),
  makeOrder({ outTradeNo: 'B0002N1', status: 'confirmed', amount: 5500, description: '门诊缴费（1项）', createdAt: iso(NOW - 86_400_000) }),
  makeOrder({ outTradeNo: 'B0001N1', status: 'refunded', amount: 4000, description: '门诊缴费（1项）', createdAt: iso(NOW - 2 * 86_400_000) }),
];

const screens: PageScreens = {
  page: 'packages/payment/orders/index',
  states: [
    { name: 'loading', caption: '我的订单：加载中', cloud: 'pending' },
    { name: 'data', caption: '订单与钱的去向', cloud: { handlers: fakePayments({ orders }).handlers } },
    { name: 'empty', caption: '还没有订单', cloud: { handlers: fakePayments().handlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
