/** 消息中心 packages/message/center: what each message says and where it is; taps open its page, 未订阅 asks first. */
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import { fakeAccount, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, XIAOBAO } from './helpers';
import { BILLS_ID, MESSAGES, TEMPLATES } from './message-helpers';

const CENTER = 'packages/message/center/index';
beforeEach(resetWx);

describe('消息中心', () => {
  it('lists every message with what it said and where it is, marks them read, and opens a message’s page on tap', async () => {
    const calls = serveApi({ 'subscribe.templates': () => ({ ok: true, data: TEMPLATES }), 'message.list': () => ({ ok: true, data: { messages: MESSAGES, unread: 1 } }), 'message.read': () => ({ ok: true, data: { unread: 0 } }) });
    const page = openPage(CENTER);
    await until(() => stateOf(page) === 'ready');
    const text = textOf(page);
    for (const s of ['缴费提醒', '未订阅，点此订阅', '¥86.00', '预约成功', '已推送', '王医生', '张*明']) expect(text).toContain(s);
    await until(() => calls.some((c) => c.action === 'message.read'));
    await until(() => mocked(wx.removeTabBarBadge).mock.calls.length === 1);

    tap(page, '.message--sent', '.van-cell');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/booking/appointments/index?patientId=P1001' });
    expect(wx.requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('未订阅，点此订阅 asks WeChat for that template on the tap and records the answer, then opens the page', async () => {
    const calls = serveApi({ 'subscribe.templates': () => ({ ok: true, data: TEMPLATES }), 'message.list': () => ({ ok: true, data: { messages: MESSAGES, unread: 0 } }), 'subscribe.record': () => ({ ok: true, data: { consents: [] } }) });
    mocked(wx.getSetting).mockImplementation((o: { success: (r: unknown) => void }) => o.success({ subscriptionsSetting: { mainSwitch: true } }));
    // Local mode: a modal plays WeChat's dialog and the local cloud records the answer.
    mocked(wx.showModal).mockImplementation((o: { success: (r: unknown) => void }) => o.success({ confirm: true, cancel: false }));
    const api = mocked(wx.request).getMockImplementation() as (options: { url: string }) => unknown;
    mocked(wx.request).mockImplementation((options: { url: string; success?: (r: unknown) => void }) => {
      if (!options.url.endsWith('/sandbox/subscribe')) return api(options);
      setTimeout(() => options.success?.({ statusCode: 200, data: {} }), 0);
      return { abort: () => undefined };
    });
    const page = openPage(CENTER);
    await until(() => stateOf(page) === 'ready' && calls.some((c) => c.action === 'subscribe.templates'));
    await until(() => mocked(wx.getSetting).mock.calls.length === 1);
    tap(page, '.message--unsubscribed', '.van-cell');
    await until(() => mocked(wx.showModal).mock.calls.length === 1);
    expect(mocked(wx.showModal).mock.calls[0]?.[0]).toMatchObject({ content: expect.stringContaining('缴费提醒') });
    await until(() => calls.some((c) => c.action === 'subscribe.record'));
    expect(calls.find((c) => c.action === 'subscribe.record')?.data).toEqual({ results: { [BILLS_ID]: 'accept' } });
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/payment/bills/index?patientId=P1001' });
  });

  it('says so when there is nothing yet, and shows an error with 重试', async () => {
    serveApi({ 'subscribe.templates': () => ({ ok: true, data: TEMPLATES }), 'message.list': () => ({ ok: true, data: { messages: [], unread: 0 } }) });
    const empty = openPage(CENTER);
    await until(() => stateOf(empty) === 'empty');
    expect(textOf(empty)).toContain('暂无消息');
    serveApi({ 'message.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const failing = openPage(CENTER);
    await until(() => stateOf(failing) === 'error');
    expect(textOf(failing)).toContain('医院系统暂时无法连接，请稍后再试');
  });

  it('a deep link’s patientId makes that bound patient current; another account’s id changes nothing', async () => {
    const account = fakeAccount();
    serveApi({ ...account.handlers, 'message.list': () => ({ ok: true, data: { messages: [], unread: 0 } }) });
    const page = openPage(CENTER, { scene: encodeURIComponent(`patientId=${XIAOBAO.patientId}`) });
    await until(() => stateOf(page) === 'empty' && wx.getStorageSync(CURRENT_PATIENT_KEY) === XIAOBAO.patientId);
    openPage(CENTER, { patientId: 'P9999' });
    await until(() => stateOf(page) === 'empty');
    expect(wx.getStorageSync(CURRENT_PATIENT_KEY)).toBe(XIAOBAO.patientId);
  });
});
