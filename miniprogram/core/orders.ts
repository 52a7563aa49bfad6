/** Orders as the patient reads them: the label of each status, and which statuses are final. */
import type { OrderStatus } from '../../typings/payment';

/** The patient-facing label of each status: the patient always sees where their money is. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  created: '待支付',
  paying: '支付中',
  paid: '已支付，正在向医院确认',
  confirmed: '已完成',
  closed: '已关闭（未支付）',
  refunding: '退款中，将原路退回',
  refunded: '已退款，已原路退回',
  'refund-abnormal': '退款异常，医院将联系您',
};

/** The end states: every order reaches one of them. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['confirmed', 'closed', 'refunded'];

export function isFinalOrderStatus(status: OrderStatus): boolean {
  return FINAL_ORDER_STATUSES.includes(status);
}
