/**
 * One visit's questionnaire (满意度调查), opened from the list or from the 19:00 push
 * (`?patientId=&surveyId=`): a 1–5 star score per question and an optional text of at most 200
 * characters; answered once, then thanked. The answers go to the hospital only.
 */
import type { SurveyAnswer, SurveyQuestion } from '../../../../typings/services';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { loadSurvey, submitSurvey } from '../../../services/after-visit';
import { patientMessage } from '../../../view-models/format';
import { showLoadError } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';

export const TEXT_MAX = 200;

interface QuestionView extends SurveyQuestion {
  score: number;
  text: string;
}

/** The answers to send: every score question's stars; the text only when written. */
export function answersOf(questions: readonly QuestionView[]): SurveyAnswer[] {
  return questions.flatMap((q): SurveyAnswer[] => {
    if (q.type === 'score') return [{ questionId: q.questionId, score: q.score }];
    const text = q.text.trim();
    return text === '' ? [] : [{ questionId: q.questionId, text }];
  });
}

interface AnswerPageState {
  patientId: string;
  surveyId: string;
}

pageComponent<AnswerPageState>()({
  behaviors: [elderModeBehavior],
  data: { state: 'loading', errorMessage: '', emptyText: '', title: '', questions: [] as QuestionView[], answered: false, submitting: false, textMax: TEXT_MAX },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.patientId = query.patientId ?? '';
      this.surveyId = query.surveyId ?? '';
      void this.load();
    },
    async load() {
      if (this.patientId === '' || this.surveyId === '') {
        this.setData({ state: 'empty', emptyText: '问卷链接不完整，请从“我的 → 满意度调查”进入' });
        return;
      }
      this.setData({ state: 'loading' });
      const answer = await loadSurvey(this.patientId, this.surveyId);
      if (!answer.ok) {
        showLoadError(this, answer);
        return;
      }
      const { survey, questions, answered } = answer.data;
      this.setData({
        state: 'ready',
        title: `${survey.visitDate} ${survey.deptName} ${survey.doctorName}`,
        questions: questions.map((q) => ({ ...q, score: 0, text: '' })),
        answered,
      });
    },
    // van-rate and van-field send the bare value as the event's detail.
    onScore(event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      this.setData({ [`questions[${event.currentTarget.dataset.index}].score`]: event.detail as unknown as number });
    },
    onText(event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      this.setData({ [`questions[${event.currentTarget.dataset.index}].text`]: event.detail as unknown as string });
    },
    async onSubmit() {
      const questions = this.data.questions;
      const missing = questions.find((q) => q.type === 'score' && q.score === 0);
      if (missing) {
        void wx.showToast({ title: `请为“${missing.title}”评分`, icon: 'none' });
        return;
      }
      this.setData({ submitting: true });
      const answer = await submitSurvey(this.patientId, this.surveyId, answersOf(questions));
      this.setData({ submitting: false });
      if (!answer.ok) {
        // Answered elsewhere meanwhile (another guardian): the page says so instead of a form.
        if (answer.code === 'RULE_VIOLATION') this.setData({ answered: true });
        void wx.showToast({ title: patientMessage(answer), icon: 'none' });
        return;
      }
      this.setData({ answered: true });
      void wx.showToast({ title: '感谢您的评价', icon: 'success' });
    },
    onRetry() {
      void this.load();
    },
  },
});
