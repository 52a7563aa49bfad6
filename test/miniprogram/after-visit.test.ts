/**
 * The after-the-visit pages: 核酸检测 (packages/nat/apply), 满意度调查 (packages/survey/list and
 * answer), 电子票据 (packages/invoice/list). What the patient sees, what was called, what opened.
 */
import type { ApiResult } from '../../typings/api';
import type { NatApplication } from '../../typings/services';
import { application, CHALLENGE, INVOICE, ok, QUESTIONS, SURVEY, TERMS } from './after-visit-helpers';
import { fakeAccount, find, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, untilText, ZHANG, type Handlers, type RecordedCall } from './helpers';

beforeEach(resetWx);

const wxMore = wx as unknown as { downloadFile: jest.Mock; openDocument: jest.Mock };

function serve(extra: Handlers): RecordedCall[] {
  return serveApi({ ...fakeAccount().handlers, ...extra });
}

function callsOf(calls: RecordedCall[], action: string): unknown[] {
  return calls.filter((c) => c.action === action).map((c) => c.data);
}


// ---- 核酸检测 ------------------------------------------------------------------------------------

const NAT = 'packages/nat/apply/index';

describe('核酸检测 packages/nat/apply', () => {
  it('shows the hospital’s prices, applies for the current patient and shows the code as a QR code', async () => {
    const applications: NatApplication[] = [application({ applicationId: 'HS0', code: 'NATOLD', status: 'reported', result: 'negative', reportedAt: '2026-11-25T08:00:00.000Z' })];
    const calls = serve({
      'nat.terms': () => ok(TERMS),
      'nat.list': () => ok({ applications: [...applications] }),
      'nat.apply': (req) => {
        const created = application({ mode: req.mode, fee: req.mode === 'mixed' ? 350 : 1600 });
        applications.unshift(created);
        return ok({ applicationId: created.applicationId, code: created.code, fee: created.fee, status: created.status, payMode: 'onsite' as const });
      },
    });
    const page = openPage(NAT);
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('单检（一人一管）16.00元');
    expect(textOf(page)).toContain('混检（多人一管）3.50元');
    expect(textOf(page)).toContain('扫码时现场缴费');
    expect(textOf(page)).toContain('已出结果：阴性');

    (page.instance as unknown as { setData(d: Record<string, unknown>): void }).setData({ mode: 'mixed' });
    tap(page, '.apply', '.van-button');
    await untilText(page, '请向采样点出示检测码');
    expect(callsOf(calls, 'nat.apply')).toEqual([{ patientId: ZHANG.patientId, mode: 'mixed' }]);
    expect(textOf(page)).toContain('NATHS10000001ABC123');
    expect(page.querySelectorAll('.qr__row').length).toBeGreaterThanOrEqual(21);
    expect(textOf(page)).toContain('混检 3.50元');
    expect(textOf(page)).toContain('待采样');
    expect(mocked(wx.requestPayment)).not.toHaveBeenCalled();
  });

  it('pays online where the hospital takes the fee at application', async () => {
    const calls = serve({
      'nat.terms': () => ok({ ...TERMS, payMode: 'online' as const }),
      'nat.list': () => ok({ applications: [] }),
      'nat.apply': () =>
        ok({
          applicationId: 'HS1',
          code: 'NATHS1',
          fee: 1600,
          status: 'unpaid' as const,
          payMode: 'online' as const,
          pay: { order: { outTradeNo: 'H1N1' } as never, payment: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'MD5', paySign: 's' } },
        }),
    });
    // Local mode: the patient confirms the stand-in pay sheet and the local cloud pays.
    mocked(wx.showModal).mockImplementation((o: { success?: (a: { confirm: boolean }) => void }) => o.success?.({ confirm: true }));
    const api = mocked(wx.request).getMockImplementation();
    const paid: unknown[] = [];
    mocked(wx.request).mockImplementation((o: { url: string; data: unknown; success?: (r: { statusCode: number; data: unknown }) => void }) => {
      if (o.url.endsWith('/sandbox/pay')) {
        paid.push(o.data);
        setTimeout(() => o.success?.({ statusCode: 200, data: {} }), 0);
        return { abort: () => undefined };
      }
      return api?.(o);
    });
    const page = openPage(NAT);
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('申请时在线缴费');
    expect(textOf(page)).toContain('暂无核酸检测记录');
    tap(page, '.apply', '.van-button');
    await until(() => paid.length === 1 && callsOf(calls, 'nat.list').length === 2);
    expect(paid).toEqual([{ outTradeNo: 'H1N1' }]);
  });

  it('says what went wrong when the hospital refuses, and offers 重试 when it cannot be reached', async () => {
    serve({
      'nat.terms': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }),
      'nat.list': () => ok({ applications: [] }),
    });
    const page = openPage(NAT);
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('医院系统暂时无法连接');
    serve({
      'nat.terms': () => ok(TERMS),
      'nat.list': () => ok({ applications: [] }),
      'nat.apply': () => ({ ok: false, code: 'INVALID_INPUT', message: '检测方式只能是：single、mixed', field: 'mode' }),
    });
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(page) === 'ready');
    tap(page, '.apply', '.van-button');
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ icon: 'none', title: expect.stringContaining('检测方式') });
  });

  it('asks a new account to add a patient first', async () => {
    serveApi(fakeAccount([]).handlers);
    const page = openPage(NAT);
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('还没有就诊人，请先添加就诊人');
  });
});

// ---- 满意度调查 ----------------------------------------------------------------------------------

describe('满意度调查 packages/survey', () => {
  it('lists the visits to rate and opens the questionnaire', async () => {
    const calls = serve({ 'survey.pending': () => ok({ surveys: [SURVEY] }) });
    const page = openPage('packages/survey/list/index');
    await until(() => stateOf(page) === 'ready');
    expect(callsOf(calls, 'survey.pending')).toEqual([{ patientId: ZHANG.patientId }]);
    expect(textOf(page)).toContain('2026-11-26 呼吸科');
    expect(textOf(page)).toContain('请于12月03日前评价');
    find(page, '.survey', '.van-cell').dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: `/packages/survey/answer/index?patientId=${ZHANG.patientId}&surveyId=MY10000001` });
  });

  it('says when nothing is left to rate', async () => {
    serve({ 'survey.pending': () => ok({ surveys: [] }) });
    const page = openPage('packages/survey/list/index');
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('暂无待评价的就诊');
  });

  it('from a push link: scores every question, sends the answers once and thanks the patient', async () => {
    let answered = false;
    const calls = serve({
      'survey.get': () => ok({ survey: SURVEY, questions: QUESTIONS, answered }),
      'survey.submit': (req): ApiResult<'survey.submit'> => {
        if (answered) return { ok: false, code: 'RULE_VIOLATION', message: '该次就诊已评价，感谢您的反馈', field: 'surveyId' };
        answered = true;
        return ok({ surveyId: req.surveyId, answeredAt: '2026-11-26T11:00:00.000Z' });
      },
    });
    const page = openPage('packages/survey/answer/index', { patientId: ZHANG.patientId, surveyId: 'MY10000001' });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('2026-11-26 呼吸科 王建国');
    expect(textOf(page)).toContain('医生的诊疗与沟通');

    // Unscored questions are named before anything is sent.
    tap(page, '.submit', '.van-button');
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '请为“医生的诊疗与沟通”评分' });
    expect(callsOf(calls, 'survey.submit')).toEqual([]);

    page.querySelectorAll('.rate').forEach((rate, i) => rate.dispatchEvent('change', { detail: i === 0 ? 5 : 4 }));
    find(page, '.question--text').dispatchEvent('change', { detail: '  医生很耐心  ' });
    await until(() => (page.data as { questions: { score: number }[] }).questions.every((q, i) => i === 2 || q.score > 0));
    tap(page, '.submit', '.van-button');
    await untilText(page, '您已完成本次就诊的评价');
    expect(callsOf(calls, 'survey.submit')).toEqual([
      { patientId: ZHANG.patientId, surveyId: 'MY10000001', answers: [{ questionId: 'Q1', score: 5 }, { questionId: 'Q2', score: 4 }, { questionId: 'Q3', text: '医生很耐心' }] },
    ]);
    expect(page.querySelectorAll('.submit')).toHaveLength(0);
  });

  it('a link without its survey says where to go instead', async () => {
    serve({});
    const page = openPage('packages/survey/answer/index', {});
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('满意度调查');
  });
});

// ---- 电子票据 ------------------------------------------------------------------------------------

describe('电子票据 packages/invoice/list', () => {
  it('lists the invoices and opens one as a PDF with the menu to save or forward it', async () => {
    const calls = serve({
      'invoice.list': () => ok({ invoices: [INVOICE] }),
      'invoice.download': () => ok({ url: 'http://127.0.0.1:7103/storage/invoices/x/330101260000000007-ab.pdf?t=1&sign=s', expiresAt: '2026-11-26T02:15:00.000Z', fileName: '电子票据.pdf' }),
    });
    wxMore.downloadFile = jest.fn((o: { success: (r: { statusCode: number; tempFilePath: string }) => void }) => o.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/invoice.pdf' }));
    wxMore.openDocument = jest.fn((o: { success: () => void }) => o.success());
    const page = openPage('packages/invoice/list/index');
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('门诊缴费 2026-11-26 10:05');
    expect(textOf(page)).toContain('153.00元');
    expect(textOf(page)).toContain('西药费 118.00元，检验费 35.00元');
    expect(textOf(page)).toContain('校验码 A1B2C3');

    find(page, '.invoice', '.van-cell').dispatchEvent('tap');
    await until(() => wxMore.openDocument.mock.calls.length === 1);
    expect(callsOf(calls, 'invoice.download')).toEqual([{ patientId: ZHANG.patientId, invoiceId: INVOICE.invoiceId }]);
    expect(wxMore.downloadFile.mock.calls[0]?.[0]).toMatchObject({ url: expect.stringContaining('/storage/invoices/') });
    expect(wxMore.openDocument.mock.calls[0]?.[0]).toMatchObject({ filePath: 'wxfile://tmp/invoice.pdf', fileType: 'pdf', showMenu: true });
  });

  it('says so when a download fails, and when there are no invoices yet', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    serve({
      'invoice.list': () => ok({ invoices: [INVOICE] }),
      'invoice.download': () => ok({ url: 'http://127.0.0.1:7103/storage/x.pdf?t=1&sign=s', expiresAt: '', fileName: '' }),
    });
    wxMore.downloadFile = jest.fn((o: { success: (r: { statusCode: number; tempFilePath: string }) => void }) => o.success({ statusCode: 403, tempFilePath: '' }));
    wxMore.openDocument = jest.fn();
    const page = openPage('packages/invoice/list/index');
    await until(() => stateOf(page) === 'ready');
    find(page, '.invoice', '.van-cell').dispatchEvent('tap');
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '票据打开失败，请稍后重试' });
    expect(wxMore.openDocument).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('opening the invoice failed', expect.any(Error));
    warn.mockRestore();

    serve({ 'invoice.list': () => ok({ invoices: [] }) });
    const empty = openPage('packages/invoice/list/index');
    await until(() => stateOf(empty) === 'empty');
    expect(textOf(empty)).toContain('暂无电子票据');
  });
});

// ---- 陪护/访客 ------------------------------------------------------------------------------------


function typeField(page: ReturnType<typeof openPage>, selector: string, value: string): void {
  find(page, selector).dispatchEvent('change', { detail: value });
}

describe('陪护/访客 packages/nat/visitor and report', () => {
  it('applies for a visitor after the code reached the typed phone, and shows the code to scan', async () => {
    const calls = serve({
      'nat.sendCode': () => ok(CHALLENGE),
      'nat.apply': (req): ApiResult<'nat.apply'> =>
        req.smsCode === '246810' ? ok({ applicationId: 'HS9', code: 'NATHS9XYZ', fee: 350, status: 'waiting' as const, payMode: 'onsite' as const }) : { ok: false, code: 'RULE_VIOLATION', message: '信息核验未通过，请核对后重试或到窗口办理' },
    });
    const page = openPage('packages/nat/visitor/index');
    typeField(page, '.field--name', '林小雨');
    typeField(page, '.field--id', '110105198804120026');
    typeField(page, '.field--phone', '13700002222');
    tap(page, '.send', '.van-button');
    await untilText(page, '验证码已发送至 137****2222');
    expect(callsOf(calls, 'nat.sendCode')).toEqual([{ phone: '13700002222' }]);
    expect(textOf(page)).toMatch(/\d+秒后重发/);

    typeField(page, '.field--code', '135790');
    tap(page, '.apply', '.van-button');
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: expect.stringContaining('信息核验未通过') });

    typeField(page, '.field--code', '246810');
    (page.instance as unknown as { setData(d: Record<string, unknown>): void }).setData({ mode: 'mixed' });
    tap(page, '.apply', '.van-button');
    await untilText(page, '请向采样点出示检测码');
    expect(callsOf(calls, 'nat.apply')[1]).toEqual({ name: '林小雨', idCardNo: '110105198804120026', phone: '13700002222', smsCode: '246810', challengeId: 'VC1', mode: 'mixed' });
    expect(textOf(page)).toContain('NATHS9XYZ');
    expect(textOf(page)).toContain('扫码时现场缴费');
    page.detach();
  });

  it('finds a companion’s results only with the code sent to the phone given at application', async () => {
    const calls = serve({
      'nat.sendCode': () => ok({ ...CHALLENGE, sentTo: '申请检测时填写的手机号' }),
      'nat.reportQuery': (req): ApiResult<'nat.reportQuery'> =>
        req.smsCode === '246810'
          ? ok({ applications: [application({ status: 'reported', result: 'negative', reportedAt: '2026-11-26T08:00:00.000Z' })] })
          : { ok: false, code: 'RULE_VIOLATION', message: '信息核验未通过，请核对后重试或到窗口办理', field: 'smsCode' },
    });
    const page = openPage('packages/nat/report/index');
    typeField(page, '.field--name', '林小雨');
    typeField(page, '.field--id', '110105198804120026');
    // No code asked for yet: nothing is queried.
    tap(page, '.query', '.van-button');
    await untilText(page, '请先获取短信验证码');
    expect(callsOf(calls, 'nat.reportQuery')).toEqual([]);

    tap(page, '.send', '.van-button');
    await untilText(page, '验证码已发送至申请检测时填写的手机号');
    expect(callsOf(calls, 'nat.sendCode')).toEqual([{ name: '林小雨', idCardNo: '110105198804120026' }]);
    typeField(page, '.field--code', '000000');
    tap(page, '.query', '.van-button');
    await untilText(page, '信息核验未通过');
    expect(page.querySelectorAll('.application')).toHaveLength(0);

    typeField(page, '.field--code', '246810');
    tap(page, '.query', '.van-button');
    await untilText(page, '已出结果：阴性');
    expect(callsOf(calls, 'nat.reportQuery')[1]).toEqual({ name: '林小雨', idCardNo: '110105198804120026', smsCode: '246810', challengeId: 'VC1' });
    page.detach();
  });
});
