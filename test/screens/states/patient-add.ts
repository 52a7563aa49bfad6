import { idCardCheckChar } from '../../../miniprogram/core/idcard';
import { fakeAccount, find, typeInto, until, type PageComponent } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const first17 = '11010519850610231';
const ADULT_ID = first17 + idCardCheckChar(first17);

function openDocuments(page: PageComponent): Promise<void> {
  find(page, '.field-doc-type', '.van-cell').dispatchEvent('tap');
  return until(() => page.data.showDocuments === true);
}

async function chooseDocument(page: PageComponent, name: string): Promise<void> {
  await openDocuments(page);
  const item = find(page, '.documents').querySelectorAll('.van-action-sheet__item').find((b) => (b.dom?.textContent ?? '').includes(name));
  if (!item) throw new Error(`no document ${name}`);
  item.dispatchEvent('tap');
  await until(() => page.data.showDocuments === false);
  // The sheet's leave transition (300 ms) ends before the page is drawn.
  await new Promise((resolve) => setTimeout(resolve, 400));
}

/** The identity typed, 本人 chosen, then 获取验证码. */
async function sendCode(page: PageComponent): Promise<void> {
  typeInto(page, '.field-name', '张建国');
  typeInto(page, '.field-id', ADULT_ID);
  typeInto(page, '.field-phone', '13812341234');
  const self = page.querySelectorAll('.relation').find((r) => (r.dom?.textContent ?? '').includes('本人'));
  if (!self) throw new Error('no relation 本人');
  find(self, '.van-radio__label').dispatchEvent('tap');
  await until(() => (page.data.form as { relation: string }).relation === '本人');
  find(page, '.send-code', '.van-button').dispatchEvent('tap');
  await until(() => page.data.sentTo !== '');
}

/** WeChat asks for its privacy authorization (as wx.onNeedPrivacyAuthorization does before a privacy API). */
async function wechatAsksPrivacy(page: PageComponent): Promise<void> {
  // The page's own copy of the module (openPage resets the registry before loading it).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const privacy = require('../../../miniprogram/services/privacy') as typeof import('../../../miniprogram/services/privacy');
  let listener: ((resolve: (r: unknown) => void) => void) | undefined;
  (wx as unknown as { onNeedPrivacyAuthorization: unknown }).onNeedPrivacyAuthorization = (l: typeof listener) => (listener = l);
  privacy.registerPrivacyHandler();
  listener?.(() => undefined);
  await until(() => page.data.showPrivacy === true);
}

const cloud = { handlers: fakeAccount().handlers };

const screens: PageScreens = {
  page: 'packages/patient/add/index',
  states: [
    { name: 'form', caption: '添加就诊人：证件、实名信息、短信验证（已同意隐私保护指引）', cloud },
    { name: 'first-patient', caption: '添加第一位就诊人：隐私保护指引摘要与未勾选的同意框', cloud: { handlers: fakeAccount([]).handlers } },
    { name: 'documents', caption: '选择证件类型', cloud, act: openDocuments },
    { name: 'birth-certificate', caption: '以出生医学证明添加：出生日期、性别与监护人', cloud, act: (page) => chooseDocument(page, '出生医学证明') },
    { name: 'code-sent', caption: '验证码已发送至医院登记的手机（脱敏），倒计时后可重新获取', cloud, act: sendCode },
    { name: 'refusals', caption: '未填写就保存：每项说明原因', cloud, act: async (page) => find(page, '.submit', '.van-button').dispatchEvent('tap') },
    { name: 'privacy', caption: '微信隐私授权弹窗', cloud, act: wechatAsksPrivacy },
  ],
};
export default screens;
