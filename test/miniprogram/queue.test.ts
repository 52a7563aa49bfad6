/** 排队叫号 packages/booking/queue: the numbers, check-in and called states, refreshed every 15 s while shown. */
import { fakeBooking, NOW } from './booking-helpers';
import { mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, untilText } from './helpers';
import { callsOf } from './payment-helpers';

beforeEach(() => {
  resetWx();
  jest.useFakeTimers({ now: NOW, advanceTimers: true });
});
afterEach(() => jest.useRealTimers());

const QUEUE = 'packages/booking/queue/index';

describe('排队叫号 packages/booking/queue', () => {
  it('shows the patient’s number, the number called, how many are ahead and the room', async () => {
    const calls = serveApi(fakeBooking().handlers);
    const page = openPage(QUEUE, { registrationId: 'R1001' });
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'queue.status')).toEqual([{ registrationId: 'R1001' }]);
    const text = textOf(page);
    for (const part of ['您的号码12', '当前叫号8', '前面还有3人诊室', '诊室：呼吸科3诊室', '前面还有3人，请耐心候诊', '每15秒自动刷新']) expect(text).toContain(part);
    expect(text).not.toContain('请到自助机或分诊台扫描就诊码签到');
  });

  it('before check-in says how to check in, and 出示就诊码 opens the home card’s QR code', async () => {
    const booking = fakeBooking();
    booking.queue = { ...booking.queue, state: 'not-checked-in', currentNo: 0, ahead: 0 };
    serveApi(booking.handlers);
    const page = openPage(QUEUE, { registrationId: 'R1001' });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('您尚未签到，签到后才会进入排队');
    expect(textOf(page)).toContain('请到自助机或分诊台扫描就诊码签到（就诊码在首页就诊人卡片上）');
    expect(textOf(page)).toContain('当前叫号未开始');
    tap(page, '.show-code', '.van-button');
    await until(() => mocked(wx.switchTab).mock.calls.length === 1);
    expect(mocked(wx.switchTab).mock.calls[0]?.[0]).toMatchObject({ url: '/pages/home/index' });
  });

  it('refreshes every 15 s while open, shows the call prominently, and stops on hide and on unload', async () => {
    const booking = fakeBooking();
    const calls = serveApi(booking.handlers);
    const page = openPage(QUEUE, { registrationId: 'R1001' });
    await until(() => stateOf(page) === 'ready');
    const polls = () => callsOf(calls, 'queue.status').length;

    await jest.advanceTimersByTimeAsync(14_000);
    expect(polls()).toBe(1);
    booking.queue = { ...booking.queue, currentNo: 11, ahead: 0 };
    await jest.advanceTimersByTimeAsync(1_100);
    await until(() => polls() === 2);
    await untilText(page, '马上就到您了');

    booking.queue = { ...booking.queue, state: 'called', currentNo: 12 };
    await jest.advanceTimersByTimeAsync(15_100);
    await untilText(page, '请到呼吸科3诊室就诊');
    expect(polls()).toBe(3);

    page.triggerPageLifeTime('hide');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(polls()).toBe(3);
    page.triggerPageLifeTime('show');
    await until(() => polls() === 4);

    (page.instance.onUnload as () => void).call(page.instance);
    await jest.advanceTimersByTimeAsync(5 * 60_000);
    expect(polls()).toBe(4);
  });

  it('keeps the last numbers when a refresh fails, and shows a first failure with 重试', async () => {
    const booking = fakeBooking();
    const calls = serveApi(booking.handlers);
    const page = openPage(QUEUE, { registrationId: 'R1001' });
    await until(() => stateOf(page) === 'ready');
    booking.refuse['queue.status'] = { ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' };
    await jest.advanceTimersByTimeAsync(15_100);
    await until(() => callsOf(calls, 'queue.status').length === 2);
    await jest.advanceTimersByTimeAsync(50);
    expect(stateOf(page)).toBe('ready');
    expect(textOf(page)).toContain('您的号码12');
    // And it keeps refreshing.
    await jest.advanceTimersByTimeAsync(15_100);
    await until(() => callsOf(calls, 'queue.status').length === 3);
    page.detach();

    booking.refuse['queue.status'] = { ok: false, code: 'NOT_FOUND', message: '未找到相关信息' };
    const failing = openPage(QUEUE, { registrationId: 'R1001' });
    await until(() => stateOf(failing) === 'error');
    expect(textOf(failing)).toContain('未找到相关信息，请返回重新选择');
    tap(failing, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(failing) === 'ready');
    failing.detach();
  });
});
