/** 我的预约 packages/booking/appointments: upcoming first, 取消预约 after confirming, 取号缴费 in the window. */
import { appointment, fakeBooking, NOW } from './booking-helpers';
import { find, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, untilText, XIAOBAO, type PageComponent } from './helpers';
import { answerPaySheet, callsOf, servePayments } from './payment-helpers';

beforeEach(() => {
  resetWx();
  jest.useFakeTimers({ now: NOW, advanceTimers: true });
});
afterEach(() => jest.useRealTimers());

const APPOINTMENTS = 'packages/booking/appointments/index';

/** Wednesday with 李秀英: cancellable, the window not open yet. */
const LATER = appointment();
/** Today at 10:00 with 王建国: not cancellable any more, the window open (07:00–10:00). */
const TODAY = appointment({
  appointmentId: 'A1002',
  scheduleId: 'S1',
  slotId: 'S1-10',
  doctorName: '王建国',
  title: '主任医师',
  date: '2026-11-30',
  startTime: '10:00',
  endTime: '10:15',
  fee: 5000,
  cancelDeadline: '2026-11-29T16:00:00.000Z',
  canCancel: false,
  takeNumber: { opensAt: '2026-11-29T23:00:00.000Z', closesAt: '2026-11-30T02:00:00.000Z', canTakeNow: true },
});
/** Cancelled last week. */
const CANCELLED = appointment({ appointmentId: 'A0900', date: '2026-11-23', status: 'cancelled', statusLabel: '已取消', canCancel: false });

function rows(page: PageComponent): string[] {
  return page.querySelectorAll('.appointment').map((row) => (row.dom?.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** An appointment's button (`cancel` or `take-number`), if the page offers it. */
function button(page: PageComponent, kind: 'cancel' | 'take-number', appointmentId: string): PageComponent | undefined {
  return page.querySelector(`.${kind}-${appointmentId}`);
}

function dialog(page: PageComponent): PageComponent {
  return find(page, '.confirm-cancel');
}

function answerDialog(page: PageComponent, answer: '暂不取消' | '确定取消'): void {
  const button = dialog(page)
    .querySelectorAll('.van-dialog__button')
    .find((b) => (b.dom?.textContent ?? '').includes(answer));
  if (!button) throw new Error(`no ${answer} in the dialog`);
  find(button, '.van-button').dispatchEvent('tap');
}

describe('我的预约 packages/booking/appointments', () => {
  it('lists upcoming appointments first, soonest first, with status, place and the take-number window', async () => {
    const booking = fakeBooking({ appointments: [CANCELLED, LATER, TODAY] });
    const calls = serveApi(booking.handlers);
    const page = openPage(APPOINTMENTS);
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'appointment.list')).toEqual([{}]);
    const [today, later, cancelled] = rows(page);
    expect(today).toContain('王建国 主任医师');
    expect(today).toContain('11月30日 周一 上午 10:00-10:15');
    expect(today).toContain('取号时间：11月30日 07:00–10:00');
    expect(later).toContain('李秀英 主治医师');
    expect(later).toContain('12月2日 周三 上午 08:00-08:15');
    expect(later).toContain('已预约');
    expect(later).toContain('门诊楼3楼A区');
    expect(later).toContain('就诊人：张*明');
    expect(later).toContain('取号时间：12月2日 07:00–08:00');
    expect(cancelled).toContain('已取消');
    expect(cancelled).not.toContain('取号时间');
  });

  it('offers 取号缴费 only while the window is open, and 取消预约 only while cancellable, with the reason when not', async () => {
    serveApi(fakeBooking({ appointments: [LATER, TODAY, CANCELLED] }).handlers);
    const page = openPage(APPOINTMENTS);
    await until(() => stateOf(page) === 'ready');
    // Today's: no cancel, the explanation instead, and 取号缴费.
    expect(button(page, 'cancel', TODAY.appointmentId)).toBeUndefined();
    expect(button(page, 'take-number', TODAY.appointmentId)).toBeDefined();
    expect(rows(page)[0]).toContain('就诊当日不可在线取消预约，请到窗口办理');
    // Wednesday's: cancellable, nothing to take yet.
    expect(button(page, 'cancel', LATER.appointmentId)).toBeDefined();
    expect(button(page, 'take-number', LATER.appointmentId)).toBeUndefined();
    expect(rows(page)[1]).not.toContain('不可在线取消');
    // Cancelled: nothing to do.
    expect(button(page, 'cancel', CANCELLED.appointmentId)).toBeUndefined();
    expect(button(page, 'take-number', CANCELLED.appointmentId)).toBeUndefined();
    expect(rows(page)[2]).not.toContain('不可在线取消');
  });

  it('cancels only after the patient confirms in a dialog naming the doctor and the time', async () => {
    const booking = fakeBooking({ appointments: [LATER] });
    const calls = serveApi(booking.handlers);
    const page = openPage(APPOINTMENTS);
    await until(() => stateOf(page) === 'ready');

    tap(page, `.cancel-${LATER.appointmentId}`, '.van-button');
    await until(() => dialog(page).data.show === true);
    await untilText(dialog(page), '确定取消张*明的预约吗？');
    expect(textOf(dialog(page))).toContain('李秀英医生');
    expect(textOf(dialog(page))).toContain('12月2日 周三 上午 08:00-08:15');
    answerDialog(page, '暂不取消');
    await until(() => page.data.confirmShown === false);
    await jest.advanceTimersByTimeAsync(50);
    expect(callsOf(calls, 'appointment.cancel')).toEqual([]);

    tap(page, `.cancel-${LATER.appointmentId}`, '.van-button');
    await until(() => dialog(page).data.show === true);
    answerDialog(page, '确定取消');
    await until(() => callsOf(calls, 'appointment.cancel').length === 1);
    expect(callsOf(calls, 'appointment.cancel')).toEqual([{ appointmentId: LATER.appointmentId }]);
    await until(() => rows(page)[0]?.includes('已取消') === true);
    expect(button(page, 'cancel', LATER.appointmentId)).toBeUndefined();
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '已取消预约' });
  });

  it('shows the cloud’s refusal of a late cancel and what to do', async () => {
    const booking = fakeBooking({ appointments: [LATER] });
    booking.refuse['appointment.cancel'] = { ok: false, code: 'RULE_VIOLATION', message: '就诊当日不可在线取消预约，请到窗口办理' };
    const calls = serveApi(booking.handlers);
    const page = openPage(APPOINTMENTS);
    await until(() => stateOf(page) === 'ready');
    tap(page, `.cancel-${LATER.appointmentId}`, '.van-button');
    await until(() => dialog(page).data.show === true);
    answerDialog(page, '确定取消');
    await until(() => page.querySelector('.action-error') !== undefined);
    expect(textOf(find(page, '.action-error'))).toContain('就诊当日不可在线取消预约，请到窗口办理');
    // The list is asked again, to show the appointment as it is now.
    await until(() => callsOf(calls, 'appointment.list').length === 2);
  });

  it('takes the number: an order for the fee, the pay sheet, then the payment result page', async () => {
    const booking = fakeBooking({ appointments: [TODAY] });
    const { calls, sandbox } = servePayments(booking.payments, booking.handlers);
    answerPaySheet('confirm');
    const page = openPage(APPOINTMENTS);
    await until(() => stateOf(page) === 'ready');
    tap(page, `.take-number-${TODAY.appointmentId}`, '.van-button');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(callsOf(calls, 'appointment.takeNumber')).toEqual([{ appointmentId: TODAY.appointmentId }]);
    expect(sandbox.map((s) => s.data)).toEqual([{ outTradeNo: 'T0001N1' }]);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/payment/result/index?outTradeNo=T0001N1&outcome=paid' });
  });

  it('a held appointment (charged at booking) says until when to pay and offers 去支付: the same order, the pay sheet, the result page', async () => {
    const holdExpiresAt = new Date(NOW + 6 * 60_000).toISOString();
    const HELD = { ...LATER, status: 'held' as const, statusLabel: '待支付', canPay: true, holdExpiresAt };
    const booking = fakeBooking({ appointments: [HELD], payAtBooking: true });
    const { calls, sandbox } = servePayments(booking.payments, booking.handlers);
    answerPaySheet('confirm');
    const page = openPage(APPOINTMENTS);
    await until(() => stateOf(page) === 'ready');
    expect(rows(page)[0]).toContain('待支付');
    expect(rows(page)[0]).toMatch(/请在\d{2}:\d{2}前完成支付，超时号源自动释放/);
    tap(page, `.pay-${HELD.appointmentId}`, '.van-button');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(callsOf(calls, 'appointment.pay')).toEqual([{ appointmentId: HELD.appointmentId }]);
    expect(sandbox.map((s) => s.data)).toEqual([{ outTradeNo: `Y${HELD.appointmentId}N1` }]);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: `/packages/payment/result/index?outTradeNo=Y${HELD.appointmentId}N1&outcome=paid` });
  });

  it('paid at booking: 取号 takes the number without a payment, and cancelling says the fee goes back', async () => {
    const PREPAID = { ...TODAY, prepaid: true, outTradeNo: 'YA1002N1' };
    const booking = fakeBooking({ appointments: [PREPAID, { ...LATER, prepaid: true, outTradeNo: 'YA1001N1' }] });
    const { calls, sandbox } = servePayments(booking.payments, booking.handlers);
    const page = openPage(APPOINTMENTS);
    await until(() => stateOf(page) === 'ready');
    expect(rows(page)[0]).toContain('挂号费 50.00元（已缴）');
    expect(textOf(find(page, `.take-number-${PREPAID.appointmentId}`))).toBe('取号');
    tap(page, `.take-number-${PREPAID.appointmentId}`, '.van-button');
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '取号成功' });
    expect(callsOf(calls, 'appointment.takeNumber')).toEqual([{ appointmentId: PREPAID.appointmentId }]);
    expect(sandbox).toEqual([]);
    expect(wx.navigateTo).not.toHaveBeenCalled();
    await untilText(page, '已取号，可在“我的挂号”中查看排队叫号');

    tap(page, `.cancel-${LATER.appointmentId}`, '.van-button');
    await until(() => dialog(page).data.show === true);
    expect(page.data.confirmMessage).toContain('挂号费将原路退回');
  });

  it('explains a refused take-number (no verified card) and keeps the page usable', async () => {
    const booking = fakeBooking({ appointments: [{ ...TODAY, patientId: XIAOBAO.patientId, patientName: XIAOBAO.name }] });
    booking.refuse['appointment.takeNumber'] = { ok: false, code: 'RULE_VIOLATION', message: '在线取号需绑定已实名认证的就诊卡，请绑定后再取号，或到医院自助机取号' };
    serveApi(booking.handlers);
    const page = openPage(APPOINTMENTS);
    await until(() => stateOf(page) === 'ready');
    tap(page, `.take-number-${TODAY.appointmentId}`, '.van-button');
    await until(() => page.querySelector('.action-error') !== undefined);
    expect(textOf(find(page, '.action-error'))).toContain('在线取号需绑定已实名认证的就诊卡');
    expect(wx.navigateTo).not.toHaveBeenCalled();
    expect(page.data.busyId).toBe('');
  });

  it('says 暂无预约记录 and offers 去预约挂号', async () => {
    serveApi(fakeBooking().handlers);
    const page = openPage(APPOINTMENTS);
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('暂无预约记录');
    tap(page, '.book', '.van-button');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/pages/departments/index' });
  });

  it('shows a failed load with 重试', async () => {
    const booking = fakeBooking({ appointments: [LATER] });
    serveApi({ ...booking.handlers, 'appointment.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage(APPOINTMENTS);
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('医院系统暂时无法连接，请稍后再试');
    serveApi(booking.handlers);
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(page) === 'ready');
  });
});
