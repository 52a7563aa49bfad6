/**
 * 费用查询: the current patient's visits with what each cost, what is paid (with receipt numbers)
 * and what is still pending; pending costs lead to 门诊缴费.
 */
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { loadCosts } from '../../../services/payments';
import { showLoadError } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { currentPatientBehavior, currentPatientFor } from '../../../behaviors/current-patient';
import { costVisitsView, type CostVisitView } from '../../../view-models/payment';
import { routes } from '../../../routes';

interface CostsPageState {
  unsubscribe?: () => void;
  patientId: string;
  request: number;
  watching: boolean;
}

pageComponent<CostsPageState>()({
  behaviors: [elderModeBehavior, currentPatientBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    emptyText: '暂无就诊费用记录',
    noPatient: false,
    visits: [] as CostVisitView[],
    expanded: [] as string[],
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      this.request += 1;
      const request = this.request;
      this.setData({ state: 'loading' });
      const current = await currentPatientFor(this, request);
      if (current === undefined) return;
      if (current === null) {
        this.setData({ state: 'empty', emptyText: '还没有就诊人，请先添加就诊人', noPatient: true, visits: [] });
        return;
      }
      const answer = await loadCosts(current.patientId);
      if (request !== this.request) return;
      if (!answer.ok) {
        showLoadError(this, answer);
        return;
      }
      const visits = costVisitsView(answer.data.visits);
      // The latest visit opens by itself: it is the one a patient usually looks for.
      this.setData({
        state: visits.length === 0 ? 'empty' : 'ready',
        emptyText: '暂无就诊费用记录',
        noPatient: false,
        visits,
        expanded: visits[0] ? [visits[0].visitId] : [],
      });
    },
    onExpand(event: WechatMiniprogram.CustomEvent<string[]>) {
      this.setData({ expanded: event.detail });
    },
    onRetry() {
      void this.load();
    },
    onPayPending() {
      void wx.navigateTo({ url: routes.bills() });
    },
    onAddPatient() {
      void wx.navigateTo({ url: routes.patientAdd() });
    },
  },
});
