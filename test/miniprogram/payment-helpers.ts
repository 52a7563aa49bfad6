/**
 * Payment page helpers: an account's pending bills, orders and costs behind the fake api (as the
 * cloud would keep them), WeChat's pay side for local mode (`POST /sandbox/pay`), and the pay sheet.
 */
import type { Bill, CostVisit, OrderStatus, OrderView, WxPaymentParams } from '../../typings/payment';
import { ORDER_STATUS_LABELS } from '../../miniprogram/core/orders';
import { fakeAccount, mocked, serveApi, XIAOBAO, ZHANG, type Handlers, type RecordedCall } from './helpers';

const ZHANG_VISIT = { visitDate: '2026-11-30', deptName: '呼吸科', doctorName: '王建国' };
const EARLIER_VISIT = { visitDate: '2026-11-28', deptName: '消化科', doctorName: '陈晓红' };

/** 张*明's pending bills: the earlier visit is listed first, as a hospital may send them. */
export const BILLS: Bill[] = [
  {
    billId: 'B2001',
    visitId: 'V1002',
    ...EARLIER_VISIT,
    category: 'treatment',
    title: '治疗费',
    items: [{ name: '小儿推拿', spec: '30分钟', quantity: 1, unit: '次', unitPrice: 4000, amount: 4000 }],
    amount: 4000,
  },
  {
    billId: 'B1001',
    visitId: 'V1001',
    ...ZHANG_VISIT,
    category: 'drug',
    title: '西药费',
    items: [
      { name: '阿莫西林颗粒', spec: '0.125g*12袋', quantity: 2, unit: '盒', unitPrice: 1850, amount: 3700 },
      { name: '布地奈德混悬液', spec: '1mg:2ml*5支', quantity: 5, unit: '支', unitPrice: 1620, amount: 8100 },
    ],
    amount: 11800,
  },
  {
    billId: 'B1002',
    visitId: 'V1001',
    ...ZHANG_VISIT,
    category: 'lab',
    title: '检验费',
    items: [
      { name: '血常规（五分类）', spec: '静脉血', quantity: 1, unit: '次', unitPrice: 2500, amount: 2500 },
      { name: 'C反应蛋白', spec: '静脉血', quantity: 1, unit: '次', unitPrice: 3000, amount: 3000 },
    ],
    amount: 5500,
  },
  {
    billId: 'B1003',
    visitId: 'V1001',
    ...ZHANG_VISIT,
    category: 'exam',
    title: '检查费',
    items: [{ name: '胸部正位X线', spec: 'DR', quantity: 1, unit: '次', unitPrice: 8000, amount: 8000 }],
    amount: 8000,
  },
];

export const COSTS: CostVisit[] = [
  {
    visitId: 'V0900',
    visitDate: '2026-11-20',
    deptName: '皮肤科',
    doctorName: '孙丽',
    total: 6800,
    paid: 6800,
    pending: 0,
    bills: [{ billId: 'B0901', title: '西药费', category: 'drug', amount: 6800, status: 'paid', receiptNo: 'R20261120001' }],
  },
  {
    visitId: 'V1001',
    ...ZHANG_VISIT,
    total: 30300,
    paid: 5000,
    pending: 25300,
    bills: [
      { billId: 'B1000', title: '挂号费', category: 'treatment', amount: 5000, status: 'paid', receiptNo: 'R20261130007' },
      { billId: 'B1001', title: '西药费', category: 'drug', amount: 11800, status: 'pending', receiptNo: null },
      { billId: 'B1002', title: '检验费', category: 'lab', amount: 5500, status: 'pending', receiptNo: null },
      { billId: 'B1003', title: '检查费', category: 'exam', amount: 8000, status: 'pending', receiptNo: null },
    ],
  },
];

export const PAYMENT: WxPaymentParams = {
  timeStamp: '1764464400',
  nonceStr: 'n0nce5tr1ng',
  package: 'prepay_id=wx30090000000000000000000000000000',
  signType: 'MD5',
  paySign: '0CB01533B8C1EF103065174F50BCA001',
};

/** The account's money behind the fake api: bills per patient, the ledger, costs per patient. */
export interface FakePayments {
  bills: Record<string, Bill[]>;
  orders: OrderView[];
  costs: Record<string, CostVisit[]>;
  handlers: Handlers;
  /** Moves an order on, as payNotify, the hospital and the janitor would. */
  settle(outTradeNo: string, status: OrderStatus, extra?: Partial<OrderView>): void;
  order(outTradeNo: string): OrderView;
}

/** The instant the fake clock of these tests starts at: 2026-11-30 09:00 in Shanghai. */
export const NOW = Date.parse('2026-11-30T01:00:00Z');

export function makeOrder(partial: Partial<OrderView> & Pick<OrderView, 'outTradeNo'>): OrderView {
  const createdAt = partial.createdAt ?? new Date(NOW).toISOString();
  const status = partial.status ?? 'created';
  return {
    kind: 'outpatient-bill',
    patientId: ZHANG.patientId,
    patientName: ZHANG.name,
    description: '门诊缴费（3项）',
    amount: 25300,
    status,
    statusLabel: ORDER_STATUS_LABELS[status],
    createdAt,
    expiresAt: new Date(Date.parse(createdAt) + 15 * 60_000).toISOString(),
    paidAt: null,
    confirmedAt: null,
    receiptNo: null,
    refundAmount: null,
    refundedAt: null,
    history: [{ from: null, to: 'created', at: createdAt, cause: 'bill.pay' }],
    ...partial,
  };
}

export function fakePayments(options: { bills?: Bill[]; orders?: OrderView[]; costs?: CostVisit[] } = {}): FakePayments {
  const account = fakeAccount();
  const payments: FakePayments = {
    bills: { [ZHANG.patientId]: (options.bills ?? BILLS).map((b) => ({ ...b })), [XIAOBAO.patientId]: [] },
    orders: (options.orders ?? []).map((o) => ({ ...o })),
    costs: { [ZHANG.patientId]: options.costs ?? COSTS, [XIAOBAO.patientId]: [] },
    handlers: {},
    order(outTradeNo) {
      const order = payments.orders.find((o) => o.outTradeNo === outTradeNo);
      if (!order) throw new Error(`no order ${outTradeNo}`);
      return order;
    },
    settle(outTradeNo, status, extra = {}) {
      const order = payments.order(outTradeNo);
      const at = new Date(Date.now()).toISOString();
      order.history = [...order.history, { from: order.status, to: status, at, cause: 'test' }];
      Object.assign(order, { status, statusLabel: ORDER_STATUS_LABELS[status] }, extra);
    },
  };
  const forbidden = { ok: false as const, code: 'FORBIDDEN' as const, message: '无权访问该就诊人' };
  payments.handlers = {
    ...account.handlers,
    'bill.list': ({ patientId }) => {
      const bills = payments.bills[patientId];
      if (!bills) return forbidden;
      return { ok: true, data: { bills: bills.map((b) => ({ ...b })), total: bills.reduce((s, b) => s + b.amount, 0) } };
    },
    'bill.pay': ({ patientId, billIds }) => {
      const pending = payments.bills[patientId];
      if (!pending) return forbidden;
      const chosen = billIds.map((id) => pending.find((b) => b.billId === id));
      if (chosen.some((b) => b === undefined)) return { ok: false, code: 'RULE_VIOLATION', message: '所选费用已缴或已变更，请刷新后重新选择', field: 'billIds' };
      const key = [...billIds].sort().join(',');
      const open = payments.orders.find((o) => o.status === 'created' && (o as OrderView & { billKey?: string }).billKey === key);
      if (open) return { ok: true, data: { order: { ...open }, payment: PAYMENT } };
      const order = makeOrder({
        outTradeNo: `B${String(payments.orders.length + 1).padStart(4, '0')}N1`,
        patientId,
        description: `门诊缴费（${billIds.length}项）`,
        amount: chosen.reduce((s, b) => s + (b?.amount ?? 0), 0),
        createdAt: new Date(Date.now()).toISOString(),
      });
      Object.assign(order, { billKey: key });
      payments.orders.unshift(order);
      return { ok: true, data: { order: { ...order }, payment: PAYMENT } };
    },
    'order.get': ({ outTradeNo }) => {
      const order = payments.orders.find((o) => o.outTradeNo === outTradeNo);
      return order ? { ok: true, data: { ...order } } : { ok: false, code: 'NOT_FOUND', message: '未找到该订单', field: 'outTradeNo' };
    },
    'order.list': () => ({ ok: true, data: { orders: payments.orders.map((o) => ({ ...o })) } }),
    'cost.list': ({ patientId }) => {
      const visits = payments.costs[patientId];
      return visits ? { ok: true, data: { visits } } : forbidden;
    },
  };
  return payments;
}

interface RequestOptions {
  url: string;
  method?: string;
  data: unknown;
  header: Record<string, string>;
  success?: (response: { statusCode: number; data: unknown }) => void;
  fail?: (error: { errMsg: string }) => void;
}

/** One `POST /sandbox/pay` the mini program made (local mode: the patient paying). */
export interface SandboxPayCall {
  url: string;
  method: string | undefined;
  data: unknown;
}

/**
 * Serves the api with `handlers` and plays WeChat's pay side at `/sandbox/pay`: the order turns
 * paid (its callback would follow); an unknown or non-payable order answers 404/409 like the host.
 */
export function servePayments(payments: FakePayments, handlers: Handlers = payments.handlers): { calls: RecordedCall[]; sandbox: SandboxPayCall[] } {
  const calls = serveApi(handlers);
  const api = mocked(wx.request).getMockImplementation() as (options: RequestOptions) => unknown;
  const sandbox: SandboxPayCall[] = [];
  mocked(wx.request).mockImplementation((options: RequestOptions) => {
    if (!options.url.endsWith('/sandbox/pay')) return api(options);
    sandbox.push({ url: options.url, method: options.method, data: options.data });
    const { outTradeNo } = options.data as { outTradeNo: string };
    const order = payments.orders.find((o) => o.outTradeNo === outTradeNo);
    let response: { statusCode: number; data: unknown };
    if (!order) response = { statusCode: 404, data: { code: 'NOT_FOUND', message: '订单不存在' } };
    else if (order.status !== 'created') response = { statusCode: 409, data: { code: 'CLOSED', message: '订单已关闭，无法支付' } };
    else {
      payments.settle(outTradeNo, 'paid', { paidAt: new Date(Date.now()).toISOString() });
      response = { statusCode: 200, data: { outTradeNo, tradeState: 'SUCCESS', totalFee: order.amount } };
    }
    setTimeout(() => options.success?.(response), 0);
    return { abort: () => undefined };
  });
  return { calls, sandbox };
}

/** The local pay sheet (a modal): the patient confirms or cancels. */
export function answerPaySheet(answer: 'confirm' | 'cancel'): void {
  mocked(wx.showModal).mockImplementation((options: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => {
    setTimeout(() => options.success?.({ confirm: answer === 'confirm', cancel: answer === 'cancel' }), 0);
  });
}

/** The api calls of one action, as the cloud received their data. */
export function callsOf(calls: RecordedCall[], action: RecordedCall['action']): unknown[] {
  return calls.filter((c) => c.action === action).map((c) => c.data);
}
