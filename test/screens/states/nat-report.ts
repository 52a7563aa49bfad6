import { fakeAccount, find, tap, untilText, type PageComponent } from '../../miniprogram/helpers';
import { application, CHALLENGE, ok } from '../../miniprogram/after-visit-helpers';
import type { ApiResult } from '../../../typings/api';
import type { PageScreens } from '../types';

function reportHandlers(applications = [application({ status: 'reported', result: 'negative', personName: '林*雨', sampledAt: '2026-11-26T02:30:00.000Z', reportedAt: '2026-11-26T08:00:00.000Z' })]) {
  return {
    ...fakeAccount().handlers,
    'nat.sendCode': () => ok({ ...CHALLENGE, sentTo: '申请检测时填写的手机号' }),
    'nat.reportQuery': (req: { smsCode?: string }): ApiResult<'nat.reportQuery'> =>
      req.smsCode === '246810' ? ok({ applications }) : { ok: false, code: 'RULE_VIOLATION', message: '信息核验未通过，请核对后重试或到窗口办理', field: 'smsCode' },
  };
}

async function query(page: PageComponent, code: string, expected: string): Promise<void> {
  const type = (selector: string, value: string) => find(page, selector).dispatchEvent('change', { detail: value });
  type('.field--name', '林小雨');
  type('.field--id', '110105198804120026');
  tap(page, '.send', '.van-button');
  await untilText(page, '验证码已发送至申请检测时填写的手机号');
  type('.field--code', code);
  tap(page, '.query', '.van-button');
  await untilText(page, expected);
}

const screens: PageScreens = {
  page: 'packages/nat/report/index',
  states: [
    { name: 'form', caption: '陪护核酸报告查询：姓名、身份证号和短信验证码', cloud: { handlers: reportHandlers() } },
    { name: 'refused', caption: '验证码不对：信息核验未通过，提示在验证码下', cloud: { handlers: reportHandlers() }, act: (page) => query(page, '000000', '信息核验未通过') },
    { name: 'data', caption: '查到的检测与结果', cloud: { handlers: reportHandlers() }, act: (page) => query(page, '246810', '已出结果：阴性') },
    { name: 'empty', caption: '没有查到检测记录', cloud: { handlers: reportHandlers([]) }, act: (page) => query(page, '246810', '暂无检测记录') },
  ],
};
export default screens;
