/** 确认挂号信息 pages/booking-confirm: patient, slot, fee and rules; 预约 for a later date, 当日挂号 for today. */
import { fakeBooking, NOW } from './booking-helpers';
import { fakeAccount, find, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, untilText, XIAOBAO, ZHANG, type PageComponent } from './helpers';
import { answerPaySheet, callsOf, servePayments } from './payment-helpers';

beforeEach(() => {
  resetWx();
  jest.useFakeTimers({ now: NOW, advanceTimers: true });
});
afterEach(() => jest.useRealTimers());

const CONFIRM = 'pages/booking-confirm/index';

async function openConfirm(query: Record<string, string>): Promise<PageComponent> {
  const page = openPage(CONFIRM, query);
  await until(() => stateOf(page) === 'ready' && page.data.patientId !== '');
  return page;
}

/** Holds the answers to `action` until released, so a test can tap while the call is in flight. */
function holdAnswers(action: string): () => void {
  const serve = mocked(wx.request).getMockImplementation() as (options: { data: { action: string } }) => unknown;
  const held: (() => void)[] = [];
  mocked(wx.request).mockImplementation((options: { data: { action: string } }) => {
    if (options.data.action !== action) return serve(options);
    held.push(() => serve(options));
    return { abort: () => undefined };
  });
  return () => {
    for (const answer of held.splice(0)) answer();
  };
}

function submitButton(page: PageComponent): PageComponent {
  return find(page, '.submit', '.van-button');
}

async function switchTo(page: PageComponent, row: number): Promise<void> {
  tap(page, '.patient-bar', '.switch', '.van-button');
  await until(() => find(page, '.patient-bar').data.switcherShown === true);
  const sheet = find(page, '.patient-bar', '.switcher');
  await untilText(sheet, '张*宝');
  find(sheet, '.sheet').querySelectorAll('.van-action-sheet__item')[row]?.dispatchEvent('tap');
}

describe('确认挂号信息 pages/booking-confirm — 预约 (a later date)', () => {
  it('shows the current patient, the slot, the fee and the rules in plain words', async () => {
    const { calls } = servePayments(fakeBooking().payments, fakeBooking().handlers);
    const page = await openConfirm({ scheduleId: 'S4', slotId: 'S4-01' });
    const text = textOf(page);
    for (const part of ['就诊人：张*明', '切换就诊人', '李秀英 主治医师', '呼吸科', '12月2日 周三 上午', '08:00-08:15', '20.00元', '预约挂号须知']) expect(text).toContain(part);
    for (const rule of ['就诊当日0点前可在线取消预约', '就诊当日需在就诊时段开始前完成取号缴费', '无卡就诊人需先到医院自助机实名建卡']) expect(text).toContain(rule);
    expect(text).toContain('确认预约');
    expect(callsOf(calls, 'slot.list')).toEqual([{ scheduleId: 'S4' }]);
    expect(wx.setNavigationBarTitle).toHaveBeenCalledWith({ title: '确认预约挂号' });
  });

  it('books the slot for the current patient once, however often the button is tapped, then shows the success state', async () => {
    const booking = fakeBooking();
    const calls = serveApi(booking.handlers);
    const release = holdAnswers('appointment.create');
    const page = await openConfirm({ scheduleId: 'S4', slotId: 'S4-01' });
    submitButton(page).dispatchEvent('tap');
    await until(() => page.data.submitting === true);
    expect(find(page, '.submit').data.disabled).toBe(true);
    expect(find(page, '.submit').data.loading).toBe(true);
    submitButton(page).dispatchEvent('tap');
    submitButton(page).dispatchEvent('tap');
    void (page.instance.onSubmit as () => Promise<void>).call(page.instance);
    await jest.advanceTimersByTimeAsync(100);
    const sent = mocked(wx.request).mock.calls.filter(([options]) => (options as { data: { action: string } }).data.action === 'appointment.create');
    expect(sent).toHaveLength(1);
    release();
    await untilText(page, '预约成功');
    expect(callsOf(calls, 'appointment.create')).toEqual([{ patientId: ZHANG.patientId, slotId: 'S4-01', scheduleId: 'S4' }]);
    expect(booking.appointments).toHaveLength(1);
    const text = textOf(page);
    for (const part of ['张*明 · 李秀英 主治医师', '12月2日 周三 上午 08:00-08:15', '门诊楼3楼A区', '取号时间：12月2日 07:00–08:00', '12月2日 00:00前可在线取消']) expect(text).toContain(part);

    tap(page, '.open-appointments', '.van-button');
    await until(() => mocked(wx.redirectTo).mock.calls.length === 1);
    expect(mocked(wx.redirectTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/booking/appointments/index' });
  });

  it('books for the patient chosen in the switcher (card-less patients may book)', async () => {
    const booking = fakeBooking();
    const calls = serveApi(booking.handlers);
    const page = await openConfirm({ scheduleId: 'S4', slotId: 'S4-03' });
    await switchTo(page, 1);
    await until(() => page.data.patientId === XIAOBAO.patientId);
    expect(textOf(page)).toContain('就诊人：张*宝');
    tap(page, '.submit', '.van-button');
    await untilText(page, '预约成功');
    expect(callsOf(calls, 'appointment.create')).toEqual([{ patientId: XIAOBAO.patientId, slotId: 'S4-03', scheduleId: 'S4' }]);
  });

  it('on SOLD_OUT says the slot is gone and leads back to the grid, which asks again', async () => {
    const booking = fakeBooking();
    const calls = serveApi(booking.handlers);
    const page = await openConfirm({ scheduleId: 'S4', slotId: 'S4-01' });
    booking.slots.S4![0]!.available = false; // someone else was faster
    tap(page, '.submit', '.van-button');
    await untilText(page, '该时段已被预约，请选择其他时段');
    expect(callsOf(calls, 'appointment.create')).toHaveLength(1);
    expect(find(page, '.submit').data.disabled).toBe(true);
    expect(textOf(find(page, '.refusal'))).toContain('重新选择时段');
    tap(page, '.refusal__action', '.van-button');
    await until(() => mocked(wx.navigateBack).mock.calls.length === 1);
  });

  it('on LIMIT_REACHED says so and offers 我的预约; on RULE_VIOLATION shows the cloud’s words', async () => {
    const booking = fakeBooking();
    booking.refuse['appointment.create'] = { ok: false, code: 'LIMIT_REACHED', message: '最多同时持有3个有效预约' };
    serveApi(booking.handlers);
    const page = await openConfirm({ scheduleId: 'S4', slotId: 'S4-01' });
    tap(page, '.submit', '.van-button');
    await untilText(page, '最多同时持有3个有效预约，可在“我的预约”中取消不需要的预约后再约');
    tap(page, '.refusal__action', '.van-button');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/booking/appointments/index' });

    // The button is usable again after a refusal that is not about the slot.
    booking.refuse['appointment.create'] = { ok: false, code: 'RULE_VIOLATION', message: '同一医生同一时段只能预约一次' };
    expect(find(page, '.submit').data.disabled).toBe(false);
    tap(page, '.submit', '.van-button');
    await untilText(page, '同一医生同一时段只能预约一次');
    expect(textOf(find(page, '.refusal'))).toContain('查看我的预约');
  });

  it('asks to add a patient first when the account has none', async () => {
    const booking = fakeBooking();
    const calls = serveApi({ ...booking.handlers, ...fakeAccount([]).handlers, 'slot.list': booking.handlers['slot.list'] });
    const page = openPage(CONFIRM, { scheduleId: 'S4', slotId: 'S4-01' });
    await untilText(page, '还没有就诊人，请先添加就诊人');
    expect(find(page, '.submit').data.disabled).toBe(true);
    tap(page, '.blocker__action', '.van-button');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/patient/add/index' });
    expect(callsOf(calls, 'appointment.create')).toEqual([]);
  });

  it('says the slot is gone when it was taken before the page opened', async () => {
    serveApi(fakeBooking().handlers);
    const page = await openConfirm({ scheduleId: 'S4', slotId: 'S4-02' });
    expect(textOf(page)).toContain('该时段已被预约，请返回重新选择时段');
    expect(find(page, '.submit').data.disabled).toBe(true);
  });

  it('shows an unknown slot as an error that says to choose again', async () => {
    serveApi(fakeBooking().handlers);
    const page = openPage(CONFIRM, { scheduleId: 'S4', slotId: 'S4-99' });
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('未找到该时段，请返回重新选择');
  });
});

describe('确认挂号信息 pages/booking-confirm — 预约 where the hospital charges at booking', () => {
  it('says so in the rules and on the button, then pays at once and opens the payment result page', async () => {
    const booking = fakeBooking({ payAtBooking: true });
    const { calls, sandbox } = servePayments(booking.payments, booking.handlers);
    answerPaySheet('confirm');
    const page = await openConfirm({ scheduleId: 'S4', slotId: 'S4-01' });
    const text = textOf(page);
    for (const part of ['预约时缴纳挂号费，提交后请在10分钟内完成支付', '挂号费原路退回', '取号（无需再缴费）', '最多同时持有3个有效预约', '确认预约并支付 20.00元']) expect(text).toContain(part);
    tap(page, '.submit', '.van-button');
    await until(() => mocked(wx.redirectTo).mock.calls.length === 1);
    expect(callsOf(calls, 'appointment.create')).toEqual([{ patientId: ZHANG.patientId, slotId: 'S4-01', scheduleId: 'S4' }]);
    const outTradeNo = `Y${booking.appointments[0]!.appointmentId}N1`;
    expect(sandbox.map((s) => s.data)).toEqual([{ outTradeNo }]);
    expect(mocked(wx.redirectTo).mock.calls[0]?.[0]).toMatchObject({ url: `/packages/payment/result/index?outTradeNo=${outTradeNo}&outcome=paid` });
    expect(textOf(page)).not.toContain('预约成功');
  });

  it('a closed pay sheet still leads to the result page, where 继续支付 is offered', async () => {
    const booking = fakeBooking({ payAtBooking: true });
    const { sandbox } = servePayments(booking.payments, booking.handlers);
    answerPaySheet('cancel');
    const page = await openConfirm({ scheduleId: 'S4', slotId: 'S4-01' });
    tap(page, '.submit', '.van-button');
    await until(() => mocked(wx.redirectTo).mock.calls.length === 1);
    expect(sandbox).toEqual([]);
    expect(String((mocked(wx.redirectTo).mock.calls[0]?.[0] as { url: string }).url)).toMatch(/outcome=cancelled$/);
  });
});

describe('确认挂号信息 pages/booking-confirm — 当日挂号 (today)', () => {
  it('registers, pays at once and opens the payment result page', async () => {
    const booking = fakeBooking();
    const { calls, sandbox } = servePayments(booking.payments, booking.handlers);
    answerPaySheet('confirm');
    const page = await openConfirm({ scheduleId: 'S1', slotId: 'S1-10' });
    const text = textOf(page);
    for (const part of ['当日挂号须知', '当日挂号需已绑定实名认证的就诊卡', '提交后请在10分钟内完成支付，超时号源自动释放', '确认挂号并支付 50.00元']) expect(text).toContain(part);
    tap(page, '.submit', '.van-button');
    tap(page, '.submit', '.van-button');
    await until(() => mocked(wx.redirectTo).mock.calls.length === 1);
    expect(callsOf(calls, 'registration.create')).toEqual([{ patientId: ZHANG.patientId, slotId: 'S1-10', scheduleId: 'S1' }]);
    expect(callsOf(calls, 'appointment.create')).toEqual([]);
    expect(sandbox.map((s) => s.data)).toEqual([{ outTradeNo: 'G0001N1' }]);
    expect(mocked(wx.redirectTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/payment/result/index?outTradeNo=G0001N1&outcome=paid' });
    expect(booking.payments.order('G0001N1').status).toBe('paid');
  });

  it('still opens the result page (with 继续支付) when the patient closes the pay sheet', async () => {
    const booking = fakeBooking();
    const { sandbox } = servePayments(booking.payments, booking.handlers);
    answerPaySheet('cancel');
    const page = await openConfirm({ scheduleId: 'S1', slotId: 'S1-10' });
    tap(page, '.submit', '.van-button');
    await until(() => mocked(wx.redirectTo).mock.calls.length === 1);
    expect(sandbox).toEqual([]);
    expect(mocked(wx.redirectTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/payment/result/index?outTradeNo=G0001N1&outcome=cancelled' });
  });

  it('asks a patient without a verified card to bind one first, and sends nothing', async () => {
    const booking = fakeBooking();
    const calls = serveApi(booking.handlers);
    const page = await openConfirm({ scheduleId: 'S1', slotId: 'S1-10' });
    await switchTo(page, 1);
    await untilText(page, '当日挂号需绑定已实名认证的就诊卡，张*宝尚未绑定');
    expect(find(page, '.submit').data.disabled).toBe(true);
    tap(page, '.submit', '.van-button');
    tap(page, '.blocker__action', '.van-button');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: `/packages/patient/card/index?patientId=${XIAOBAO.patientId}` });
    expect(callsOf(calls, 'registration.create')).toEqual([]);
  });

  it('on SOLD_OUT charges nothing and leads back to the grid', async () => {
    const booking = fakeBooking();
    const { calls, sandbox } = servePayments(booking.payments, booking.handlers);
    const page = await openConfirm({ scheduleId: 'S1', slotId: 'S1-10' });
    booking.slots.S1![0]!.available = false;
    tap(page, '.submit', '.van-button');
    await untilText(page, '该时段已被预约，请选择其他时段');
    expect(callsOf(calls, 'registration.create')).toHaveLength(1);
    expect(sandbox).toEqual([]);
    expect(wx.showModal).not.toHaveBeenCalled();
    expect(wx.redirectTo).not.toHaveBeenCalled();
  });
});
