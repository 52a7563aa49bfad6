/**
 * How bills, orders and costs read on screen, and the result page's polling rhythm. Pure functions,
 * no wx: amounts stay integers in fen until formatFen writes them for the patient.
 */
import type { Fen } from '../../typings/hospital';
import type { Bill, BillCategory, CostVisit, OrderStatus, OrderView } from '../../typings/payment';
import type { Failure } from '../../typings/result';
import { sumFen } from '../core/money';
import { isFinalOrderStatus } from '../core/orders';
import { formatHospital, weekdayLabel } from '../core/time';
import { formatFen, patientMessage } from './format';

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'default';

/** What each category's tag says. */
export const BILL_CATEGORY_LABELS: Record<BillCategory, string> = {
  drug: '药品',
  exam: '检查',
  lab: '检验',
  treatment: '治疗',
};

const CATEGORY_TAG_TYPES: Record<BillCategory, TagType> = {
  drug: 'primary',
  exam: 'success',
  lab: 'warning',
  treatment: 'default',
};

/** One line of a bill's detail: `阿莫西林颗粒 0.125g*12袋`, `2盒 × 18.50元`. */
export interface BillItemView {
  name: string;
  spec: string;
  quantityText: string;
  amountText: string;
}

/** One bill as its checkbox row shows it. */
export interface BillView {
  billId: string;
  title: string;
  categoryLabel: string;
  tagType: TagType;
  amountText: string;
  itemCount: number;
  items: BillItemView[];
}

/** The bills of one visit, under its date, department and doctor. */
export interface VisitBillsView {
  visitId: string;
  /** `2026-11-30 周一` */
  dateText: string;
  deptName: string;
  doctorName: string;
  bills: BillView[];
}

function billView(bill: Bill): BillView {
  return {
    billId: bill.billId,
    title: bill.title,
    categoryLabel: BILL_CATEGORY_LABELS[bill.category],
    tagType: CATEGORY_TAG_TYPES[bill.category],
    amountText: formatFen(bill.amount),
    itemCount: bill.items.length,
    items: bill.items.map((item) => ({
      name: item.name,
      spec: item.spec,
      quantityText: `${item.quantity}${item.unit} × ${formatFen(item.unitPrice)}`,
      amountText: formatFen(item.amount),
    })),
  };
}

/** Pending bills grouped by visit, the latest visit first; bills keep the hospital's order within a visit. */
export function groupBillsByVisit(bills: readonly Bill[]): VisitBillsView[] {
  const groups = new Map<string, { visitDate: string; view: VisitBillsView }>();
  for (const bill of bills) {
    let group = groups.get(bill.visitId);
    if (!group) {
      group = {
        visitDate: bill.visitDate,
        view: { visitId: bill.visitId, dateText: `${bill.visitDate} ${weekdayLabel(bill.visitDate)}`, deptName: bill.deptName, doctorName: bill.doctorName, bills: [] },
      };
      groups.set(bill.visitId, group);
    }
    group.view.bills.push(billView(bill));
  }
  // A stable sort: visits of the same date keep the hospital's order.
  return [...groups.values()].sort((a, b) => (a.visitDate < b.visitDate ? 1 : a.visitDate > b.visitDate ? -1 : 0)).map((g) => g.view);
}

/** The chosen bills in the hospital's order (what bill.pay receives), ignoring ids no longer listed. */
export function chosenBillIds(bills: readonly Bill[], selected: readonly string[]): string[] {
  const wanted = new Set(selected);
  return bills.filter((b) => wanted.has(b.billId)).map((b) => b.billId);
}

/** The total of the chosen bills, in fen. */
export function selectedTotal(bills: readonly Bill[], selected: readonly string[]): Fen {
  const wanted = new Set(selected);
  return sumFen(bills.filter((b) => wanted.has(b.billId)).map((b) => b.amount));
}

/** What to do after bill.pay refused, for refusals whose message does not already say it. */
const PAY_NEXT_STEP: Partial<Record<Failure['code'], string>> = {
  CONFLICT: '请在“我的订单”中查看该订单',
  RULE_VIOLATION: '请刷新后重新选择',
};

/** bill.pay's refusal as the patient reads it, ending with what to do next. */
export function payRefusalMessage(failure: Pick<Failure, 'code' | 'message'>): string {
  const next = PAY_NEXT_STEP[failure.code];
  if (next !== undefined && !failure.message.includes('请')) return `${failure.message}，${next}`;
  return patientMessage(failure);
}

// ---- orders ----

/** An ISO instant as the hospital's wall time, `2026-11-30 09:15`. */
export function formatInstant(iso: string | null): string {
  if (iso === null) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : formatHospital(ms, 'YYYY-MM-DD HH:mm');
}

/** One step of the order's progress (`van-steps` item). */
export interface OrderStep {
  text: string;
  desc: string;
}

/** When the order first reached `status`, from its history. */
function reachedAt(order: OrderView, status: OrderStatus): string | null {
  return order.history.find((t) => t.to === status)?.at ?? null;
}

/**
 * The order's progress: 已下单 → 已支付 → 医院已确认; a closed order 已下单 → 已关闭; a refund
 * 已下单 → 已支付 → 退款中 → 已退款. `active` is the index of the step the order is at.
 */
export function orderSteps(order: OrderView): { steps: OrderStep[]; active: number } {
  const created: OrderStep = { text: '已下单', desc: formatInstant(order.createdAt) };
  const paid: OrderStep = { text: '已支付', desc: formatInstant(order.paidAt ?? reachedAt(order, 'paid')) };
  switch (order.status) {
    case 'closed':
      return { steps: [created, { text: '已关闭', desc: formatInstant(reachedAt(order, 'closed')) }], active: 1 };
    case 'refunding':
    case 'refunded':
      return {
        steps: [created, paid, { text: '退款中', desc: formatInstant(reachedAt(order, 'refunding')) }, { text: '已退款', desc: formatInstant(order.refundedAt ?? reachedAt(order, 'refunded')) }],
        active: order.status === 'refunding' ? 2 : 3,
      };
    case 'refund-abnormal':
      return { steps: [created, paid, { text: '退款中', desc: formatInstant(reachedAt(order, 'refunding')) }, { text: '退款异常，医院将联系您', desc: formatInstant(reachedAt(order, 'refund-abnormal')) }], active: 3 };
    default: {
      const confirmed: OrderStep = { text: '医院已确认', desc: formatInstant(order.confirmedAt ?? reachedAt(order, 'confirmed')) };
      const active = order.status === 'confirmed' ? 2 : order.status === 'paid' ? 1 : 0;
      return { steps: [created, paid, confirmed], active };
    }
  }
}

/** An unpaid order can still be paid until it expires. */
export function canContinuePaying(order: Pick<OrderView, 'status' | 'expiresAt'>, now: number): boolean {
  return order.status === 'created' && Date.parse(order.expiresAt) > now;
}

/** The tag next to an order's status label. */
export function orderTagType(status: OrderStatus): TagType {
  switch (status) {
    case 'confirmed':
      return 'success';
    case 'closed':
      return 'default';
    case 'refunding':
    case 'refunded':
      return 'warning';
    case 'refund-abnormal':
      return 'danger';
    default:
      return 'primary';
  }
}

/** One order as 我的订单 lists it. */
export interface OrderRow {
  outTradeNo: string;
  description: string;
  patientName: string;
  amountText: string;
  statusLabel: string;
  tagType: TagType;
  timeText: string;
  final: boolean;
}

export function orderRow(order: OrderView): OrderRow {
  return {
    outTradeNo: order.outTradeNo,
    description: order.description,
    patientName: order.patientName,
    amountText: formatFen(order.amount),
    statusLabel: order.statusLabel,
    tagType: orderTagType(order.status),
    timeText: formatInstant(order.createdAt),
    final: isFinalOrderStatus(order.status),
  };
}

/** Newest first by creation time (the cloud sends them so; a stable sort keeps ties as sent). */
export function newestFirst(orders: readonly OrderView[]): OrderView[] {
  return [...orders].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/**
 * How long the result page waits before asking again after `attempt` polls (0-based): 2 s at first,
 * then backing off by half up to 10 s; null once the cap is reached (the page then offers 刷新).
 */
export const ORDER_POLL_CAP = 20;
export function orderPollDelay(attempt: number): number | null {
  if (attempt >= ORDER_POLL_CAP) return null;
  return Math.min(10_000, Math.round(2000 * 1.5 ** Math.max(0, attempt - 2)));
}

// ---- costs ----

/** One bill of a visit as 费用查询 shows it. */
export interface CostBillView {
  billId: string;
  title: string;
  categoryLabel: string;
  amountText: string;
  paid: boolean;
  statusText: string;
  receiptNo: string;
}

/** One visit's costs (a collapse item). */
export interface CostVisitView {
  visitId: string;
  title: string;
  doctorName: string;
  totalText: string;
  paidText: string;
  pendingText: string;
  hasPending: boolean;
  bills: CostBillView[];
}

export function costVisitView(visit: CostVisit): CostVisitView {
  return {
    visitId: visit.visitId,
    title: `${visit.visitDate} ${visit.deptName}`,
    doctorName: visit.doctorName,
    totalText: formatFen(visit.total),
    paidText: formatFen(visit.paid),
    pendingText: formatFen(visit.pending),
    hasPending: visit.pending > 0,
    bills: visit.bills.map((b) => ({
      billId: b.billId,
      title: b.title,
      categoryLabel: BILL_CATEGORY_LABELS[b.category],
      amountText: formatFen(b.amount),
      paid: b.status === 'paid',
      statusText: b.status === 'paid' ? '已缴费' : '待缴费',
      receiptNo: b.receiptNo ?? '',
    })),
  };
}

/** Visits, the latest first. */
export function costVisitsView(visits: readonly CostVisit[]): CostVisitView[] {
  return [...visits].sort((a, b) => (a.visitDate < b.visitDate ? 1 : a.visitDate > b.visitDate ? -1 : 0)).map(costVisitView);
}
