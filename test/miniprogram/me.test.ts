import { ELDER_MODE_KEY } from '../../miniprogram/services/elder-mode';
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import { fakeAccount, HOSPITAL, LI, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, untilText } from './helpers';

beforeEach(resetWx);

function rootClass(page: ReturnType<typeof openPage>): string {
  // The simulator prefixes classes with the component's tag (main--elder), so match the suffix.
  return (page.querySelector('.page')?.dom as unknown as { className?: string } | undefined)?.className ?? '';
}

describe('我的 pages/me', () => {
  it('shows 联系医院 with the hospital’s phone and calls it on tap', async () => {
    const calls = serveApi();
    const page = openPage('pages/me/index');
    await until(() => stateOf(page) === 'ready');
    expect(calls.map((c) => c.action).sort()).toEqual(['hospital.info', 'patient.list']);
    expect(textOf(page)).toContain('联系医院');
    expect(textOf(page)).toContain(HOSPITAL.phone);
    tap(page, '.contact', '.van-cell');
    await until(() => mocked(wx.makePhoneCall).mock.calls.length === 1);
    expect(mocked(wx.makePhoneCall).mock.calls[0]?.[0]).toMatchObject({ phoneNumber: HOSPITAL.phone });
  });

  it('starts 长辈模式 from a large system font, and remembers the patient’s switch', async () => {
    serveApi();
    const baseInfo = jest.spyOn(wx, 'getAppBaseInfo').mockReturnValue({ fontSizeSetting: 22 } as unknown as WechatMiniprogram.AppBaseInfo);
    const page = openPage('pages/me/index');
    await until(() => stateOf(page) === 'ready');
    expect(page.data.elder).toBe(true);
    expect(rootClass(page)).toMatch(/\belder\b|--elder\b/);

    tap(page, '.elder-mode__switch', '.van-switch');
    await until(() => page.data.elder === false);
    expect(wx.getStorageSync(ELDER_MODE_KEY)).toBe(false);
    expect(rootClass(page)).not.toMatch(/\belder\b|--elder\b/);

    // Another page opened later follows the stored choice, not the system font.
    const home = openPage('pages/home/index');
    expect(home.data.elder).toBe(false);
    baseInfo.mockRestore();
  });

  it('is off at the standard font size, and a stored choice reaches tab pages when they show again', async () => {
    serveApi();
    jest.spyOn(wx, 'getAppBaseInfo').mockReturnValue({ fontSizeSetting: 17 } as unknown as WechatMiniprogram.AppBaseInfo);
    const home = openPage('pages/home/index');
    expect(home.data.elder).toBe(false);
    wx.setStorageSync(ELDER_MODE_KEY, true);
    (home.instance.onShow as () => void)();
    expect(home.data.elder).toBe(true);
    expect(rootClass(home)).toMatch(/\belder\b|--elder\b/);
  });

  it('shows an error with 重试 when the phone cannot be fetched, and keeps the switch usable', async () => {
    serveApi({ 'hospital.info': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage('pages/me/index');
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('医院系统暂时无法连接，请稍后再试');
    expect(textOf(page)).toContain('长辈模式');
  });

  it('shows 就诊人管理 with the current patient, and 就诊卡管理', async () => {
    wx.setStorageSync(CURRENT_PATIENT_KEY, LI.patientId);
    serveApi(fakeAccount([{ ...LI, isDefault: true }]).handlers);
    const page = openPage('pages/me/index');
    await untilText(page, '当前：李*');
    expect(textOf(page)).toContain('就诊人管理');
    expect(textOf(page)).toContain('已添加1位，最多5位');
    tap(page, '.patients', '.van-cell');
    tap(page, '.cards', '.van-cell');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 2);
    expect(mocked(wx.navigateTo).mock.calls.map(([options]) => (options as { url: string }).url)).toEqual(['/packages/patient/list/index', '/packages/patient/card/index']);
  });

  it('opens 我的订单', async () => {
    serveApi();
    const page = openPage('pages/me/index');
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('我的订单');
    tap(page, '.orders', '.van-cell');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/payment/orders/index' });
  });

  it('opens 住院服务', async () => {
    serveApi();
    const page = openPage('pages/me/index');
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('住院服务');
    tap(page, '.inpatient', '.van-cell');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/inpatient/index/index' });
  });

  it('opens 我的预约 and 我的挂号', async () => {
    serveApi();
    const page = openPage('pages/me/index');
    await until(() => stateOf(page) === 'ready');
    tap(page, '.appointments', '.van-cell');
    tap(page, '.registrations', '.van-cell');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 2);
    expect(mocked(wx.navigateTo).mock.calls.map(([options]) => (options as { url: string }).url)).toEqual(['/packages/booking/appointments/index', '/packages/booking/registrations/index']);
  });

  it('says 未添加 for an account without patients', async () => {
    serveApi();
    const page = openPage('pages/me/index');
    await untilText(page, '未添加');
  });
});
