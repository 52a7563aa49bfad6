/** 我的订单: the account's orders, newest first, each with where its money is; tap → its result page. */
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { loadOrders } from '../../../services/payments';
import { loadLatest } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { newestFirst, orderRow, type OrderRow } from '../../../view-models/payment';
import { routes } from '../../../routes';

pageComponent<{ loadedOnce: boolean; request: number }>()({
  behaviors: [elderModeBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    orders: [] as (OrderRow & { url: string })[],
  },
  lifetimes: {
    attached() {
      this.loadedOnce = false;
      this.request = 0;
    },
  },
  pageLifetimes: {
    show() {
      // Back from an order's page: its status may have moved on (the first show is onLoad's).
      if (this.loadedOnce) void this.load(false);
    },
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load(showLoading = true) {
      // Unlike the booking lists, a failed quiet reload here shows the error state rather than the old orders.
      const data = await loadLatest(this, loadOrders, showLoading, true);
      if (!data) return;
      const orders = newestFirst(data.orders).map((o) => ({ ...orderRow(o), url: routes.paymentResult({ outTradeNo: o.outTradeNo }) }));
      this.setData({ state: orders.length === 0 ? 'empty' : 'ready', orders });
    },
    onRetry() {
      void this.load();
    },
  },
});
