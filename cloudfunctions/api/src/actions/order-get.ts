/** `order.get`: one of the caller's orders — where their money is. The router resolved (and owns) the order. */
import type { ActionDefinition } from '../action';
import { OUT_TRADE_NO_RULE, viewFor } from './payments';

export const orderGet: ActionDefinition<'order.get', { order: 'outTradeNo' }> = {
  schema: { outTradeNo: OUT_TRADE_NO_RULE },
  scope: { order: 'outTradeNo' },
  async handler(ctx) {
    return viewFor(ctx.account, ctx.order);
  },
};
