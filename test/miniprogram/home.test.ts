import { failNetwork, HOSPITAL, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until } from './helpers';

beforeEach(resetWx);

describe('首页 pages/home', () => {
  it('shows loading, then the services, the hospital name, and only services that work', async () => {
    const calls = serveApi();
    const page = openPage('pages/home/index');
    expect(stateOf(page)).toBe('loading');
    expect(textOf(page)).toContain('加载中');

    await until(() => stateOf(page) === 'ready');
    const text = textOf(page);
    expect(text).toContain(HOSPITAL.name);
    expect(text).toContain('三级甲等');
    for (const service of ['预约挂号', '当日挂号', '门诊缴费', '排队叫号', '我的预约', '找医生', '费用查询', '报告查询', '就诊记录', '住院服务', '核酸检测', '电子票据', '满意度调查', '就诊人管理']) expect(text).toContain(service);
    expect(text).not.toMatch(/即将上线|敬请期待/);
    // A new account: the patient card (below the services) invites 添加就诊人 and asks for no QR code.
    expect(text).toContain('还没有就诊人');
    expect(calls.map((c) => ({ action: c.action, data: c.data }))).toEqual(
      expect.arrayContaining([
        { action: 'hospital.info', data: {} },
        { action: 'patient.list', data: {} },
      ]),
    );
    expect(calls).toHaveLength(2);
  });

  it('opens a working page from each service, one page per service', async () => {
    serveApi();
    const page = openPage('pages/home/index');
    await until(() => stateOf(page) === 'ready');
    const items = page.querySelectorAll('.service');
    expect(items).toHaveLength(14);
    for (const item of items) item.querySelector('.van-grid-item__content')?.dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 14);
    const urls = mocked(wx.navigateTo).mock.calls.map(([options]) => (options as { url: string }).url);
    expect(urls).toEqual([
      '/pages/departments/index',
      '/pages/departments/index?section=today',
      '/packages/payment/bills/index',
      '/packages/booking/registrations/index',
      '/packages/booking/appointments/index',
      '/pages/doctors/index',
      '/packages/payment/costs/index',
      '/packages/records/reports/index',
      '/packages/records/visits/index',
      '/packages/inpatient/index/index',
      '/packages/nat/apply/index',
      '/packages/invoice/list/index',
      '/packages/survey/list/index',
      '/packages/patient/list/index',
    ]);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('shows the network error with 重试, and 重试 calls again', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    failNetwork();
    const page = openPage('pages/home/index');
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('网络异常，请检查网络后重试');
    expect(textOf(page)).toContain('重试');
    expect(warn).toHaveBeenCalled();

    const calls = serveApi();
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(page) === 'ready');
    expect(calls.map((c) => c.action)).toContain('hospital.info');
    expect(textOf(page)).toContain(HOSPITAL.name);
    warn.mockRestore();
  });
});
