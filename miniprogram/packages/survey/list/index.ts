/** 满意度调查: the current patient's surveys to answer, one per finished visit; each opens its questionnaire. */
import type { PendingSurvey } from '../../../../typings/services';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { loadPendingSurveys } from '../../../services/after-visit';
import { currentPatientBehavior, loadForCurrentPatient } from '../../../behaviors/current-patient';
import { pageComponent } from '../../../behaviors/page';
import { formatHospital } from '../../../core/time';

export const ANSWER_URL = '/packages/survey/answer/index';

export interface SurveyRowView {
  surveyId: string;
  title: string;
  label: string;
}

export function surveyRowView(s: PendingSurvey): SurveyRowView {
  return { surveyId: s.surveyId, title: `${s.visitDate} ${s.deptName}`, label: `${s.doctorName} · 请于${formatHospital(Date.parse(s.deadline), 'MM月DD日')}前评价` };
}

interface SurveyListState {
  unsubscribe?: () => void;
  patientId: string;
  request: number;
  watching: boolean;
}

pageComponent<SurveyListState>()({
  // Follows the current patient (a switch elsewhere reloads) and drops answers after leaving.
  behaviors: [elderModeBehavior, currentPatientBehavior, pullDownRefreshBehavior],
  data: { state: 'loading', errorMessage: '', emptyText: '暂无待评价的就诊', surveys: [] as SurveyRowView[] },
  pageLifetimes: {
    // Back from a questionnaire: the answered one leaves the list.
    show() {
      if (this.watching) void this.load();
    },
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load(showLoading = true) {
      const data = await loadForCurrentPatient(this, showLoading, { surveys: [] }, (patientId) => loadPendingSurveys(patientId));
      if (data === undefined) return;
      const surveys = data.surveys.map(surveyRowView);
      this.setData({ state: surveys.length === 0 ? 'empty' : 'ready', emptyText: '暂无待评价的就诊，感谢您的支持', surveys });
    },
    onOpen(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      void wx.navigateTo({ url: `${ANSWER_URL}?patientId=${this.patientId}&surveyId=${event.currentTarget.dataset.id}` });
    },
    onRetry() {
      void this.load();
    },
  },
});
