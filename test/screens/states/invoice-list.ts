import { fakeAccount } from '../../miniprogram/helpers';
import { INVOICE, ok } from '../../miniprogram/after-visit-helpers';
import type { PageScreens } from '../types';

const DEPOSIT = { ...INVOICE, invoiceId: '330101260000000011', invoiceNumber: '0000000011', checkCode: 'D4E5F6', title: '住院押金', items: [{ category: '住院预交金', amount: 200_000 }], amount: 200_000, issuedAt: '2026-11-28T02:10:00.000Z' };
const NAT = { ...INVOICE, invoiceId: '330101260000000009', invoiceNumber: '0000000009', checkCode: 'C7D8E9', title: '核酸检测', items: [{ category: '化验费', amount: 1600 }], amount: 1600, issuedAt: '2026-11-27T02:40:00.000Z' };

const screens: PageScreens = {
  page: 'packages/invoice/list/index',
  states: [
    { name: 'loading', caption: '电子票据：加载中', cloud: 'pending' },
    { name: 'data', caption: '每笔缴费的电子票据：金额、分类、票据号与校验码', cloud: { handlers: { ...fakeAccount().handlers, 'invoice.list': () => ok({ invoices: [DEPOSIT, NAT, INVOICE] }) } } },
    { name: 'empty', caption: '暂无电子票据', cloud: { handlers: { ...fakeAccount().handlers, 'invoice.list': () => ok({ invoices: [] }) } } },
    { name: 'no-patient', caption: '还没有就诊人', cloud: { handlers: fakeAccount([]).handlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
