/** 费用查询 packages/payment/costs: the current patient's visits, paid and pending, with receipts. */
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import { fakeAccount, find, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, XIAOBAO, ZHANG } from './helpers';
import { callsOf, fakePayments, servePayments } from './payment-helpers';

beforeEach(resetWx);

const COSTS = 'packages/payment/costs/index';

describe('费用查询 packages/payment/costs', () => {
  it('lists the visits latest first with total, paid, pending, each bill’s status and receipt', async () => {
    const { calls } = servePayments(fakePayments());
    const page = openPage(COSTS);
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'cost.list')).toEqual([{ patientId: ZHANG.patientId }]);
    const visits = page.querySelectorAll('.visit').map((v) => textOf(v));
    expect(visits).toHaveLength(2);
    expect(visits[0]).toContain('2026-11-30 呼吸科');
    expect(visits[0]).toContain('王建国');
    expect(visits[0]).toContain('303.00元');
    expect(visits[0]).toContain('已缴 50.00元');
    expect(visits[0]).toContain('待缴 253.00元');
    expect(visits[0]).toMatch(/挂号费.*已缴费.*50\.00元.*收据号：R20261130007/);
    expect(visits[0]).toMatch(/检查费.*待缴费.*80\.00元/);
    expect(visits[1]).toContain('2026-11-20 皮肤科');
    expect(visits[1]).toContain('R20261120001');
    // The latest visit is open; the older one opens on tap.
    expect(page.data.expanded).toEqual(['V1001']);
    const older = page.querySelectorAll('.visit')[1];
    if (!older) throw new Error('no second visit');
    find(older, '.van-collapse-item__title', '.van-cell').dispatchEvent('tap');
    await until(() => (page.data.expanded as string[]).length === 2);

    // Pending costs lead to 门诊缴费; a fully paid visit offers no button.
    expect(page.querySelectorAll('.pay-pending')).toHaveLength(1);
    tap(page, '.pay-pending', '.van-button');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/payment/bills/index' });
  });

  it('shows the chosen patient’s costs, and says when there are none', async () => {
    wx.setStorageSync(CURRENT_PATIENT_KEY, XIAOBAO.patientId);
    const { calls } = servePayments(fakePayments());
    const page = openPage(COSTS);
    await until(() => stateOf(page) === 'empty');
    expect(callsOf(calls, 'cost.list')).toEqual([{ patientId: XIAOBAO.patientId }]);
    expect(textOf(page)).toContain('暂无就诊费用记录');
    expect(textOf(find(page, '.patient-bar'))).toContain('张*宝');
  });

  it('asks a new account to add a patient first', async () => {
    serveApi(fakeAccount([]).handlers);
    const page = openPage(COSTS);
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('还没有就诊人，请先添加就诊人');
    tap(page, '.add', '.van-button');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/patient/add/index' });
  });

  it('shows the hospital’s failure with 重试', async () => {
    const payments = fakePayments();
    servePayments(payments, { ...payments.handlers, 'cost.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage(COSTS);
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('医院系统暂时无法连接，请稍后再试');
    servePayments(payments);
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(page) === 'ready');
  });
});
