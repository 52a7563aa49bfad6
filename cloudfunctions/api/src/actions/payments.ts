/**
 * What the payment actions share: request rules and the patient's view of an order. Shared by the
 * action modules, not an action itself.
 */
import type { AccountDoc, OrderDoc } from '../../../../typings/db';
import type { OrderView } from '../../../../typings/payment';
import { CODE_PATTERN, type ArrayRule, type StringRule } from '../../../../miniprogram/core/validate';
import { MAX_BILLS_PER_ORDER, orderView } from '../../../common/payments';

/** The chosen bills of bill.pay: hospital bill ids, no duplicates. */
export const BILL_IDS_RULE: ArrayRule = {
  type: 'array',
  label: '缴费项目',
  required: true,
  minItems: 1,
  maxItems: MAX_BILLS_PER_ORDER,
  item: { type: 'string', label: '缴费项目', pattern: CODE_PATTERN },
};

/** WeChat Pay's out_trade_no alphabet, at most 32 characters. */
export const OUT_TRADE_NO_RULE: StringRule = { type: 'string', label: '订单号', required: true, pattern: /^[0-9A-Za-z_\-|*@]{1,32}$/ };

/** The order as the caller sees it, with the masked name of their own binding (the ledger keeps none). */
export function viewFor(account: AccountDoc | null, order: OrderDoc): OrderView {
  const binding = account?.patients.find((p) => p.patientId === order.patientId);
  return orderView(order, binding?.nameMasked ?? '');
}
