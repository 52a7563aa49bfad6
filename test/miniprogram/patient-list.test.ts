/** 就诊人管理 packages/patient/list: the bound patients, the 5-patient cap, empty and error states. */
import type { BoundPatient } from '../../typings/patient';
import { fakeAccount, find, LI, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, XIAOBAO, ZHANG } from './helpers';

beforeEach(resetWx);

const LIST = 'packages/patient/list/index';

function addButton(page: ReturnType<typeof openPage>) {
  return find(page, '.add', '.van-button');
}

/** Whether the patient sees 添加就诊人 greyed out (Vant's disabled class on the rendered button). */
function addDisabled(page: ReturnType<typeof openPage>): boolean {
  return /van-button--disabled/.test((addButton(page).dom as unknown as { className: string }).className);
}

describe('就诊人管理 packages/patient/list', () => {
  it('lists the patients masked, with relation, card state and the default tag', async () => {
    const calls = serveApi(fakeAccount([ZHANG, XIAOBAO, LI]).handlers);
    const page = openPage(LIST);
    expect(stateOf(page)).toBe('loading');
    await until(() => stateOf(page) === 'ready');
    expect(calls.map((c) => c.action)).toEqual(['patient.list']);

    const rows = page.querySelectorAll('.patient').map((row) => (row.dom?.textContent ?? '').replace(/\s+/g, ' ').trim());
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('张*明');
    expect(rows[0]).toContain('默认');
    expect(rows[0]).toContain('本人 · 110***********002X');
    expect(rows[0]).toContain('已绑卡');
    expect(rows[1]).toContain('张*宝');
    expect(rows[1]).toContain('子女');
    expect(rows[1]).toContain('未绑卡');
    expect(rows[1]).not.toContain('默认');
    expect(rows[2]).toContain('李*');
    expect(rows[2]).toContain('配偶 · 320***********3026');
    expect(textOf(page)).toContain('已添加3位，还可添加2位');
  });

  it('opens a patient’s detail on tap, and the form from 添加就诊人', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(LIST);
    await until(() => stateOf(page) === 'ready');
    page.querySelectorAll('.patient')[1]?.querySelector('.van-cell')?.dispatchEvent('tap');
    addButton(page).dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 2);
    expect(mocked(wx.navigateTo).mock.calls.map(([options]) => (options as { url: string }).url)).toEqual([
      '/packages/patient/detail/index?patientId=P1002',
      '/packages/patient/add/index',
    ]);
  });

  it('turns 添加就诊人 off at 5 patients and says why', async () => {
    const five: BoundPatient[] = [ZHANG, XIAOBAO, LI, { ...LI, patientId: 'P1004', name: '王*' }, { ...LI, patientId: 'P1005', name: '赵*' }];
    serveApi(fakeAccount(five).handlers);
    const page = openPage(LIST);
    await until(() => stateOf(page) === 'ready');
    expect(page.querySelectorAll('.patient')).toHaveLength(5);
    expect(textOf(page)).toContain('每个账号最多5位就诊人，已达上限');
    expect(addDisabled(page)).toBe(true);
    addButton(page).dispatchEvent('tap');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(wx.navigateTo).not.toHaveBeenCalled();
  });

  it('keeps 添加就诊人 on below 5', async () => {
    serveApi(fakeAccount([ZHANG, XIAOBAO, LI, { ...LI, patientId: 'P1004', name: '王*' }]).handlers);
    const page = openPage(LIST);
    await until(() => stateOf(page) === 'ready');
    expect(addDisabled(page)).toBe(false);
    expect(textOf(page)).toContain('还可添加1位');
  });

  it('shows the empty state with the add button for a new account', async () => {
    serveApi(fakeAccount([]).handlers);
    const page = openPage(LIST);
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('还没有就诊人，添加后即可预约挂号');
    addButton(page).dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/patient/add/index' });
  });

  it('shows the error with 重试, and 重试 loads again', async () => {
    serveApi({ 'patient.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage(LIST);
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('医院系统暂时无法连接，请稍后再试');
    expect(textOf(page)).not.toContain('添加就诊人');

    const calls = serveApi(fakeAccount().handlers);
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(page) === 'ready');
    expect(calls.map((c) => c.action)).toEqual(['patient.list']);
    expect(textOf(page)).toContain('张*明');
  });

  it('shows what changed when the patient comes back to it', async () => {
    const account = fakeAccount([ZHANG]);
    serveApi(account.handlers);
    const page = openPage(LIST);
    await until(() => stateOf(page) === 'ready');
    account.patients.push({ ...LI });
    (page.instance.onShow as () => void)();
    await until(() => page.querySelectorAll('.patient').length === 2);
    expect(textOf(page)).toContain('李*');
  });
});
