/**
 * 住院服务 page helpers: a ward behind the fake api (the account's bound stays, binding by 住院号,
 * daily lists, deposit orders in the shared fake ledger), as the cloud would answer.
 */
import type { DailyList, StayView } from '../../typings/inpatient';
import { subtotalsByCategory } from '../../miniprogram/core/inpatient';
import { ZHANG, type Handlers } from './helpers';
import { fakePayments, makeOrder, PAYMENT, type FakePayments } from './payment-helpers';

export const CURRENT_STAY: StayView = {
  stayId: 'ZY10000002',
  admissionNo: '30000002',
  patientId: ZHANG.patientId,
  deptName: '呼吸科',
  wardName: '呼吸科病区',
  wardLocation: '住院楼6楼东',
  bedNo: '12',
  doctorName: '王建国',
  status: 'in-hospital',
  admittedAt: '2026-11-28T01:30:00.000Z',
  dischargedAt: null,
  settledAt: null,
  deposits: 200_000,
  charges: 125_050,
  balance: 74_950,
  settlement: null,
  lowBalanceThreshold: 100_000,
  lowBalance: true,
  canDeposit: true,
  firstDate: '2026-11-28',
  lastDate: '2026-11-30',
};

export const PAST_STAY: StayView = {
  ...CURRENT_STAY,
  stayId: 'ZY10000001',
  admissionNo: '30000001',
  deptName: '消化科',
  wardName: '消化科病区',
  status: 'discharged',
  admittedAt: '2026-05-02T02:00:00.000Z',
  dischargedAt: '2026-05-06T03:00:00.000Z',
  settledAt: '2026-05-06T03:00:00.000Z',
  deposits: 300_000,
  charges: 268_800,
  balance: 31_200,
  settlement: 31_200,
  lowBalance: false,
  canDeposit: false,
  firstDate: '2026-05-02',
  lastDate: '2026-05-06',
};

/** A day's list as the hospital would send it (bed, nursing, a drug given twice, a lab test). */
export function dayList(stayId: string, date: string): DailyList {
  const items: DailyList['items'] = [
    { category: 'bed', name: '床位费', spec: '普通病房', quantity: 1, unit: '日', unitPrice: 4500, amount: 4500 },
    { category: 'nursing', name: '一级护理', spec: '儿科', quantity: 1, unit: '日', unitPrice: 3600, amount: 3600 },
    { category: 'drug', name: '注射用头孢曲松钠', spec: '1g', quantity: 2, unit: '支', unitPrice: 1280, amount: 2560 },
    { category: 'lab', name: '血常规', spec: '五分类', quantity: 1, unit: '次', unitPrice: 2000, amount: 2000 },
  ];
  return { stayId, date, items, subtotals: subtotalsByCategory(items), total: items.reduce((s, i) => s + i.amount, 0) };
}

export interface FakeWard {
  payments: FakePayments;
  /** Bound stays per patient. */
  stays: Record<string, StayView[]>;
  /** Stays the hospital has that are not bound yet, by 住院号. */
  unbound: Record<string, StayView>;
  /** Days without charges. */
  emptyDays: string[];
  handlers: Handlers;
}

export function fakeWard(options: { stays?: StayView[]; unbound?: StayView[] } = {}): FakeWard {
  const payments = fakePayments();
  const ward: FakeWard = {
    payments,
    stays: { [ZHANG.patientId]: (options.stays ?? [CURRENT_STAY, PAST_STAY]).map((s) => ({ ...s })) },
    unbound: Object.fromEntries((options.unbound ?? []).map((s) => [s.admissionNo, { ...s }])),
    emptyDays: [],
    handlers: {},
  };
  const forbidden = { ok: false as const, code: 'FORBIDDEN' as const, message: '无权访问该住院记录', field: 'stayId' };
  const find = (patientId: string, stayId: string) => (ward.stays[patientId] ?? []).find((s) => s.stayId === stayId);
  ward.handlers = {
    ...payments.handlers,
    'inpatient.list': ({ patientId }) => ({ ok: true, data: { stays: (ward.stays[patientId] ?? []).map((s) => ({ ...s })) } }),
    'inpatient.bind': ({ patientId, admissionNo }) => {
      const stay = ward.unbound[admissionNo];
      if (!stay || stay.patientId !== patientId) return { ok: false, code: 'NOT_FOUND', message: '未找到该住院记录，请核对住院号', field: 'admissionNo' };
      ward.stays[patientId] = [stay, ...(ward.stays[patientId] ?? [])];
      delete ward.unbound[admissionNo];
      return { ok: true, data: { stay: { ...stay } } };
    },
    'inpatient.daily': ({ patientId, stayId, date }) => {
      const stay = find(patientId, stayId);
      if (!stay) return forbidden;
      if (date < stay.firstDate || date > stay.lastDate) return { ok: false, code: 'RULE_VIOLATION', message: '所选日期不在住院期间', field: 'date' };
      const list = dayList(stayId, date);
      return { ok: true, data: { ...(ward.emptyDays.includes(date) ? { ...list, items: [], subtotals: [], total: 0 } : list), stay: { ...stay } } };
    },
    'inpatient.deposit': ({ patientId, stayId, amount }) => {
      const stay = find(patientId, stayId);
      if (!stay) return forbidden;
      if (!stay.canDeposit) return { ok: false, code: 'RULE_VIOLATION', message: '该住院已出院或正在办理出院结算，押金请到住院处办理', field: 'stayId' };
      const order = makeOrder({ outTradeNo: `Z${String(payments.orders.length + 1).padStart(4, '0')}N1`, kind: 'inpatient-deposit', patientId, description: '住院押金', amount, createdAt: new Date(Date.now()).toISOString() });
      payments.orders.unshift(order);
      return { ok: true, data: { order: { ...order }, payment: PAYMENT } };
    },
  };
  return ward;
}
