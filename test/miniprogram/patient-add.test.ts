/** 添加就诊人 packages/patient/add: live checks per field, the guardian for under-14s, submit. */
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import type { PatientAddRequest } from '../../typings/patient';
import { blur, FAKE_SMS_CODE, fakeAccount, find, mocked, openPage, resetWx, serveApi, textOf, typeInto, until, untilText, ZHANG, type Handlers, type PageComponent, type RecordedCall } from './helpers';

/** The device clock in these tests: Monday 2026-11-30, 09:00 in the hospital. */
const NOW = Date.parse('2026-11-30T01:00:00Z');

/** A valid ID number: region, birth date, sequence, then the MOD 11-2 check character. */
function idNumber(birth: string, sequence = '123', region = '110105'): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${idCardCheckChar(first17)}`;
}

const ADULT_ID = idNumber('19850610', '231');
const CHILD_ID = idNumber('20200315', '124'); // 6 on NOW
const GUARDIAN_ID = idNumber('19880202', '222');
const TEEN_ID = idNumber('20100101', '345'); // 16 on NOW: no guardian needed, not one either
const WRONG_CHECK = `${ADULT_ID.slice(0, 17)}${ADULT_ID.endsWith('0') ? '1' : '0'}`;

beforeEach(() => {
  resetWx();
  jest.useFakeTimers({ now: NOW, advanceTimers: true });
});
afterEach(() => jest.useRealTimers());

const ADD = 'packages/patient/add/index';

function fieldText(page: PageComponent, selector: string): string {
  return textOf(find(page, selector));
}

function chooseRelation(page: PageComponent, relation: string): void {
  const radio = page.querySelectorAll('.relation').find((r) => (r.dom?.textContent ?? '').includes(relation));
  if (!radio) throw new Error(`no radio ${relation}`);
  find(radio, '.van-radio__label').dispatchEvent('tap');
}

function submit(page: PageComponent): void {
  find(page, '.submit', '.van-button').dispatchEvent('tap');
}

async function fill(page: PageComponent, form: { name: string; idCardNo: string; phone: string; relation: string; guardianName?: string; guardianIdCardNo?: string }) {
  typeInto(page, '.field-name', form.name);
  typeInto(page, '.field-id', form.idCardNo);
  typeInto(page, '.field-phone', form.phone);
  chooseRelation(page, form.relation);
  if (form.guardianName !== undefined || form.guardianIdCardNo !== undefined) {
    await until(() => page.data.showGuardian === true);
    typeInto(page, '.field-guardian-name', form.guardianName ?? '');
    typeInto(page, '.field-guardian-id', form.guardianIdCardNo ?? '');
  }
  await until(() => (page.data.form as { relation: string }).relation === form.relation);
}

/** 获取验证码, then the code the fake hospital texted. */
async function getCode(page: PageComponent, code = FAKE_SMS_CODE): Promise<void> {
  find(page, '.send-code', '.van-button').dispatchEvent('tap');
  await until(() => page.data.sentTo !== '');
  typeInto(page, '.field-code', code);
  await until(() => (page.data.form as { smsCode: string }).smsCode === code);
}

function tick(page: PageComponent): void {
  find(page, '.consent-box', '.van-checkbox__icon-wrap').dispatchEvent('tap');
}

function actionsOf(calls: RecordedCall[]): string[] {
  return calls.map((c) => c.action).filter((a) => a !== 'privacy.get' && a !== 'patient.list');
}

function adds(calls: RecordedCall[]): unknown[] {
  return calls.filter((c) => c.action === 'patient.add').map((c) => c.data);
}

describe('添加就诊人 packages/patient/add', () => {
  it('checks the name when the patient leaves it, then live as they type', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    typeInto(page, '.field-name', '张');
    // Not judged while the patient is still typing it the first time.
    expect(fieldText(page, '.field-name')).not.toContain('姓名应为');
    blur(page, '.field-name');
    await untilText(find(page, '.field-name'), '姓名应为2-30个字');
    typeInto(page, '.field-name', '张3');
    await untilText(find(page, '.field-name'), '姓名只能包含汉字、字母和“·”');
    typeInto(page, '.field-name', '张小明');
    await until(() => !fieldText(page, '.field-name').includes('姓名只能'));
    expect((page.data.errors as Record<string, string>).name).toBe('');
  });

  it('checks the ID number with the GB 11643 rules: length, date, check character', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    typeInto(page, '.field-id', ADULT_ID.slice(0, 17));
    blur(page, '.field-id');
    await untilText(find(page, '.field-id'), '身份证号应为18位');
    typeInto(page, '.field-id', WRONG_CHECK);
    await untilText(find(page, '.field-id'), '身份证号校验位不正确，请核对后重新输入');
    typeInto(page, '.field-id', idNumber('20261301').slice(0, 17) + 'X');
    await untilText(find(page, '.field-id'), '身份证号出生日期无效');
    typeInto(page, '.field-id', ADULT_ID);
    await until(() => (page.data.errors as Record<string, string>).idCardNo === '');
    expect(fieldText(page, '.field-id')).not.toMatch(/身份证号(应为|校验|出生|只能)/);
  });

  it('judges a complete ID number as it is typed, before the field is left', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    typeInto(page, '.field-id', WRONG_CHECK);
    await untilText(find(page, '.field-id'), '身份证号校验位不正确');
  });

  it('checks the mobile number', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    typeInto(page, '.field-phone', '1381234');
    blur(page, '.field-phone');
    await untilText(find(page, '.field-phone'), '请输入正确的11位手机号');
    typeInto(page, '.field-phone', '12812341234');
    await untilText(find(page, '.field-phone'), '请输入正确的11位手机号');
    typeInto(page, '.field-phone', '13812341234');
    await until(() => (page.data.errors as Record<string, string>).phone === '');
  });

  it('names every missing field on submit and sends nothing', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    submit(page);
    await untilText(page, '请填写姓名');
    expect(fieldText(page, '.field-id')).toContain('请填写身份证号');
    expect(fieldText(page, '.field-code')).toContain('请填写短信验证码');
    expect(fieldText(page, '.field-phone')).toContain('请填写手机号');
    expect(fieldText(page, '.field-relation')).toContain('请选择与本人关系');
    chooseRelation(page, '父母');
    await until(() => !fieldText(page, '.field-relation').includes('请选择与本人关系'));
    expect(adds(calls)).toEqual([]);
  });

  it('asks for the guardian when the ID number says under 14, and then requires both fields', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    typeInto(page, '.field-id', ADULT_ID);
    await until(() => (page.data.form as { idCardNo: string }).idCardNo === ADULT_ID);
    expect(textOf(page)).not.toContain('监护人');

    typeInto(page, '.field-id', CHILD_ID);
    await untilText(page, '监护人信息（就诊人未满14周岁，须填写）');
    expect(textOf(page)).toContain('监护人姓名');
    expect(textOf(page)).toContain('监护人身份证号');

    typeInto(page, '.field-name', '张小宝');
    typeInto(page, '.field-phone', '13812341234');
    chooseRelation(page, '子女');
    submit(page);
    await untilText(find(page, '.field-guardian-name'), '请填写监护人姓名');
    expect(fieldText(page, '.field-guardian-id')).toContain('请填写监护人身份证号');
    expect(adds(calls)).toEqual([]);

    // A guardian must be an adult, and another person.
    typeInto(page, '.field-guardian-id', TEEN_ID);
    await untilText(find(page, '.field-guardian-id'), '监护人须年满18周岁');
    typeInto(page, '.field-guardian-id', CHILD_ID);
    await untilText(find(page, '.field-guardian-id'), '监护人身份证号不能与就诊人相同');

    // 14 and over: the section goes away again.
    typeInto(page, '.field-id', TEEN_ID);
    await until(() => !textOf(page).includes('监护人信息'));
  });

  it('sends exactly the typed request for an adult', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '父母' });
    await getCode(page);
    submit(page);
    await until(() => adds(calls).length === 1);
    const expected: PatientAddRequest = { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '父母', challengeId: 'VC1', smsCode: FAKE_SMS_CODE };
    expect(adds(calls)).toEqual([expected]);
    expect(calls.find((c) => c.action === 'patient.sendCode')?.data).toEqual({ name: '王建军', idCardNo: ADULT_ID, phone: '13912345678' });
  });

  it('sends the guardian for a child, and the ID number as the standard writes it', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    const childWithX = idNumber('20200315', '126');
    await fill(page, { name: ' 张小宝 ', idCardNo: childWithX.toLowerCase(), phone: '13812341234', relation: '子女', guardianName: '张建国', guardianIdCardNo: GUARDIAN_ID });
    await getCode(page);
    submit(page);
    await until(() => adds(calls).length === 1);
    expect(adds(calls)).toEqual([
      { name: '张小宝', idCardNo: childWithX.toUpperCase(), phone: '13812341234', relation: '子女', guardian: { name: '张建国', idCardNo: GUARDIAN_ID }, challengeId: 'VC1', smsCode: FAKE_SMS_CODE },
    ]);
  });

  it('shows a server refusal under the field it names, e.g. guardian.idCardNo', async () => {
    const account = fakeAccount();
    const message = '监护人姓名与身份证号不一致，请核对';
    const handlers: Handlers = { ...account.handlers, 'patient.add': () => ({ ok: false, code: 'INVALID_INPUT', message, field: 'guardian.idCardNo' }) };
    serveApi(handlers);
    const page = openPage(ADD);
    await fill(page, { name: '张小宝', idCardNo: CHILD_ID, phone: '13812341234', relation: '子女', guardianName: '张建国', guardianIdCardNo: GUARDIAN_ID });
    await getCode(page);
    submit(page);
    await untilText(find(page, '.field-guardian-id'), message);
    expect(fieldText(page, '.field-guardian-name')).not.toContain(message);
    expect(wx.showToast).not.toHaveBeenCalled();
    expect(wx.navigateBack).not.toHaveBeenCalled();
  });

  it('shows a refusal without a field as a toast', async () => {
    const account = fakeAccount([ZHANG]);
    account.limit = 1;
    serveApi(account.handlers);
    const page = openPage(ADD);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '父母' });
    await getCode(page);
    submit(page);
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '每个账号最多绑定1位就诊人', icon: 'none' });
    expect(wx.navigateBack).not.toHaveBeenCalled();
  });

  it('submits once however often the button is tapped, and shows it is working', async () => {
    const calls = serveApi(fakeAccount().handlers);
    // Hold patient.add at the transport until the test lets it through, as a slow network would.
    const request = mocked(wx.request);
    const serve = request.getMockImplementation()!;
    const held: (() => void)[] = [];
    request.mockImplementation((options: { data: { action: string } }) => {
      if (options.data.action !== 'patient.add') return serve(options);
      held.push(() => serve(options));
      return { abort: () => undefined };
    });
    const page = openPage(ADD);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '父母' });
    await getCode(page);
    submit(page);
    submit(page);
    await until(() => page.data.submitting === true);
    submit(page);
    expect(find(page, '.submit').data.loading).toBe(true);
    expect(/van-button--disabled/.test((find(page, '.submit', '.van-button').dom as unknown as { className: string }).className)).toBe(true);
    expect(held).toHaveLength(1);
    held[0]?.();
    await until(() => mocked(wx.navigateBack).mock.calls.length === 1);
    expect(adds(calls)).toHaveLength(1);
    expect(page.data.submitting).toBe(false);
  });

  it('goes back to the list on success; the first patient becomes current', async () => {
    const calls = serveApi(fakeAccount([]).handlers);
    const page = openPage(ADD);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '本人' });
    tick(page);
    await getCode(page);
    submit(page);
    await until(() => mocked(wx.navigateBack).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '添加成功' });
    expect(wx.getStorageSync(CURRENT_PATIENT_KEY)).toBe('P2001');
    expect(calls.map((c) => c.action)).toEqual(['privacy.get', 'privacy.consent', 'patient.sendCode', 'patient.add', 'patient.list']);
  });

  it('before the first patient: the privacy guide’s consent box, not ticked; no code is sent until it is ticked', async () => {
    const calls = serveApi(fakeAccount([]).handlers);
    const page = openPage(ADD);
    await untilText(page, '我已阅读并同意');
    expect(textOf(page)).toContain('《隐私保护指引》');
    // The summary shows with the box, before anything is typed.
    expect(textOf(find(page, '.consent-summary'))).toContain('医院会向其登记的手机号发送短信验证码');
    expect(page.data.agreed).toBe(false);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '本人' });
    find(page, '.send-code', '.van-button').dispatchEvent('tap');
    await untilText(page, '请先阅读并同意《隐私保护指引》');
    expect(actionsOf(calls)).toEqual([]);
    // The summary opens from the link.
    find(page, '.guide-link').dispatchEvent('tap');
    await untilText(page, '隐私保护指引（摘要）');
    expect(textOf(page)).toContain('小程序云端只保存脱敏后的姓名、证件号和手机号');
    tick(page);
    await until(() => page.data.agreed === true);
    await getCode(page);
    expect(actionsOf(calls)).toEqual(['privacy.consent', 'patient.sendCode']);
    expect(textOf(page)).not.toContain('我已阅读并同意');
    expect(page.querySelector('.consent-summary')).toBeFalsy();
  });

  it('an account that consented sees no consent box', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    await until(() => page.data.consentNeeded === false);
    expect(textOf(page)).not.toContain('我已阅读并同意');
  });

  it('获取验证码: the masked destination, a countdown with the button disabled, then 重新获取', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '父母' });
    await getCode(page);
    await untilText(page, '验证码已发送至医院登记的手机 139****5678');
    await untilText(find(page, '.send-code'), '秒后重新获取');
    expect(find(page, '.send-code').data.disabled).toBe(true);
    // Even if a tap got through the disabled button, the page sends nothing until the countdown ends.
    await (page.instance as unknown as { onSendCode(): Promise<void> }).onSendCode();
    expect(calls.filter((c) => c.action === 'patient.sendCode')).toHaveLength(1);
    jest.advanceTimersByTime(61_000);
    await until(() => !textOf(find(page, '.send-code')).includes('秒'));
    expect(textOf(find(page, '.send-code'))).toContain('重新获取');
    expect(find(page, '.send-code').data.disabled).toBe(false);
    find(page, '.send-code', '.van-button').dispatchEvent('tap');
    await until(() => calls.filter((c) => c.action === 'patient.sendCode').length === 2);
  });

  it('a wrong code: the hospital’s neutral answer as a toast, nothing bound', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '父母' });
    await getCode(page, '111111');
    submit(page);
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '信息核验未通过，请核对后重试或到窗口办理', icon: 'none' });
    expect(wx.navigateBack).not.toHaveBeenCalled();
  });

  it('asks for the code before saving, and checks its 6 digits', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '父母' });
    typeInto(page, '.field-code', '123');
    blur(page, '.field-code');
    await untilText(find(page, '.field-code'), '请输入6位数字验证码');
    typeInto(page, '.field-code', '123456');
    submit(page);
    await untilText(find(page, '.field-code'), '请先获取验证码');
    expect(adds(calls)).toEqual([]);
  });

  it('the document picker: a passport asks birth date and sex and is checked by its own rules', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    expect(textOf(find(page, '.field-doc-type'))).toContain('居民身份证');
    find(page, '.field-doc-type').dispatchEvent('click');
    find(page, '.field-doc-type', '.van-cell').dispatchEvent('tap');
    await until(() => page.data.showDocuments === true);
    const sheet = find(page, '.documents');
    const passportItem = sheet.querySelectorAll('.van-action-sheet__item').find((b) => (b.dom?.textContent ?? '').includes('护照'));
    passportItem?.dispatchEvent('tap');
    await until(() => (page.data.form as { docType: string }).docType === 'passport');
    expect(textOf(find(page, '.field-doc-type'))).toContain('护照');
    await untilText(page, '出生日期');
    typeInto(page, '.field-name', 'John Smith');
    typeInto(page, '.field-id', 'ABCDEFG');
    blur(page, '.field-id');
    await untilText(find(page, '.field-id'), '护照号码应包含数字');
    typeInto(page, '.field-id', 'e12345678');
    typeInto(page, '.field-birth', '1985-04-02');
    find(page, '.sex-m', '.van-radio__label').dispatchEvent('tap');
    typeInto(page, '.field-phone', '13912345678');
    chooseRelation(page, '配偶');
    await until(() => (page.data.form as { sex: string }).sex === 'M' && (page.data.form as { relation: string }).relation === '配偶');
    await getCode(page);
    submit(page);
    await until(() => adds(calls).length === 1);
    expect(adds(calls)).toEqual([
      { name: 'John Smith', docType: 'passport', idCardNo: 'E12345678', birthDate: '1985-04-02', sex: 'M', phone: '13912345678', relation: '配偶', challengeId: 'VC1', smsCode: FAKE_SMS_CODE },
    ]);
  });

  it('出生医学证明 always asks for the guardian', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    find(page, '.field-doc-type', '.van-cell').dispatchEvent('tap');
    await until(() => page.data.showDocuments === true);
    const item = find(page, '.documents').querySelectorAll('.van-action-sheet__item').find((b) => (b.dom?.textContent ?? '').includes('出生医学证明'));
    item?.dispatchEvent('tap');
    await untilText(page, '监护人信息（以出生医学证明添加，须填写）');
  });

  it('WeChat’s privacy authorization: the popup shows when WeChat asks, and the agree button answers it', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    // The page's own copy of the module (openPage resets the registry before loading it).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const privacy = require('../../miniprogram/services/privacy') as typeof import('../../miniprogram/services/privacy');
    let listener: ((resolve: (r: unknown) => void) => void) | undefined;
    (wx as unknown as { onNeedPrivacyAuthorization: unknown }).onNeedPrivacyAuthorization = jest.fn((l: typeof listener) => (listener = l));
    privacy.registerPrivacyHandler();
    const resolve = jest.fn();
    listener?.(resolve);
    await untilText(page, '用户隐私保护提示');
    find(page, '.privacy-agree', '.van-button').dispatchEvent('agreeprivacyauthorization');
    await until(() => resolve.mock.calls.some((c) => (c[0] as { event: string }).event === 'agree'));
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'privacy-agree' });
    await until(() => page.data.showPrivacy === false);
  });
});
