import { find, realisticHandlers, tap, untilText } from '../../miniprogram/helpers';
import { CURRENT_STAY, fakeWard, PAST_STAY } from '../../miniprogram/inpatient-helpers';
import type { PageScreens } from '../types';

const SETTLING = { ...CURRENT_STAY, status: 'settling' as const, canDeposit: false, lowBalance: false, dischargedAt: '2026-11-30T02:00:00.000Z' };
const OWING = { ...CURRENT_STAY, deposits: 100_000, balance: -25_050 };

const screens: PageScreens = {
  page: 'packages/inpatient/index/index',
  states: [
    { name: 'loading', caption: '住院服务：加载中', cloud: 'pending' },
    { name: 'data', caption: '在院：押金余额不足的提醒，每日清单与缴纳押金；下方是历次住院', cloud: { handlers: fakeWard().handlers } },
    { name: 'owing', caption: '押金已用完，欠费', cloud: { handlers: fakeWard({ stays: [OWING] }).handlers } },
    { name: 'settling', caption: '出院结算中：不再在线缴纳押金', cloud: { handlers: fakeWard({ stays: [SETTLING, PAST_STAY] }).handlers } },
    { name: 'empty', caption: '暂无住院记录：输入住院号绑定本次住院', cloud: { handlers: fakeWard({ stays: [], unbound: [CURRENT_STAY] }).handlers } },
    {
      name: 'bind-refused',
      caption: '住院号有误，提示在输入框下',
      cloud: { handlers: fakeWard({ stays: [], unbound: [CURRENT_STAY] }).handlers },
      act: async (page) => {
        find(page, '.admission-no').dispatchEvent('change', { detail: '39999999' });
        tap(page, '.bind-button', '.van-button');
        await untilText(page, '未找到该住院记录，请核对住院号');
      },
    },
    { name: 'no-patient', caption: '还没有就诊人', cloud: { handlers: realisticHandlers } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
