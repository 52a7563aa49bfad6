/** 我的订单: the account's orders, newest first, each with where its money is; tap → its result page. */
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { loadOrders } from '../../../services/payments';
import { showLoadError } from '../../../utils/load';
import { pageComponent } from '../../../utils/page';
import { newestFirst, orderRow, type OrderRow } from '../../../utils/payment';

export const RESULT_URL = '/packages/payment/result/index';

pageComponent<{ loadedOnce: boolean; request: number }>()({
  behaviors: [elderModeBehavior],
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
      this.request += 1;
      const request = this.request;
      if (showLoading) this.setData({ state: 'loading' });
      const answer = await loadOrders();
      if (request !== this.request) return;
      this.loadedOnce = true;
      if (!answer.ok) {
        showLoadError(this, answer);
        return;
      }
      const orders = newestFirst(answer.data.orders).map((o) => ({ ...orderRow(o), url: `${RESULT_URL}?outTradeNo=${encodeURIComponent(o.outTradeNo)}` }));
      this.setData({ state: orders.length === 0 ? 'empty' : 'ready', orders });
    },
    onRetry() {
      void this.load();
    },
  },
});
