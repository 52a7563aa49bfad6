/** 门诊缴费 packages/payment/bills: grouped pending bills, selection and total, paying once, refusals. */
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import { failNetwork, find, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, untilText, XIAOBAO, ZHANG, type PageComponent } from './helpers';
import { answerPaySheet, callsOf, fakePayments, servePayments } from './payment-helpers';

beforeEach(resetWx);

const BILLS_PAGE = 'packages/payment/bills/index';

function payButton(page: PageComponent): PageComponent {
  return find(page, '.submit', '.van-submit-bar__button');
}

function toggleBill(page: PageComponent, billId: string): void {
  const check = page.querySelectorAll('.bill__check').find((c) => c.data.name === billId);
  if (!check) throw new Error(`no checkbox for ${billId}`);
  find(check, '.van-checkbox__icon-wrap').dispatchEvent('tap');
}

function navigatedTo(): string[] {
  return mocked(wx.navigateTo).mock.calls.map(([options]) => (options as { url: string }).url);
}

describe('门诊缴费 packages/payment/bills', () => {
  it('groups the current patient’s bills by visit, latest first, all chosen, with items and the total', async () => {
    const { calls } = servePayments(fakePayments());
    const page = openPage(BILLS_PAGE);
    expect(textOf(page)).toContain('正在获取待缴费用');
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'bill.list')).toEqual([{ patientId: ZHANG.patientId }]);

    const visits = page.querySelectorAll('.visit').map((v) => textOf(v));
    expect(visits).toHaveLength(2);
    expect(visits[0]).toContain('2026-11-30 周一');
    expect(visits[0]).toContain('呼吸科 · 王建国');
    for (const text of ['西药费', '药品', '118.00元', '检验费', '检验', '55.00元', '检查费', '检查', '80.00元']) expect(visits[0]).toContain(text);
    expect(visits[1]).toContain('2026-11-28 周六');
    expect(visits[1]).toContain('消化科 · 陈晓红');
    expect(visits[1]).toContain('治疗费');
    // Each bill's items: name, spec, quantity × unit price.
    expect(visits[0]).toContain('阿莫西林颗粒 0.125g*12袋');
    expect(visits[0]).toContain('2盒 × 18.50元');
    expect(visits[0]).toContain('费用明细（2项）');

    expect(page.data.selected).toEqual(['B2001', 'B1001', 'B1002', 'B1003']);
    expect(textOf(find(page, '.submit'))).toContain('已选4项，合计：293.00元');
    expect(textOf(page)).toContain('就诊人：张*明');

    // A bill's detail opens on tap, without changing the selection.
    const detail = page.querySelectorAll('.bill__items')[0];
    if (!detail) throw new Error('no detail');
    find(detail, '.van-collapse-item__title', '.van-cell').dispatchEvent('tap');
    await until(() => (page.data.expanded as string[]).includes('B1001'));
    expect(page.data.selected).toHaveLength(4);
  });

  it('lists the bills again when the patient comes back from paying', async () => {
    const payments = fakePayments();
    const { calls } = servePayments(payments);
    const page = openPage(BILLS_PAGE);
    await until(() => stateOf(page) === 'ready');
    payments.bills[ZHANG.patientId] = payments.bills[ZHANG.patientId]!.filter((b) => b.visitId !== 'V1001');
    page.triggerPageLifeTime('hide');
    page.triggerPageLifeTime('show');
    await until(() => callsOf(calls, 'bill.list').length === 2 && !textOf(page).includes('西药费'));
    expect(textOf(find(page, '.submit'))).toContain('已选1项，合计：40.00元');
  });

  it('updates the total as bills are ticked and unticked, and disables 去支付 with nothing chosen', async () => {
    const { calls } = servePayments(fakePayments());
    const page = openPage(BILLS_PAGE);
    await until(() => stateOf(page) === 'ready');

    toggleBill(page, 'B1003');
    await untilText(find(page, '.submit'), '已选3项，合计：213.00元');
    for (const id of ['B2001', 'B1001', 'B1002']) toggleBill(page, id);
    await untilText(find(page, '.submit'), '已选0项，合计：0.00元');
    expect(textOf(find(page, '.submit'))).toContain('请选择要缴纳的费用');
    expect(payButton(page).data.disabled).toBe(true);
    tap(page, '.submit', '.van-submit-bar__button', '.van-button');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(callsOf(calls, 'bill.pay')).toEqual([]);

    toggleBill(page, 'B1002');
    await untilText(find(page, '.submit'), '已选1项，合计：55.00元');
    expect(payButton(page).data.disabled).toBe(false);
  });

  it('pays exactly the chosen bills for the current patient, once, then opens the result page', async () => {
    const payments = fakePayments();
    const { calls, sandbox } = servePayments(payments);
    answerPaySheet('confirm');
    const page = openPage(BILLS_PAGE);
    await until(() => stateOf(page) === 'ready');
    toggleBill(page, 'B2001');
    await untilText(find(page, '.submit'), '已选3项');

    // Two quick taps: one order, one payment.
    tap(page, '.submit', '.van-submit-bar__button', '.van-button');
    tap(page, '.submit', '.van-submit-bar__button', '.van-button');
    await until(() => navigatedTo().length === 1);
    expect(callsOf(calls, 'bill.pay')).toEqual([{ patientId: ZHANG.patientId, billIds: ['B1001', 'B1002', 'B1003'] }]);
    const order = payments.orders[0]!;
    expect(order.amount).toBe(25300);
    expect(sandbox).toEqual([expect.objectContaining({ data: { outTradeNo: order.outTradeNo } })]);
    expect(navigatedTo()[0]).toBe(`/packages/payment/result/index?outTradeNo=${order.outTradeNo}&patientId=${ZHANG.patientId}&billIds=B1001%2CB1002%2CB1003&outcome=paid`);
    expect(wx.showModal).toHaveBeenCalledTimes(1);
  });

  it('keeps 去支付 disabled while a pay is in flight', async () => {
    const payments = fakePayments();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { calls } = servePayments(payments);
    // Hold the pay sheet open until released: the bar must stay busy meanwhile.
    mocked(wx.showModal).mockImplementation((options: { success?: (r: { confirm: boolean }) => void }) => {
      void gate.then(() => options.success?.({ confirm: false }));
    });
    const page = openPage(BILLS_PAGE);
    await until(() => stateOf(page) === 'ready');
    tap(page, '.submit', '.van-submit-bar__button', '.van-button');
    await until(() => mocked(wx.showModal).mock.calls.length === 1);
    expect(page.data.paying).toBe(true);
    expect(payButton(page).data.loading).toBe(true);
    expect(payButton(page).data.disabled).toBe(true);
    // Even a call that slips past the disabled bar starts nothing.
    void (page.instance.onPay as () => Promise<void>)();
    release();
    await until(() => navigatedTo().length === 1);
    expect(callsOf(calls, 'bill.pay')).toHaveLength(1);
    expect(navigatedTo()[0]).toContain('outcome=cancelled');
    await until(() => page.data.paying === false);
  });

  it('shows a refusal with what to do next, and 查看我的订单 for an order already open', async () => {
    const payments = fakePayments();
    servePayments(payments, {
      ...payments.handlers,
      'bill.pay': () => ({ ok: false, code: 'CONFLICT', message: '所选费用已在另一笔待支付订单中', field: 'billIds' }),
    });
    const page = openPage(BILLS_PAGE);
    await until(() => stateOf(page) === 'ready');
    tap(page, '.submit', '.van-submit-bar__button', '.van-button');
    await untilText(page, '所选费用已在另一笔待支付订单中，请在“我的订单”中查看该订单');
    expect(wx.showModal).not.toHaveBeenCalled();
    expect(navigatedTo()).toEqual([]);
    expect(page.data.paying).toBe(false);
    tap(page, '.pay-error__orders', '.van-button');
    await until(() => navigatedTo().length === 1);
    expect(navigatedTo()).toEqual(['/packages/payment/orders/index']);
  });

  it('shows changed bills’ refusal and lists the bills as they are now', async () => {
    const payments = fakePayments();
    const { calls } = servePayments(payments);
    const page = openPage(BILLS_PAGE);
    await until(() => stateOf(page) === 'ready');
    // Paid at the window meanwhile.
    payments.bills[ZHANG.patientId] = payments.bills[ZHANG.patientId]!.filter((b) => b.billId !== 'B1003');
    tap(page, '.submit', '.van-submit-bar__button', '.van-button');
    await untilText(page, '所选费用已缴或已变更，请刷新后重新选择');
    await until(() => callsOf(calls, 'bill.list').length === 2 && !textOf(page).includes('检查费'));
    expect(textOf(find(page, '.submit'))).toContain('已选3项，合计：213.00元');
  });

  it('tells a card-less patient why they cannot pay online and offers 绑定就诊卡', async () => {
    wx.setStorageSync(CURRENT_PATIENT_KEY, XIAOBAO.patientId);
    const { calls } = servePayments(fakePayments());
    const page = openPage(BILLS_PAGE);
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('张*宝尚未绑定已实名认证的就诊卡，暂不能在线缴费');
    expect(callsOf(calls, 'bill.list')).toEqual([]);
    tap(page, '.empty-action', '.van-button');
    await until(() => navigatedTo().length === 1);
    expect(navigatedTo()).toEqual([`/packages/patient/card/index?patientId=${XIAOBAO.patientId}`]);
  });

  it('follows the patient switcher to another patient’s bills', async () => {
    const payments = fakePayments();
    payments.bills[XIAOBAO.patientId] = [];
    const { calls } = servePayments(payments);
    const page = openPage(BILLS_PAGE);
    await until(() => stateOf(page) === 'ready');
    tap(page, '.patient-bar', '.switch', '.van-button');
    await until(() => find(page, '.patient-bar').data.switcherShown === true);
    // Pick 张*宝 in the sheet (the second row), as the patient would.
    const sheet = find(page, '.patient-bar', '.switcher');
    await untilText(sheet, '张*宝');
    find(sheet, '.sheet').querySelectorAll('.van-action-sheet__item')[1]?.dispatchEvent('tap');
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('就诊人：张*宝');
    expect(textOf(page)).toContain('尚未绑定已实名认证的就诊卡');
    expect(callsOf(calls, 'bill.list')).toEqual([{ patientId: ZHANG.patientId }]);
  });

  it('says 暂无待缴费用 when nothing is pending', async () => {
    const payments = fakePayments({ bills: [] });
    servePayments(payments);
    const page = openPage(BILLS_PAGE);
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('暂无待缴费用');
    expect(page.querySelector('.submit')).toBeUndefined();
  });

  it('shows the error with 重试, and 重试 lists the bills', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const payments = fakePayments();
    servePayments(payments, { ...payments.handlers, 'bill.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage(BILLS_PAGE);
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('医院系统暂时无法连接，请稍后再试');
    servePayments(payments);
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('西药费');

    failNetwork();
    (page.instance.onRetry as () => void)();
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('网络异常，请检查网络后重试');
    warn.mockRestore();
    serveApi();
  });
});
