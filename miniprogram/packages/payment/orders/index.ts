/** 我的订单: the account's orders, newest first, each with where its money is; tap → its result page. */
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { loadOrders } from '../../../services/payments';
import { loadLatest, reloadingListBehavior, type ReloadingPage } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { newestFirst, orderRow, type OrderRow } from '../../../view-models/payment';
import { routes } from '../../../routes';

pageComponent<Omit<ReloadingPage, 'setData' | 'data' | 'load'>>()({
  // Loading, 重试 and the quiet reload on coming back from an order's page (its status may have moved on).
  behaviors: [elderModeBehavior, reloadingListBehavior, pullDownRefreshBehavior],
  data: {
    orders: [] as (OrderRow & { url: string })[],
  },
  methods: {
    async load(showLoading = true) {
      // Unlike the booking lists, a failed quiet reload here shows the error state rather than the old orders.
      const data = await loadLatest(this, loadOrders, showLoading, true);
      if (!data) return;
      const orders = newestFirst(data.orders).map((o) => ({ ...orderRow(o), url: routes.paymentResult({ outTradeNo: o.outTradeNo }) }));
      this.setData({ state: orders.length === 0 ? 'empty' : 'ready', orders });
    },
  },
});
