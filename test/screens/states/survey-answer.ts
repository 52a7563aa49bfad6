import { fakeAccount, find, tap, until, untilText, ZHANG, type PageComponent } from '../../miniprogram/helpers';
import { ok, QUESTIONS, SURVEY } from '../../miniprogram/after-visit-helpers';
import type { PageScreens } from '../types';

const query = { patientId: ZHANG.patientId, surveyId: SURVEY.surveyId };

function surveyHandlers(answered: boolean) {
  return {
    ...fakeAccount().handlers,
    'survey.get': () => ok({ survey: SURVEY, questions: QUESTIONS, answered }),
    'survey.submit': (req: { surveyId: string }) => ok({ surveyId: req.surveyId, answeredAt: '2026-11-26T11:00:00.000Z' }),
  };
}

async function score(page: PageComponent): Promise<void> {
  page.querySelectorAll('.rate').forEach((rate, i) => rate.dispatchEvent('change', { detail: i === 0 ? 5 : 4 }));
  find(page, '.question--text').dispatchEvent('change', { detail: '医生很耐心，候诊时间可以再短一些' });
  await until(() => (page.data as { questions: { score: number }[] }).questions.every((q, i) => i === 2 || q.score > 0));
}

const screens: PageScreens = {
  page: 'packages/survey/answer/index',
  states: [
    { name: 'loading', caption: '满意度调查：加载中', cloud: 'pending', query },
    { name: 'data', caption: '为本次就诊评分并留下意见', cloud: { handlers: surveyHandlers(false) }, query },
    { name: 'scored', caption: '已评分、写了意见，待提交', cloud: { handlers: surveyHandlers(false) }, query, act: score },
    {
      name: 'submitted',
      caption: '提交后：感谢评价',
      cloud: { handlers: surveyHandlers(false) },
      query,
      act: async (page) => {
        await score(page);
        tap(page, '.submit', '.van-button');
        await untilText(page, '您已完成本次就诊的评价');
      },
    },
    { name: 'answered', caption: '从推送再次打开已评价的问卷', cloud: { handlers: surveyHandlers(true) }, query },
    { name: 'no-link', caption: '问卷链接不完整', cloud: { handlers: surveyHandlers(false) } },
    { name: 'error', caption: '网络异常', cloud: 'offline', query },
  ],
};
export default screens;
