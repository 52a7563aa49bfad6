/** 就诊记录: the current patient's outpatient visits, newest first; a visit opens its record and prescriptions. */
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { currentPatientBehavior, loadForCurrentPatient, type CurrentPatientPage } from '../../../behaviors/current-patient';
import { loadVisits } from '../../../services/records';
import { pageComponent } from '../../../behaviors/page';
import { ADD_PATIENT_URL, VISIT_URL, visitRows, type VisitRow } from '../view';

pageComponent<CurrentPatientPage>()({
  // Follows the current patient (a switch elsewhere reloads) and drops answers after leaving.
  behaviors: [elderModeBehavior, currentPatientBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    emptyText: '暂无就诊记录',
    noPatient: false,
    visits: [] as VisitRow[],
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load(showLoading = true) {
      const data = await loadForCurrentPatient(this, showLoading, { noPatient: true, visits: [] }, (patientId) => loadVisits(patientId));
      if (data === undefined) return;
      const visits = visitRows(data.visits);
      this.setData({ state: visits.length === 0 ? 'empty' : 'ready', emptyText: '暂无就诊记录', noPatient: false, visits });
    },
    onOpen(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { visitId: string }>) {
      const { visitId } = event.currentTarget.dataset;
      void wx.navigateTo({ url: `${VISIT_URL}?patientId=${encodeURIComponent(this.patientId)}&visitId=${encodeURIComponent(visitId)}` });
    },
    onRetry() {
      void this.load();
    },
    onAddPatient() {
      void wx.navigateTo({ url: ADD_PATIENT_URL });
    },
  },
});
