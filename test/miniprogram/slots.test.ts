/** 选择就诊时段 pages/slots: the session and its slots as a grid of choices. */
import { fakeBooking, LATER_SESSION, NOW } from './booking-helpers';
import { find, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, untilText, type PageComponent } from './helpers';

beforeEach(() => {
  resetWx();
  jest.useFakeTimers({ now: NOW, advanceTimers: true });
});
afterEach(() => jest.useRealTimers());

const SLOTS = 'pages/slots/index';

function slotButtons(page: PageComponent): { text: string; node: PageComponent }[] {
  return page.querySelectorAll('.slot').map((node) => ({ text: (node.dom?.textContent ?? '').replace(/\s+/g, ' ').trim(), node }));
}

describe('选择就诊时段 pages/slots', () => {
  it('shows the session and its slots, 可约 or 已约, in time order', async () => {
    const booking = fakeBooking();
    const calls = serveApi(booking.handlers);
    const page = openPage(SLOTS, { scheduleId: 'S4' });
    expect(stateOf(page)).toBe('loading');
    await until(() => stateOf(page) === 'ready');
    expect(calls.map((c) => ({ action: c.action, data: c.data }))).toEqual([{ action: 'slot.list', data: { scheduleId: 'S4' } }]);
    const text = textOf(page);
    for (const part of ['李秀英', '主治医师', '呼吸科', '12月2日 周三 上午', '08:00-12:00', '20.00元', '预约挂号', '可约2个']) expect(text).toContain(part);
    expect(slotButtons(page).map((b) => b.text)).toEqual(['08:00-08:15可约', '08:15-08:30已约', '08:30-08:45可约']);
    expect(wx.setNavigationBarTitle).toHaveBeenCalledWith({ title: `${LATER_SESSION.doctorName} 12月2日 周三 上午` });
  });

  it('opens the confirmation with the ids when an available slot is tapped, and ignores a taken one', async () => {
    serveApi(fakeBooking().handlers);
    const page = openPage(SLOTS, { scheduleId: 'S4' });
    await until(() => stateOf(page) === 'ready');
    const [free, taken] = slotButtons(page);
    find(taken!.node, '.van-button').dispatchEvent('tap');
    find(free!.node, '.van-button').dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    await jest.advanceTimersByTimeAsync(50);
    expect(mocked(wx.navigateTo).mock.calls).toHaveLength(1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/pages/booking-confirm/index?scheduleId=S4&slotId=S4-01' });
  });

  it('marks today’s session as 当日挂号', async () => {
    serveApi(fakeBooking().handlers);
    const page = openPage(SLOTS, { scheduleId: 'S1' });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('当日挂号');
    expect(textOf(page)).toContain('挂号后需立即支付挂号费');
  });

  it('says so when every slot is taken, and asks again when the page shows again', async () => {
    const booking = fakeBooking();
    for (const slot of booking.slots.S4!) slot.available = false;
    const calls = serveApi(booking.handlers);
    const page = openPage(SLOTS, { scheduleId: 'S4' });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('本时段号源已约满，请选择其他医生或日期');
    expect(slotButtons(page).every((b) => b.text.includes('已约'))).toBe(true);

    booking.slots.S4![2]!.available = true; // someone cancelled
    page.triggerPageLifeTime('show');
    await until(() => calls.length === 2);
    await untilText(page, '可约1个');
    expect(textOf(page)).not.toContain('本时段号源已约满');
  });

  it('shows the empty state for a session without slots, and for a stopped one', async () => {
    const booking = fakeBooking();
    booking.slots.S4 = [];
    serveApi(booking.handlers);
    const page = openPage(SLOTS, { scheduleId: 'S4' });
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('本时段暂无可预约号源，请选择其他医生或日期');

    serveApi({ ...booking.handlers, 'slot.list': () => ({ ok: true, data: { schedule: { ...LATER_SESSION, status: 'stopped' }, slots: [] } }) });
    const stopped = openPage(SLOTS, { scheduleId: 'S4' });
    await until(() => stateOf(stopped) === 'empty');
    expect(textOf(stopped)).toContain('该医生本时段停诊，请选择其他医生或日期');
  });

  it('shows the error with 重试, and without a schedule asks to choose again', async () => {
    const booking = fakeBooking();
    const calls = serveApi({ ...booking.handlers, 'slot.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage(SLOTS, { scheduleId: 'S4' });
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('医院系统暂时无法连接，请稍后再试');
    serveApi(booking.handlers);
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(page) === 'ready');
    expect(calls).toHaveLength(1);

    const none = openPage(SLOTS, {});
    await until(() => stateOf(none) === 'error');
    expect(textOf(none)).toContain('未找到该出诊安排，请返回重新选择');
  });
});
