/** The home card (docs/architecture.md#mini-program): the current patient, the check-in QR code and its refresh, 切换就诊人. */
import { paintQr, qrMatrix, type QrCanvasContext } from '../../miniprogram/view-models/qrcode';
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import { fakeAccount, find, LI, mocked, openPage, resetWx, serveApi, tap, textOf, until, untilText, XIAOBAO, ZHANG, type PageComponent, type RecordedCall } from './helpers';

/** A canvas 2d context that records what was painted, as rectangles. */
function recordingContext(): QrCanvasContext & { rects: string[]; scale: () => void } {
  const rects: string[] = [];
  return {
    rects,
    fillStyle: '',
    fillRect(x: number, y: number, w: number, h: number) {
      rects.push(`${String(this.fillStyle)} ${x},${y},${w},${h}`);
    },
    scale: () => undefined,
  };
}

/** What painting `code` on a canvas of `size` px draws (the reference the card must match). */
function painted(code: string, size = 180): string[] {
  const ctx = recordingContext();
  paintQr(ctx, qrMatrix(code), size);
  return ctx.rects;
}

/**
 * miniprogram-simulate's selector query has no canvas nodes: give the card one 2d canvas whose
 * context records, the way the WeChat runtime answers `fields({node: true, size: true})`.
 */
function fakeCanvas() {
  const canvas = { width: 0, height: 0, ctx: recordingContext(), getContext: () => canvas.ctx };
  const query = {
    in: () => query,
    select: () => query,
    fields: () => query,
    exec: (callback: (results: unknown[]) => void) => {
      canvas.ctx = recordingContext();
      setTimeout(() => callback([{ node: canvas, width: 180, height: 180 }]), 0);
    },
  };
  jest.spyOn(wx, 'createSelectorQuery').mockReturnValue(query as unknown as WechatMiniprogram.SelectorQuery);
  return canvas;
}

const qrCalls = (calls: RecordedCall[]) => calls.filter((c) => c.action === 'patient.qrcode').map((c) => c.data);
const card = (page: PageComponent) => find(page, '.patient-card');

beforeEach(resetWx);
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('首页 patient card', () => {
  it('shows the current (default) patient masked, the card number, and draws the code of patient.qrcode', async () => {
    const canvas = fakeCanvas();
    const account = fakeAccount();
    const calls = serveApi(account.handlers);
    const page = openPage('pages/home/index');
    await until(() => card(page).data.qrState === 'ready');
    const text = textOf(page);
    expect(text).toContain('张*明');
    expect(text).toContain('就诊卡 C20260001');
    expect(text).toContain('切换就诊人');
    expect(text).not.toContain('张小明');
    expect(qrCalls(calls)).toEqual([{ patientId: ZHANG.patientId }]);

    const code = card(page).data.qrCode as string;
    expect(code).toMatch(/^PHQR1\.P1001\./);
    await until(() => canvas.ctx.rects.length > 0);
    // The backing store is scaled by the device's pixel ratio; the modules are those of the code.
    expect(canvas.width).toBe(180 * (wx.getWindowInfo().pixelRatio || 1));
    expect(canvas.ctx.rects).toEqual(painted(code));
  });

  it('asks for the remembered patient’s code, and says 未绑卡 for a card-less one', async () => {
    wx.setStorageSync(CURRENT_PATIENT_KEY, XIAOBAO.patientId);
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage('pages/home/index');
    await until(() => card(page).data.qrState === 'ready');
    expect(qrCalls(calls)).toEqual([{ patientId: XIAOBAO.patientId }]);
    expect(textOf(page)).toContain('张*宝');
    expect(textOf(page)).toContain('未绑卡');
    expect(textOf(page)).toContain('挂号缴费前请到自助机或窗口完成实名认证');
  });

  it('fetches a new code before the current one expires, and stops while the page is hidden', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-30T01:00:00Z'), advanceTimers: true });
    const account = fakeAccount();
    const calls = serveApi(account.handlers);
    const page = openPage('pages/home/index');
    await until(() => card(page).data.qrState === 'ready');
    const first = card(page).data.qrCode;
    expect(qrCalls(calls)).toHaveLength(1);

    // The code lasts 5 minutes; just short of 4½ minutes nothing is fetched yet.
    jest.advanceTimersByTime(4 * 60_000 + 20_000);
    expect(qrCalls(calls)).toHaveLength(1);
    // 30 s before expiry the card fetches the next one, before a kiosk could see it lapse.
    jest.advanceTimersByTime(15_000);
    await until(() => card(page).data.qrCode !== first);
    expect(qrCalls(calls)).toEqual([{ patientId: ZHANG.patientId }, { patientId: ZHANG.patientId }]);

    // Hidden (another tab, the app in the background): no timer runs.
    page.triggerPageLifeTime('hide');
    jest.advanceTimersByTime(20 * 60_000);
    expect(qrCalls(calls)).toHaveLength(2);

    // Back on screen with the code lapsed: a fresh one at once.
    page.triggerPageLifeTime('show');
    await until(() => qrCalls(calls).length === 3);
  });

  it('stops refreshing when the page goes away', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-30T01:00:00Z'), advanceTimers: true });
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage('pages/home/index');
    await until(() => card(page).data.qrState === 'ready');
    page.detach();
    jest.advanceTimersByTime(30 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(qrCalls(calls)).toHaveLength(1);
  });

  it('fetches a new code on tap', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage('pages/home/index');
    await until(() => card(page).data.qrState === 'ready');
    const first = card(page).data.qrCode;
    tap(page, '.patient-card', '.qr');
    await until(() => card(page).data.qrCode !== first && card(page).data.qrState === 'ready');
    expect(qrCalls(calls)).toHaveLength(2);
  });

  it('switches patient in one tap from the card; the code changes to the new patient’s', async () => {
    const canvas = fakeCanvas();
    const calls = serveApi(fakeAccount([ZHANG, XIAOBAO, LI]).handlers);
    const page = openPage('pages/home/index');
    await until(() => card(page).data.qrState === 'ready');
    const first = card(page).data.qrCode as string;

    tap(page, '.patient-card', '.switch', '.van-button');
    await until(() => card(page).data.switcherShown === true);
    const sheet = find(page, '.patient-card', '.switcher');
    await untilText(sheet, '李*');
    expect(textOf(sheet)).toContain('当前就诊人');
    expect(textOf(sheet)).toContain('管理就诊人');

    const rows = find(sheet, '.sheet').querySelectorAll('.van-action-sheet__item');
    rows[2]?.dispatchEvent('tap');
    await until(() => card(page).data.qrState === 'ready' && card(page).data.qrCode !== first);
    expect(qrCalls(calls)).toEqual([{ patientId: ZHANG.patientId }, { patientId: LI.patientId }]);
    expect(textOf(card(page))).toContain('李*');
    expect(card(page).data.switcherShown).toBe(false);
    expect(wx.getStorageSync(CURRENT_PATIENT_KEY)).toBe(LI.patientId);
    await until(() => canvas.ctx.rects.length > 0);
    expect(canvas.ctx.rects).toEqual(painted(card(page).data.qrCode as string));
  });

  it('invites 添加就诊人 when the account has no patient yet, and asks for no code', async () => {
    const calls = serveApi(fakeAccount([]).handlers);
    const page = openPage('pages/home/index');
    await until(() => card(page).data.state === 'none');
    expect(textOf(page)).toContain('还没有就诊人');
    tap(page, '.patient-card', '.add', '.van-button');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/patient/add/index' });
    expect(qrCalls(calls)).toEqual([]);
  });

  it('shows why the code could not be fetched; a tap tries again', async () => {
    const account = fakeAccount();
    const calls = serveApi({ ...account.handlers, 'patient.qrcode': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage('pages/home/index');
    await until(() => card(page).data.qrState === 'error');
    expect(textOf(card(page))).toContain('医院系统暂时无法连接，请稍后再试');
    const retried = serveApi(account.handlers);
    tap(page, '.patient-card', '.qr');
    await until(() => card(page).data.qrState === 'ready');
    expect(qrCalls(calls)).toHaveLength(1);
    expect(qrCalls(retried)).toEqual([{ patientId: ZHANG.patientId }]);
  });
});
