import { fakeAccount, tap, untilText } from '../../miniprogram/helpers';
import { application, ok, TERMS } from '../../miniprogram/after-visit-helpers';
import type { NatApplication, NatTerms } from '../../../typings/services';
import type { PageScreens } from '../types';

/** The account with the hospital's terms and these applications; applying adds a waiting one. */
function natHandlers(existing: NatApplication[], terms: NatTerms = TERMS) {
  const applications = [...existing];
  return {
    ...fakeAccount().handlers,
    'nat.terms': () => ok(terms),
    'nat.list': () => ok({ applications: [...applications] }),
    'nat.apply': ({ mode }: { mode: 'single' | 'mixed' }) => {
      const created = application({ applicationId: 'HS10000009', code: 'NATHS10000009XYZ789', mode, fee: mode === 'mixed' ? 350 : 1600 });
      // Once: the page is drawn twice (as it is and in 长辈模式) from these handlers.
      if (!applications.some((a) => a.applicationId === created.applicationId)) applications.unshift(created);
      return ok({ applicationId: created.applicationId, code: created.code, fee: created.fee, status: created.status, payMode: 'onsite' as const });
    },
  };
}

const HISTORY: NatApplication[] = [
  application({ applicationId: 'HS10000004', code: 'NATHS10000004AAA111', status: 'unpaid', payMode: 'online', appliedAt: '2026-11-29T01:00:00.000Z' }),
  application({ applicationId: 'HS10000003', code: 'NATHS10000003BBB222', mode: 'mixed', fee: 350, appliedAt: '2026-11-28T01:00:00.000Z' }),
  application({ applicationId: 'HS10000002', status: 'sampled', sampledAt: '2026-11-27T02:30:00.000Z', appliedAt: '2026-11-27T02:00:00.000Z' }),
  application({ applicationId: 'HS10000001', status: 'reported', result: 'negative', sampledAt: '2026-11-26T02:30:00.000Z', reportedAt: '2026-11-26T08:00:00.000Z' }),
  application({ applicationId: 'HS09000001', status: 'reported', result: 'positive', appliedAt: '2026-11-20T02:00:00.000Z', sampledAt: '2026-11-20T02:30:00.000Z', reportedAt: '2026-11-20T08:00:00.000Z' }),
];

const screens: PageScreens = {
  page: 'packages/nat/apply/index',
  states: [
    { name: 'loading', caption: '核酸检测：加载中', cloud: 'pending' },
    { name: 'data', caption: '单检与混检的价格、现场缴费；每次检测的状态与结果', cloud: { handlers: natHandlers(HISTORY) } },
    { name: 'online', caption: '医院要求申请时在线缴费，还没有检测记录', cloud: { handlers: natHandlers([], { ...TERMS, payMode: 'online' as const }) } },
    {
      name: 'code',
      caption: '提交申请后：向采样点出示的检测码（二维码和文字）',
      cloud: { handlers: natHandlers([]) },
      act: async (page) => {
        tap(page, '.apply', '.van-button');
        await untilText(page, '请向采样点出示检测码');
      },
    },
    { name: 'no-patient', caption: '还没有就诊人', cloud: { handlers: fakeAccount([]).handlers } },
    { name: 'hospital-down', caption: '医院系统暂时无法连接，可重试', cloud: { handlers: { ...natHandlers([]), 'nat.terms': () => ({ ok: false as const, code: 'HOSPITAL_UNAVAILABLE' as const, message: '医院系统暂时无法连接，请稍后再试' }) } } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
