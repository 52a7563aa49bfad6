/** 我的挂号 packages/booking/registrations: 退号 after confirming (refund to the original path), 排队叫号. */
import { fakeBooking, NOW, registration } from './booking-helpers';
import { find, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, untilText, type PageComponent } from './helpers';
import { callsOf } from './payment-helpers';

beforeEach(() => {
  resetWx();
  jest.useFakeTimers({ now: NOW, advanceTimers: true });
});
afterEach(() => jest.useRealTimers());

const REGISTRATIONS = 'packages/booking/registrations/index';

const TODAY = registration();
const VISITED = registration({ registrationId: 'R0900', date: '2026-11-20', status: 'visited', statusLabel: '已就诊', source: 'take-number', queueNo: 5, canRefund: false });

function rows(page: PageComponent): string[] {
  return page.querySelectorAll('.registration').map((row) => (row.dom?.textContent ?? '').replace(/\s+/g, ' ').trim());
}

function dialog(page: PageComponent): PageComponent {
  return find(page, '.confirm-refund');
}

function answerDialog(page: PageComponent, answer: '暂不退号' | '确定退号'): void {
  const button = dialog(page)
    .querySelectorAll('.van-dialog__button')
    .find((b) => (b.dom?.textContent ?? '').includes(answer));
  if (!button) throw new Error(`no ${answer} in the dialog`);
  find(button, '.van-button').dispatchEvent('tap');
}

describe('我的挂号 packages/booking/registrations', () => {
  it('lists registrations latest first with the queue number, 退号 and 排队叫号 only where they apply', async () => {
    const calls = serveApi(fakeBooking({ registrations: [VISITED, TODAY] }).handlers);
    const page = openPage(REGISTRATIONS);
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'registration.list')).toEqual([{}]);
    const [today, visited] = rows(page);
    for (const part of ['王建国 主任医师', '已挂号', '当日挂号', '50.00元', '11月30日 周一 上午 10:00-10:15', '就诊人：张*明', '第12号']) expect(today).toContain(part);
    expect(visited).toContain('已就诊');
    expect(visited).toContain('预约取号');
    expect(page.querySelector(`.refund-${TODAY.registrationId}`)).toBeDefined();
    expect(page.querySelector(`.queue-${TODAY.registrationId}`)).toBeDefined();
    expect(page.querySelector(`.refund-${VISITED.registrationId}`)).toBeUndefined();
    expect(page.querySelector(`.queue-${VISITED.registrationId}`)).toBeUndefined();
  });

  it('refunds only after the patient confirms, and says the money goes back the way it came', async () => {
    const booking = fakeBooking({ registrations: [TODAY] });
    const calls = serveApi(booking.handlers);
    const page = openPage(REGISTRATIONS);
    await until(() => stateOf(page) === 'ready');

    tap(page, `.refund-${TODAY.registrationId}`, '.van-button');
    await until(() => dialog(page).data.show === true);
    await untilText(dialog(page), '确定为张*明退号吗？');
    expect(textOf(dialog(page))).toContain('王建国医生');
    expect(textOf(dialog(page))).toContain('退款将原路退回');
    answerDialog(page, '暂不退号');
    await until(() => page.data.confirmShown === false);
    await jest.advanceTimersByTimeAsync(50);
    expect(callsOf(calls, 'registration.refund')).toEqual([]);

    tap(page, `.refund-${TODAY.registrationId}`, '.van-button');
    await until(() => dialog(page).data.show === true);
    answerDialog(page, '确定退号');
    await until(() => callsOf(calls, 'registration.refund').length === 1);
    expect(callsOf(calls, 'registration.refund')).toEqual([{ registrationId: TODAY.registrationId }]);
    await until(() => rows(page)[0]?.includes('已退号') === true);
    expect(rows(page)[0]).toContain('退款将原路退回');
    expect(page.querySelector(`.refund-${TODAY.registrationId}`)).toBeUndefined();
    expect(page.querySelector(`.queue-${TODAY.registrationId}`)).toBeUndefined();
    expect(mocked(wx.showModal).mock.calls[0]?.[0]).toMatchObject({ title: '退号成功', content: '退款将原路退回，一般1-3个工作日到账' });
  });

  it('shows the hospital’s refusal (already checked in) and asks for the list again', async () => {
    const booking = fakeBooking({ registrations: [TODAY] });
    booking.refuse['registration.refund'] = { ok: false, code: 'RULE_VIOLATION', message: '已签到的挂号不能在线退号，请到窗口办理' };
    const calls = serveApi(booking.handlers);
    const page = openPage(REGISTRATIONS);
    await until(() => stateOf(page) === 'ready');
    tap(page, `.refund-${TODAY.registrationId}`, '.van-button');
    await until(() => dialog(page).data.show === true);
    answerDialog(page, '确定退号');
    await until(() => page.querySelector('.action-error') !== undefined);
    expect(textOf(find(page, '.action-error'))).toContain('已签到的挂号不能在线退号，请到窗口办理');
    await until(() => callsOf(calls, 'registration.list').length === 2);
  });

  it('opens the queue of a registration, for its own patient (whose check-in code the queue shows)', async () => {
    serveApi(fakeBooking({ registrations: [TODAY] }).handlers);
    const page = openPage(REGISTRATIONS);
    await until(() => stateOf(page) === 'ready');
    tap(page, `.queue-${TODAY.registrationId}`, '.van-button');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: `/packages/booking/queue/index?registrationId=R1001&patientId=${TODAY.patientId}` });
  });

  it('says 暂无挂号记录 and offers 去预约挂号', async () => {
    serveApi(fakeBooking().handlers);
    const page = openPage(REGISTRATIONS);
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('暂无挂号记录');
    expect(page.querySelector('.book')).toBeDefined();
  });
});
