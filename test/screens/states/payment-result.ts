import { fakePayments, makeOrder } from '../../miniprogram/payment-helpers';
import type { PageScreens } from '../types';

const orders = [
  makeOrder({ outTradeNo: 'B0001N1', status: 'paid' }),
  makeOrder({ outTradeNo: 'B0002N1', status: 'confirmed' }),
  makeOrder({ outTradeNo: 'B0003N1', status: 'refunded' }),
  makeOrder({ outTradeNo: 'B0004N1', status: 'created' }),
];
const cloud = { handlers: fakePayments({ orders }).handlers };

const screens: PageScreens = {
  page: 'packages/payment/result/index',
  states: [
    { name: 'loading', caption: '支付结果：查询中', cloud: 'pending', query: { outTradeNo: 'B0001N1' } },
    { name: 'confirming', caption: '已支付，正在向医院确认', cloud, query: { outTradeNo: 'B0001N1', outcome: 'paid' } },
    { name: 'done', caption: '缴费完成', cloud, query: { outTradeNo: 'B0002N1' } },
    { name: 'refunded', caption: '已退款', cloud, query: { outTradeNo: 'B0003N1' } },
    { name: 'unpaid', caption: '未支付：继续支付', cloud, query: { outTradeNo: 'B0004N1', outcome: 'cancelled' } },
    { name: 'not-found', caption: '未找到该订单', cloud, query: { outTradeNo: 'B9999N1' } },
    { name: 'error', caption: '网络异常', cloud: 'offline', query: { outTradeNo: 'B0001N1' } },
  ],
};
export default screens;
