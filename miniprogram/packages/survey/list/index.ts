/** 满意度调查: the current patient's surveys to answer, one per finished visit; each opens its questionnaire. */
import type { PendingSurvey } from '../../../../typings/services';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { loadPendingSurveys } from '../../../services/after-visit';
import { currentPatientBehavior, currentPatientFor } from '../../../behaviors/current-patient';
import { showLoadError } from '../../../behaviors/load';
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
      this.request += 1;
      const request = this.request;
      if (showLoading) this.setData({ state: 'loading' });
      const current = await currentPatientFor(this, request);
      if (current === undefined) return;
      if (current === null) {
        this.setData({ state: 'empty', emptyText: '还没有就诊人，请先添加就诊人', surveys: [] });
        return;
      }
      const answer = await loadPendingSurveys(current.patientId);
      if (request !== this.request) return;
      if (!answer.ok) {
        // A failed pull keeps what is on screen.
        if (showLoading || this.data.state !== 'ready') showLoadError(this, answer);
        return;
      }
      const surveys = answer.data.surveys.map(surveyRowView);
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
