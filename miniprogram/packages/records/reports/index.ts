/**
 * 报告查询: the current patient's reports under 检验 / 检查 / 病理 tabs, each with its status; a
 * finished report opens, a pending one says it is not out yet. `?kind=exam` opens on that tab.
 */
import type { ReportKind } from '../../../../typings/records';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { REPORT_KINDS } from '../../../core/records';
import { currentPatientBehavior, loadForCurrentPatient, type CurrentPatientPage } from '../../../behaviors/current-patient';
import { loadReports } from '../../../services/records';
import { pageComponent } from '../../../behaviors/page';
import { ADD_PATIENT_URL, REPORT_URL, reportTabs } from '../view';

/** What the patient reads on tapping a report still at the lab. */
export const PENDING_TOAST = '报告尚未出具，出具后即可查看';

pageComponent<CurrentPatientPage>()({
  // Follows the current patient (a switch elsewhere reloads) and drops answers after leaving.
  behaviors: [elderModeBehavior, currentPatientBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    emptyText: '暂无报告',
    noPatient: false,
    active: 'lab' as ReportKind,
    tabs: reportTabs([]),
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const kind = REPORT_KINDS.find((k) => k.kind === query.kind)?.kind;
      if (kind !== undefined) this.setData({ active: kind });
      void this.load();
    },
    async load(showLoading = true) {
      const data = await loadForCurrentPatient(this, showLoading, { noPatient: true, tabs: reportTabs([]) }, (patientId) => loadReports(patientId));
      if (data === undefined) return;
      this.setData({ state: 'ready', noPatient: false, tabs: reportTabs(data.reports) });
    },
    onTabChange(event: WechatMiniprogram.CustomEvent<{ name: ReportKind }>) {
      this.setData({ active: event.detail.name });
    },
    onOpen(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { reportId: string; finished: boolean }>) {
      const { reportId, finished } = event.currentTarget.dataset;
      if (!finished) {
        void wx.showToast({ title: PENDING_TOAST, icon: 'none' });
        return;
      }
      void wx.navigateTo({ url: `${REPORT_URL}?patientId=${encodeURIComponent(this.patientId)}&reportId=${encodeURIComponent(reportId)}` });
    },
    onRetry() {
      void this.load();
    },
    onAddPatient() {
      void wx.navigateTo({ url: ADD_PATIENT_URL });
    },
  },
});
