/**
 * Consent on the tap before the event: 确认预约 asks for the booking kinds, 叫号前提醒我 for the
 * long-term queue reminder, 保存 of a new patient for the patient's kinds, each answer recorded with
 * subscribe.record; a badge on 我的 counts unread.
 */
import type { SubscribeTemplatesResponse } from '../../typings/push';
import { fakeBooking, NOW } from './booking-helpers';
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { FAKE_SMS_CODE, fakeAccount, find, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, typeInto, until, untilText, type Handlers } from './helpers';

beforeEach(() => {
  resetWx();
  jest.useFakeTimers({ now: NOW, advanceTimers: true });
});
afterEach(() => jest.useRealTimers());

const TEMPLATES: SubscribeTemplatesResponse = {
  templates: [
    { kind: 'appointment.booked', templateId: 't-booked', title: '预约成功', longTerm: false },
    { kind: 'visit.reminder', templateId: 't-remind', title: '就诊提醒', longTerm: false },
    { kind: 'session.stopped', templateId: 't-stop', title: '停诊通知', longTerm: false },
    { kind: 'queue.near', templateId: 't-queue', title: '候诊提醒', longTerm: true },
  ],
  moments: { booking: ['appointment.booked', 'visit.reminder', 'session.stopped'], pay: [], takeNumber: [], queue: ['queue.near'], patient: [], deposit: [] },
};

/** What the app fetched at launch (app.ts), in the page's own module instance. */
async function prefetched(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const subscribe = require('../../miniprogram/services/subscribe') as typeof import('../../miniprogram/services/subscribe');
  await subscribe.prefetchSubscribe();
}

/** Local mode: the modal standing for WeChat's dialog answers `allow`; the local cloud records it at /sandbox/subscribe. */
function answerDialog(allow: boolean): { weChat: unknown[] } {
  const seen = { weChat: [] as unknown[] };
  mocked(wx.getSetting).mockImplementation((o: { success: (r: unknown) => void }) => o.success({ subscriptionsSetting: { mainSwitch: true, itemSettings: {} } }));
  mocked(wx.showModal).mockImplementation((o: { success: (r: unknown) => void }) => o.success({ confirm: allow, cancel: !allow }));
  const api = mocked(wx.request).getMockImplementation() as (options: { url: string }) => unknown;
  mocked(wx.request).mockImplementation((options: { url: string; data: unknown; success?: (r: unknown) => void }) => {
    if (!options.url.endsWith('/sandbox/subscribe')) return api(options);
    seen.weChat.push(options.data);
    setTimeout(() => options.success?.({ statusCode: 200, data: {} }), 0);
    return { abort: () => undefined };
  });
  return seen;
}

it('确认预约 asks WeChat for 预约成功 / 就诊提醒 / 停诊通知 on the tap and records the answer', async () => {
  const booking = fakeBooking();
  const handlers: Handlers = { ...booking.handlers, 'subscribe.templates': () => ({ ok: true, data: TEMPLATES }), 'subscribe.record': () => ({ ok: true, data: { consents: [] } }) };
  const calls = serveApi(handlers);
  const dialog = answerDialog(true);
  const page = openPage('pages/booking-confirm/index', { scheduleId: 'S4', slotId: 'S4-01' });
  await until(() => stateOf(page) === 'ready' && page.data.patientId !== '');
  await prefetched();
  find(page, '.submit', '.van-button').dispatchEvent('tap');
  await until(() => mocked(wx.showModal).mock.calls.length === 1);
  expect(mocked(wx.showModal).mock.calls[0]?.[0]).toMatchObject({ content: expect.stringContaining('预约成功、就诊提醒、停诊通知') });
  await untilText(page, '预约成功');
  await until(() => calls.some((c) => c.action === 'subscribe.record'));
  const results = { 't-booked': 'accept', 't-remind': 'accept', 't-stop': 'accept' };
  expect(dialog.weChat).toEqual([{ openid: expect.any(String), results }]);
  expect(calls.find((c) => c.action === 'subscribe.record')?.data).toEqual({ results });
});

it('叫号前提醒我 asks for the long-term queue reminder alone; a reject is recorded too', async () => {
  const calls = serveApi({ ...fakeBooking().handlers, 'subscribe.templates': () => ({ ok: true, data: TEMPLATES }), 'subscribe.record': () => ({ ok: true, data: { consents: [] } }) });
  const dialog = answerDialog(false);
  const page = openPage('packages/booking/queue/index', { registrationId: 'R1001' });
  await until(() => stateOf(page) === 'ready');
  await prefetched();
  tap(page, '.subscribe', '.van-button');
  await until(() => calls.some((c) => c.action === 'subscribe.record'));
  expect(dialog.weChat).toEqual([{ openid: expect.any(String), results: { 't-queue': 'reject' } }]);
  expect(calls.find((c) => c.action === 'subscribe.record')?.data).toEqual({ results: { 't-queue': 'reject' } });
});

it('保存 of a new patient (after the SMS code) asks for 就诊提醒 on the tap and records the answer; the patient is added', async () => {
  const templates: SubscribeTemplatesResponse = { ...TEMPLATES, moments: { ...TEMPLATES.moments, patient: ['visit.reminder'] } };
  const calls = serveApi({ ...fakeAccount().handlers, 'subscribe.templates': () => ({ ok: true, data: templates }), 'subscribe.record': () => ({ ok: true, data: { consents: [] } }) });
  const dialog = answerDialog(true);
  const page = openPage('packages/patient/add/index');
  await prefetched();
  const first17 = '11010519850610231';
  typeInto(page, '.field-name', '王建军');
  typeInto(page, '.field-id', first17 + idCardCheckChar(first17));
  typeInto(page, '.field-phone', '13912345678');
  const radio = page.querySelectorAll('.relation').find((r) => (r.dom?.textContent ?? '').includes('父母'));
  find(radio as NonNullable<typeof radio>, '.van-radio__label').dispatchEvent('tap');
  find(page, '.send-code', '.van-button').dispatchEvent('tap');
  await until(() => page.data.sentTo !== '');
  typeInto(page, '.field-code', FAKE_SMS_CODE);
  await until(() => (page.data.form as { smsCode: string; relation: string }).smsCode === FAKE_SMS_CODE);
  expect(wx.showModal).not.toHaveBeenCalled(); // 获取验证码 asks for nothing
  find(page, '.submit', '.van-button').dispatchEvent('tap');
  await until(() => mocked(wx.showModal).mock.calls.length === 1);
  expect(mocked(wx.showModal).mock.calls[0]?.[0]).toMatchObject({ content: expect.stringContaining('就诊提醒') });
  await until(() => calls.some((c) => c.action === 'subscribe.record') && calls.some((c) => c.action === 'patient.add'));
  expect(dialog.weChat).toEqual([{ openid: expect.any(String), results: { 't-remind': 'accept' } }]);
  expect(calls.find((c) => c.action === 'subscribe.record')?.data).toEqual({ results: { 't-remind': 'accept' } });
  await until(() => mocked(wx.navigateBack).mock.calls.length === 1);
});

it('我的 shows the unread count on its 消息中心 cell and as the tab’s badge', async () => {
  serveApi({ 'hospital.info': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }), 'patient.list': () => ({ ok: true, data: { patients: [], limit: 5 } }), 'message.list': () => ({ ok: true, data: { messages: [], unread: 3 } }) });
  const page = openPage('pages/me/index');
  (page as unknown as { triggerPageLifeTime(name: string): void }).triggerPageLifeTime('show');
  await until(() => textOf(page).includes('3条未读'));
  expect(mocked(wx.setTabBarBadge).mock.calls[0]?.[0]).toMatchObject({ index: 2, text: '3' });
});

it('in the WeChat cloud: wx.requestSubscribeMessage with the tap’s ids; acceptWithAudio recorded as WeChat answered it', async () => {
  jest.resetModules();
  jest.doMock('../../miniprogram/config', () => ({ config: { mode: 'cloud', cloudEnv: 'env', localUrl: '', timeoutMs: 1000 } }));
  const recorded: unknown[] = [];
  mocked(wx.cloud.callFunction).mockImplementation(async ({ data }: { data: { action: string; data: unknown } }) => {
    if (data.action === 'subscribe.record') recorded.push(data.data);
    return { result: data.action === 'subscribe.templates' ? { ok: true, data: TEMPLATES } : { ok: true, data: { consents: [] } } };
  });
  mocked(wx.getSetting).mockImplementation((o: { success: (r: unknown) => void }) => o.success({ subscriptionsSetting: { mainSwitch: true, itemSettings: { 't-remind': 'reject' } } }));
  mocked(wx.requestSubscribeMessage).mockImplementation((o: { tmplIds: string[]; success: (r: unknown) => void }) =>
    o.success({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds.map((id) => [id, 'acceptWithAudio'])) }),
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const subscribe = require('../../miniprogram/services/subscribe') as typeof import('../../miniprogram/services/subscribe');
  await subscribe.prefetchSubscribe();
  await subscribe.askConsent('booking');
  expect(mocked(wx.requestSubscribeMessage).mock.calls[0]?.[0]).toMatchObject({ tmplIds: ['t-booked', 't-stop'] });
  expect(recorded).toEqual([{ results: { 't-booked': 'acceptWithAudio', 't-stop': 'acceptWithAudio' } }]);
  expect(wx.showModal).not.toHaveBeenCalled();
  jest.dontMock('../../miniprogram/config');
});
