import { fakeAccount, find, tap, untilText, type PageComponent } from '../../miniprogram/helpers';
import { CHALLENGE, ok } from '../../miniprogram/after-visit-helpers';
import type { ApiResult } from '../../../typings/api';
import type { PageScreens } from '../types';

// A wrong code is refused in a toast (not drawn here); the right one applies.
const REFUSED = { ok: false as const, code: 'RULE_VIOLATION' as const, message: '信息核验未通过，请核对后重试或到窗口办理' };
const cloud = {
  handlers: {
    ...fakeAccount().handlers,
    'nat.sendCode': () => ok(CHALLENGE),
    'nat.apply': (req: { smsCode?: string }): ApiResult<'nat.apply'> =>
      req.smsCode === '246810' ? ok({ applicationId: 'HS9', code: 'NATHS9XYZ', fee: 350, status: 'waiting' as const, payMode: 'onsite' as const }) : REFUSED,
  },
};

function fill(page: PageComponent, code?: string): void {
  const type = (selector: string, value: string) => find(page, selector).dispatchEvent('change', { detail: value });
  type('.field--name', '林小雨');
  type('.field--id', '110105198804120026');
  type('.field--phone', '13700002222');
  if (code !== undefined) type('.field--code', code);
}

async function sendCode(page: PageComponent): Promise<void> {
  fill(page);
  tap(page, '.send', '.van-button');
  await untilText(page, '验证码已发送至 137****2222');
}

const screens: PageScreens = {
  page: 'packages/nat/visitor/index',
  states: [
    { name: 'form', caption: '为陪护家属或访客申请：姓名、身份证号、手机号和验证码', cloud },
    { name: 'code-sent', caption: '验证码已发送，倒计时后可重发', cloud, act: sendCode },
    {
      name: 'applied',
      caption: '申请成功：向采样点出示检测码',
      cloud,
      act: async (page) => {
        await sendCode(page);
        fill(page, '246810');
        tap(page, '.apply', '.van-button');
        await untilText(page, '请向采样点出示检测码');
      },
    },
  ],
};
export default screens;
