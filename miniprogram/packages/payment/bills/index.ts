/**
 * 门诊缴费: the current patient's pending bills, grouped by visit, all chosen at first; the patient
 * unticks what they will not pay now and pays the rest in one order, then follows it on the result
 * page. A card-less patient reads why they cannot pay online and what to do instead.
 */
import type { Bill } from '../../../../typings/payment';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { payOrder } from '../../../services/pay';
import { loadBills, payBills } from '../../../services/payments';
import { formatFen } from '../../../view-models/format';
import { showLoadError } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { currentPatientBehavior, currentPatientFor } from '../../../behaviors/current-patient';
import { chosenBillIds, groupBillsByVisit, payRefusalMessage, selectedTotal, type VisitBillsView } from '../../../view-models/payment';
import { routes } from '../../../routes';
import { landOnPatient } from '../../../services/deep-link';

/** Non-render state. */
interface BillsPageState {
  unsubscribe?: () => void;
  /** The hospital's bills as last listed, in its order. */
  bills: Bill[];
  /** Whose bills are shown or on their way. */
  patientId: string;
  /** Bumped per load, so a late answer for another patient is dropped. */
  request: number;
  /** Set once the store is loaded: from then on a change of patient reloads. */
  watching: boolean;
  loadedOnce: boolean;
  /** A pay in flight: a second tap does nothing. */
  paying: boolean;
}

/** What the empty state offers, if anything. */
interface EmptyAction {
  text: string;
  url: string;
}

pageComponent<BillsPageState>()({
  behaviors: [elderModeBehavior, currentPatientBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    emptyText: '暂无待缴费用',
    emptyAction: null as EmptyAction | null,
    groups: [] as VisitBillsView[],
    selected: [] as string[],
    expanded: [] as string[],
    selectedCount: 0,
    totalText: formatFen(0),
    paying: false,
    payError: '',
    /** The refusal names another order: offer 我的订单. */
    payErrorShowsOrders: false,
  },
  lifetimes: {
    attached() {
      this.bills = [];
      this.loadedOnce = false;
      this.paying = false;
    },
  },
  pageLifetimes: {
    show() {
      // Back from paying: paid bills are gone, so ask again (quietly; the first show is onLoad's).
      if (this.loadedOnce && !this.paying) void this.load(false);
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      // A deep link (缴费提醒) names its patient: they become current, and the list follows.
      void landOnPatient(query);
      void this.load();
    },
    async load(showLoading = true) {
      this.request += 1;
      const request = this.request;
      if (showLoading) this.setData({ state: 'loading', payError: '' });
      const current = await currentPatientFor(this, request);
      if (current === undefined) return;
      if (current === null) {
        this.showEmpty('还没有就诊人，请先添加就诊人', { text: '添加就诊人', url: routes.patientAdd() });
        return;
      }
      if (current.card === null || current.card.state !== 'verified') {
        // Paying online needs a real-name verified card (docs/architecture.md#booking-rules); say what to do instead.
        this.showEmpty(`${current.name}尚未绑定已实名认证的就诊卡，暂不能在线缴费。请先绑定就诊卡，或到医院收费窗口缴费`, {
          text: '绑定就诊卡',
          url: routes.patientCard({ patientId: current.patientId }),
        });
        return;
      }
      const answer = await loadBills(current.patientId);
      if (request !== this.request) return;
      this.loadedOnce = true;
      if (!answer.ok) {
        showLoadError(this, answer);
        return;
      }
      this.showBills(answer.data.bills);
    },
    showEmpty(emptyText: string, emptyAction: EmptyAction | null) {
      this.bills = [];
      this.setData({ state: 'empty', emptyText, emptyAction, groups: [], selected: [], selectedCount: 0, totalText: formatFen(0) });
    },
    showBills(bills: Bill[]) {
      if (bills.length === 0) {
        this.showEmpty('暂无待缴费用', null);
        return;
      }
      this.bills = bills;
      // Everything is chosen at first: most patients pay all of a visit at once.
      this.select(bills.map((b) => b.billId), { state: 'ready', groups: groupBillsByVisit(bills), expanded: [] });
    },
    select(selected: string[], extra: Record<string, unknown> = {}) {
      const chosen = chosenBillIds(this.bills, selected);
      this.setData({ ...extra, selected: chosen, selectedCount: chosen.length, totalText: formatFen(selectedTotal(this.bills, chosen)) });
    },
    onSelect(event: WechatMiniprogram.CustomEvent<string[]>) {
      this.select(event.detail);
    },
    onExpand(event: WechatMiniprogram.CustomEvent<string[]>) {
      this.setData({ expanded: event.detail });
    },
    onRetry() {
      void this.load();
    },
    onEmptyAction() {
      const action = this.data.emptyAction;
      if (action !== null) void wx.navigateTo({ url: action.url });
    },
    onOpenOrders() {
      void wx.navigateTo({ url: routes.orders() });
    },
    async onPay() {
      const billIds = chosenBillIds(this.bills, this.data.selected);
      if (this.paying || billIds.length === 0 || this.patientId === '') return;
      this.paying = true;
      const patientId = this.patientId;
      this.setData({ paying: true, payError: '', payErrorShowsOrders: false });
      const answer = await payBills(patientId, billIds);
      if (!answer.ok) {
        this.paying = false;
        this.setData({ paying: false, payError: payRefusalMessage(answer), payErrorShowsOrders: answer.code === 'CONFLICT' });
        // The bills changed at the hospital (paid elsewhere, cancelled): show the list as it is now.
        if (answer.code === 'RULE_VIOLATION') void this.load(false);
        return;
      }
      const { order, payment } = answer.data;
      const outcome = await payOrder(payment, order.outTradeNo);
      // Whatever the patient did, the result page shows where the money is (and 继续支付 if unpaid).
      void wx.navigateTo({ url: routes.paymentResult({ outTradeNo: order.outTradeNo, patientId, billIds, outcome }) });
      this.paying = false;
      this.setData({ paying: false });
    },
  },
});
