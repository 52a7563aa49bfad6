/** 住院服务 packages/inpatient: stays and balance, binding by 住院号, 每日清单 by day, 缴纳押金 and its result. */
import { failNetwork, find, mocked, openPage, resetWx, stateOf, tap, textOf, until, untilText, type PageComponent } from './helpers';
import { ZHANG } from './helpers';
import { answerPaySheet, callsOf, servePayments } from './payment-helpers';
import { CURRENT_STAY, fakeWard, PAST_STAY } from './inpatient-helpers';
import { serveApi } from './helpers';

beforeEach(resetWx);

const INDEX = 'packages/inpatient/index/index';
const DAILY = 'packages/inpatient/daily/index';
const DEPOSIT = 'packages/inpatient/deposit/index';
const RESULT = 'packages/payment/result/index';

function navigatedTo(): string[] {
  return mocked(wx.navigateTo).mock.calls.map(([options]) => (options as { url: string }).url);
}

function redirectedTo(): string[] {
  return mocked(wx.redirectTo).mock.calls.map(([options]) => (options as { url: string }).url);
}

/** Types into a van-field, as the patient does. */
function type(page: PageComponent, selector: string, text: string): void {
  find(page, selector).dispatchEvent('change', { detail: text });
}

describe('住院服务 packages/inpatient/index', () => {
  it('shows the current stay with its balance, a low-balance warning and what to do, and past stays below', async () => {
    const ward = fakeWard();
    const { calls } = servePayments(ward.payments, ward.handlers);
    const page = openPage(INDEX);
    expect(textOf(page)).toContain('正在获取住院信息');
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'inpatient.list')).toEqual([{ patientId: ZHANG.patientId }]);

    const card = textOf(find(page, '.stay'));
    for (const text of ['呼吸科 · 呼吸科病区', '在院', '押金余额', '749.50元', '余额不足，请及时缴纳押金', '30000002', '住院楼6楼东 12床', '王建国', '2026-11-28', '2000.00元', '1250.50元']) expect(card).toContain(text);
    expect(textOf(find(page, '.past'))).toContain('消化科 · 消化科病区');
    expect(textOf(find(page, '.past'))).toContain('2026-05-02 至 2026-05-06');

    tap(page, '.deposit', '.van-button');
    tap(page, '.daily', '.van-button');
    await until(() => navigatedTo().length === 2);
    expect(navigatedTo()).toEqual([
      `/packages/inpatient/deposit/index?patientId=${ZHANG.patientId}&stayId=${CURRENT_STAY.stayId}`,
      `/packages/inpatient/daily/index?patientId=${ZHANG.patientId}&stayId=${CURRENT_STAY.stayId}&date=2026-11-30`,
    ]);
  });

  it('offers no deposit for a stay settling at the cashier', async () => {
    const ward = fakeWard({ stays: [{ ...CURRENT_STAY, status: 'settling', canDeposit: false, lowBalance: false, dischargedAt: '2026-11-30T02:00:00.000Z' }] });
    servePayments(ward.payments, ward.handlers);
    const page = openPage(INDEX);
    await until(() => stateOf(page) === 'ready');
    expect(textOf(find(page, '.stay'))).toContain('出院结算中');
    expect(page.querySelectorAll('.deposit')).toHaveLength(0);
  });

  it('binds a stay by 住院号: a wrong number says so under the field, the right one lists the stay', async () => {
    const ward = fakeWard({ stays: [], unbound: [CURRENT_STAY] });
    const { calls } = servePayments(ward.payments, ward.handlers);
    const page = openPage(INDEX);
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('暂无住院记录');

    tap(page, '.bind-button', '.van-button');
    await untilText(page, '请输入住院号');
    expect(callsOf(calls, 'inpatient.bind')).toEqual([]);

    type(page, '.admission-no', '39999999');
    tap(page, '.bind-button', '.van-button');
    await untilText(page, '未找到该住院记录，请核对住院号');
    type(page, '.admission-no', CURRENT_STAY.admissionNo);
    tap(page, '.bind-button', '.van-button');
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'inpatient.bind')).toEqual([
      { patientId: ZHANG.patientId, admissionNo: '39999999' },
      { patientId: ZHANG.patientId, admissionNo: CURRENT_STAY.admissionNo },
    ]);
    expect(textOf(find(page, '.stay'))).toContain('749.50元');
    expect(mocked(wx.showToast)).toHaveBeenCalledWith(expect.objectContaining({ title: '绑定成功' }));
  });

  it('asks for a patient first when the account has none, and shows a failure with 重试', async () => {
    serveApi();
    const page = openPage(INDEX);
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('还没有就诊人');
    tap(page, '.add-patient', '.van-button');
    await until(() => navigatedTo().length === 1);
    expect(navigatedTo()).toEqual(['/packages/patient/add/index']);

    failNetwork();
    const failing = openPage(INDEX);
    await until(() => stateOf(failing) === 'error');
    expect(textOf(failing)).toContain('重试');
  });
});

describe('每日清单 packages/inpatient/daily', () => {
  it('shows a day’s subtotals by category and its items, and steps through the days of the stay', async () => {
    const ward = fakeWard();
    const { calls } = servePayments(ward.payments, ward.handlers);
    const page = openPage(DAILY, { patientId: ZHANG.patientId, stayId: CURRENT_STAY.stayId, date: '2026-11-30' });
    expect(textOf(page)).toContain('正在获取每日清单');
    await until(() => stateOf(page) === 'ready');
    const text = textOf(page);
    for (const t of ['2026-11-30 周一', '呼吸科 · 呼吸科病区', '床位费', '45.00元', '护理费', '36.00元', '药品费', '25.60元', '检验费', '20.00元', '当日合计', '126.60元', '注射用头孢曲松钠', '2支 × 12.80元']) expect(text).toContain(t);
    // The last day so far: no 后一天.
    expect(find(page, '.next').data.disabled).toBe(true);

    tap(page, '.prev', '.van-button');
    await untilText(page, '2026-11-29 周日');
    await until(() => stateOf(page) === 'ready' && find(page, '.prev').data.disabled === false);
    expect(find(page, '.next').data.disabled).toBe(false);
    tap(page, '.prev', '.van-button');
    await untilText(page, '2026-11-28 周六');
    await until(() => stateOf(page) === 'ready');
    expect(find(page, '.prev').data.disabled).toBe(true);
    expect(callsOf(calls, 'inpatient.daily').map((c) => (c as { date: string }).date)).toEqual(['2026-11-30', '2026-11-29', '2026-11-28']);
  });

  it('says so for a day without charges', async () => {
    const ward = fakeWard();
    ward.emptyDays.push('2026-11-29');
    servePayments(ward.payments, ward.handlers);
    const page = openPage(DAILY, { patientId: ZHANG.patientId, stayId: CURRENT_STAY.stayId, date: '2026-11-29' });
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('当日暂无费用');
  });
});

describe('缴纳押金 packages/inpatient/deposit', () => {
  it('pays a preset amount with WeChat Pay and follows it on the payment result page', async () => {
    const ward = fakeWard();
    const { calls, sandbox } = servePayments(ward.payments, ward.handlers);
    answerPaySheet('confirm');
    const page = openPage(DEPOSIT, { patientId: ZHANG.patientId, stayId: CURRENT_STAY.stayId });
    await until(() => stateOf(page) === 'ready');
    for (const t of ['当前押金余额 749.50元', '1000元', '2000元', '5000元', '确认缴纳 1000.00元']) expect(textOf(page)).toContain(t);

    const presets = page.querySelectorAll('.preset');
    find(presets[1]!, '.van-button').dispatchEvent('tap');
    await untilText(page, '确认缴纳 2000.00元');
    tap(page, '.pay', '.van-button');
    await until(() => redirectedTo().length === 1);
    expect(callsOf(calls, 'inpatient.deposit')).toEqual([{ patientId: ZHANG.patientId, stayId: CURRENT_STAY.stayId, amount: 200_000 }]);
    expect(sandbox).toHaveLength(1);
    expect(redirectedTo()[0]).toBe('/packages/payment/result/index?outTradeNo=Z0001N1&outcome=paid');
  });

  it('checks a typed amount before anything is charged: at least 100, at most 50000 yuan, to the fen', async () => {
    const ward = fakeWard();
    const { calls } = servePayments(ward.payments, ward.handlers);
    const page = openPage(DEPOSIT, { patientId: ZHANG.patientId, stayId: CURRENT_STAY.stayId });
    await until(() => stateOf(page) === 'ready');
    for (const [typed, message] of [
      ['99.99', '单笔押金不能少于100元'],
      ['50000.01', '单笔押金不能超过50000元'],
      ['100.555', '请输入正确的金额'],
      ['abc', '请输入正确的金额'],
    ]) {
      type(page, '.custom', typed!);
      tap(page, '.pay', '.van-button');
      await untilText(page, message!);
    }
    expect(callsOf(calls, 'inpatient.deposit')).toEqual([]);

    answerPaySheet('cancel');
    type(page, '.custom', '1234.56');
    await untilText(page, '确认缴纳 1234.56元');
    tap(page, '.pay', '.van-button');
    await until(() => redirectedTo().length === 1);
    expect(callsOf(calls, 'inpatient.deposit')).toEqual([{ patientId: ZHANG.patientId, stayId: CURRENT_STAY.stayId, amount: 123_456 }]);
    expect(redirectedTo()[0]).toContain('outcome=cancelled');
  });

  it('refuses a discharged stay with what to do instead', async () => {
    const ward = fakeWard();
    servePayments(ward.payments, ward.handlers);
    const page = openPage(DEPOSIT, { patientId: ZHANG.patientId, stayId: PAST_STAY.stayId });
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('押金请到住院处办理');
  });

  it('the result page of a confirmed deposit says the balance is updated and leads back to 住院服务', async () => {
    const ward = fakeWard();
    servePayments(ward.payments, ward.handlers);
    const placed = ward.handlers['inpatient.deposit']!({ patientId: ZHANG.patientId, stayId: CURRENT_STAY.stayId, amount: 100_000 });
    if (!placed.ok) throw new Error('no order');
    ward.payments.settle(placed.data.order.outTradeNo, 'confirmed', { receiptNo: 'SJ20261130000001' });
    const page = openPage(RESULT, { outTradeNo: placed.data.order.outTradeNo });
    await until(() => stateOf(page) === 'ready');
    for (const t of ['已完成', '住院押金', '1000.00元', '住院押金余额已更新', 'SJ20261130000001']) expect(textOf(page)).toContain(t);
    tap(page, '.inpatient', '.van-button');
    await until(() => redirectedTo().length === 1);
    expect(redirectedTo()).toEqual(['/packages/inpatient/index/index']);
  });
});
