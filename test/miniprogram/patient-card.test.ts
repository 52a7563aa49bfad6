/** 就诊卡管理 packages/patient/card: bind a verified card; the hospital's refusal as it is; card-less note. */
import { blur, fakeAccount, find, LI, mocked, openPage, resetWx, serveApi, stateOf, textOf, typeInto, until, untilText, UNVERIFIED_CARD, UNVERIFIED_CARD_MESSAGE, XIAOBAO, ZHANG, type PageComponent, type RecordedCall } from './helpers';

beforeEach(resetWx);

const CARD = 'packages/patient/card/index';

const binds = (calls: RecordedCall[]) => calls.filter((c) => c.action === 'card.bind').map((c) => c.data);

function bind(page: PageComponent): void {
  find(page, '.bind', '.van-button').dispatchEvent('tap');
}

describe('就诊卡管理 packages/patient/card', () => {
  it('tells a card-less patient what they can do, and shows the hospital’s refusal of an unverified card as it is', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(CARD, { patientId: XIAOBAO.patientId });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('张*宝的就诊卡');
    expect(textOf(page)).toContain('未绑卡的就诊人可以预约挂号');
    expect(textOf(page)).toContain('须先在自助机或窗口完成实名认证');
    expect(textOf(page)).not.toContain('选择就诊人');

    typeInto(page, '.field-card', UNVERIFIED_CARD);
    bind(page);
    await untilText(find(page, '.field-card'), UNVERIFIED_CARD_MESSAGE);
    expect(binds(calls)).toEqual([{ patientId: XIAOBAO.patientId, cardNo: UNVERIFIED_CARD }]);
    expect(wx.showToast).not.toHaveBeenCalled();
  });

  it('binds a verified card and shows it', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(CARD, { patientId: XIAOBAO.patientId });
    await until(() => stateOf(page) === 'ready');
    typeInto(page, '.field-card', ' C20260002 ');
    bind(page);
    await untilText(page, '已绑定就诊卡');
    expect(binds(calls)).toEqual([{ patientId: XIAOBAO.patientId, cardNo: 'C20260002' }]);
    expect(textOf(page)).toContain('C20260002');
    expect(textOf(page)).toContain('已绑卡');
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '绑定成功' });
  });

  it('checks the card number before asking the hospital', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(CARD, { patientId: XIAOBAO.patientId });
    await until(() => stateOf(page) === 'ready');
    bind(page);
    await untilText(find(page, '.field-card'), '请填写就诊卡号');
    typeInto(page, '.field-card', 'C1-');
    blur(page, '.field-card');
    await untilText(find(page, '.field-card'), '就诊卡号应为4-32位字母或数字');
    typeInto(page, '.field-card', 'C100');
    await until(() => page.data.cardError === '');
    expect(binds(calls)).toEqual([]);
  });

  it('lets the patient pick whose card it is when opened from 我的', async () => {
    const calls = serveApi(fakeAccount([ZHANG, XIAOBAO, LI]).handlers);
    const page = openPage(CARD);
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('选择就诊人');
    // The current patient (the default) comes preselected; their card is already bound.
    expect(textOf(page)).toContain('张*明的就诊卡');
    expect(textOf(page)).toContain('已绑定就诊卡');

    page.querySelectorAll('.pick')[2]?.querySelector('.van-cell')?.dispatchEvent('tap');
    await untilText(page, '李*的就诊卡');
    typeInto(page, '.field-card', 'C20260003');
    bind(page);
    await until(() => binds(calls).length === 1);
    expect(binds(calls)).toEqual([{ patientId: LI.patientId, cardNo: 'C20260003' }]);
  });

  it('asks a new account to add a patient first', async () => {
    serveApi(fakeAccount([]).handlers);
    const page = openPage(CARD);
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('还没有就诊人，请先添加就诊人再绑定就诊卡');
    find(page, '.add', '.van-button').dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/patient/add/index' });
  });

  it('shows a failure that names no field as a toast', async () => {
    const account = fakeAccount();
    serveApi({ ...account.handlers, 'card.bind': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage(CARD, { patientId: XIAOBAO.patientId });
    await until(() => stateOf(page) === 'ready');
    typeInto(page, '.field-card', 'C20260002');
    bind(page);
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '医院系统暂时无法连接，请稍后再试', icon: 'none' });
  });
});
