/**
 * The patient's experience (issue 16), habit by habit, on every page it concerns: pull-down refresh,
 * 转发, the banner when the hospital system is down, 长辈模式 on every page, the fixed booking button,
 * the map, the result page's way out, the queue's check-in code, and what WeChat search may index.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Handlers } from './helpers';
import { ELDER_MODE_KEY } from '../../miniprogram/services/elder-mode';
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import { STALE_MESSAGE } from '../../miniprogram/view-models/stale';
import { lastCodeKey } from '../../miniprogram/services/checkin-code';
import { allPageScreens } from '../screens/registry';
import type { ScreenState } from '../screens/types';
import { fakeBooking } from './booking-helpers';
import { failNetwork, fakeAccount, find, HOSPITAL, MINIPROGRAM_ROOT, mocked, openPage, realisticHandlers, resetWx, serveApi, stateOf, tap, textOf, until, untilText, XIAOBAO, ZHANG, type PageComponent } from './helpers';

beforeEach(resetWx);

const STALE_SINCE = '2026-11-29T01:30:00.000Z'; // 09:30 in Shanghai
// Read once, before any page opens: openPage resets the module registry, and the fixtures must share this file's helpers.
const SCREENS = allPageScreens();

function pageJson(page: string): { enablePullDownRefresh?: boolean } {
  return JSON.parse(readFileSync(path.join(MINIPROGRAM_ROOT, `${page}.json`), 'utf8')) as { enablePullDownRefresh?: boolean };
}

/** The page's first declared screen state that loads with the cloud answering (the screens registry's fixtures). */
function answeringState(page: string): ScreenState & { cloud: { handlers: Handlers } } {
  const screens = SCREENS.find((s) => s.page === page);
  const state = screens?.states.find((s) => typeof s.cloud === 'object');
  if (!state || typeof state.cloud !== 'object') throw new Error(`no answering screen state for ${page}`);
  return state as ScreenState & { cloud: { handlers: Handlers } };
}

function openAnswering(page: string, storage: Record<string, unknown> = {}): { page: PageComponent; calls: ReturnType<typeof serveApi> } {
  const state = answeringState(page);
  for (const [key, value] of Object.entries({ ...state.storage, ...storage })) wx.setStorageSync(key, value);
  const calls = serveApi(state.cloud.handlers);
  return { page: openPage(page, state.query ?? {}), calls };
}

function rootClass(page: PageComponent): string {
  return (page.querySelector('.page')?.dom as unknown as { className?: string } | undefined)?.className ?? '';
}

describe('下拉刷新 on every list', () => {
  const LISTS: [string, string][] = [
    ['pages/home/index', 'hospital.info'],
    ['pages/hospital/index', 'dept.list'],
    ['pages/departments/index', 'dept.list'],
    ['pages/department/index', 'schedule.list'],
    ['pages/doctors/index', 'doctor.list'],
    ['pages/doctor/index', 'schedule.list'],
    ['packages/booking/appointments/index', 'appointment.list'],
    ['packages/booking/registrations/index', 'registration.list'],
    ['packages/payment/bills/index', 'bill.list'],
    ['packages/payment/orders/index', 'order.list'],
    ['packages/payment/costs/index', 'cost.list'],
    ['packages/patient/list/index', 'patient.list'],
    // The lists of records, inpatient, after the visit and messages.
    ['packages/records/visits/index', 'visit.list'],
    ['packages/records/reports/index', 'report.list'],
    ['packages/inpatient/index/index', 'inpatient.list'],
    ['packages/nat/apply/index', 'nat.list'],
    ['packages/survey/list/index', 'survey.pending'],
    ['packages/invoice/list/index', 'invoice.list'],
    ['packages/message/center/index', 'message.list'],
  ];

  it.each(LISTS)('%s: a pull asks the cloud again (%s) and stops the spinner', async (page, action) => {
    expect(pageJson(page).enablePullDownRefresh).toBe(true);
    const { page: opened, calls } = openAnswering(page);
    await until(() => stateOf(opened) !== 'loading' && calls.some((c) => c.action === action));
    const before = calls.filter((c) => c.action === action).length;
    await (opened.instance.onPullDownRefresh as () => Promise<void>).call(opened.instance);
    expect(calls.filter((c) => c.action === action).length).toBe(before + 1);
    expect(wx.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });

  it('stops the spinner when the refresh fails too, keeping what was on screen', async () => {
    const calls = serveApi();
    const page = openPage('pages/home/index');
    await until(() => stateOf(page) === 'ready');
    serveApi({ ...realisticHandlers, 'hospital.info': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    await (page.instance.onPullDownRefresh as () => Promise<void>).call(page.instance);
    expect(wx.stopPullDownRefresh).toHaveBeenCalledTimes(1);
    expect(stateOf(page)).toBe('ready');
    expect(textOf(page)).toContain(HOSPITAL.name);
    expect(calls.length).toBeGreaterThan(0);
  });
});

describe('转发 on the hospital, department and doctor pages', () => {
  it.each([
    ['pages/hospital/index', {}, /青禾市儿童医院/, '/pages/hospital/index'],
    ['pages/department/index', { deptId: '0101' }, /呼吸科/, '/pages/department/index?deptId=0101'],
    ['pages/doctor/index', { doctorId: 'D0101' }, /王建国 主任医师/, '/pages/doctor/index?doctorId=D0101'],
  ] as const)('%s shares its own page with a title naming it', async (page, query, title, sharePath) => {
    serveApi();
    const opened = openPage(page, query);
    await until(() => stateOf(opened) === 'ready');
    const share = (opened.instance.onShareAppMessage as () => { title: string; path: string }).call(opened.instance);
    expect(share.title).toMatch(title);
    expect(share.path).toBe(sharePath);
  });
});

describe('医院系统维护中: stale reference data stays on screen under the banner', () => {
  const stale: Handlers = {
    ...realisticHandlers,
    'hospital.info': () => ({ ok: true, data: { ...HOSPITAL, staleSince: STALE_SINCE } }),
    'dept.list': (input) => {
      const answer = realisticHandlers['dept.list']!(input);
      return answer.ok ? { ok: true, data: { ...answer.data, staleSince: STALE_SINCE } } : answer;
    },
    'schedule.list': (input) => {
      const answer = realisticHandlers['schedule.list']!(input);
      return answer.ok ? { ok: true, data: { ...answer.data, staleSince: STALE_SINCE } } : answer;
    },
  };

  it.each([['pages/home/index'], ['pages/hospital/index'], ['pages/departments/index'], ['packages/hospital/intro/index']])('%s shows the banner with the copy’s time, and the data', async (page) => {
    serveApi(stale);
    const opened = openPage(page);
    await until(() => stateOf(opened) === 'ready');
    await untilText(opened, `${STALE_MESSAGE}（11月29日 09:30更新）`);
    expect(textOf(opened)).toMatch(/青禾市儿童医院|呼吸科/);
  });

  it('shows no banner on a fresh answer', async () => {
    serveApi();
    const page = openPage('pages/hospital/index');
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).not.toContain(STALE_MESSAGE);
  });

  it('never offers a session from the last good copy as bookable: its count says 暂不可约 and it opens no slots', async () => {
    serveApi(stale);
    const page = openPage('pages/department/index', { deptId: '0101' });
    await until(() => stateOf(page) === 'ready');
    await untilText(page, STALE_MESSAGE);
    const sessions = (page.data.days as { periods: { sessions: { bookable: boolean; slot: string }[] }[] }[]).flatMap((d) => d.periods.flatMap((p) => p.sessions));
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) expect(s).toMatchObject({ bookable: false, slot: '暂不可约' });
    expect(textOf(page)).not.toMatch(/余\d+/);
  });
});

describe('date tabs', () => {
  it('call the first day 今天 and are not cut off', async () => {
    serveApi();
    const page = openPage('pages/department/index', { deptId: '0101' });
    await until(() => stateOf(page) === 'ready');
    const titles = (page.data.days as { title: string }[]).map((d) => d.title);
    expect(titles[0]).toBe('今天 11-30');
    expect(titles[1]).toBe('周二 12-01');
    expect(find(page, '.schedule').data.ellipsis).toBe(false);
  });

  it('当日挂号 opens the department at today', async () => {
    serveApi();
    const page = openPage('pages/department/index', { deptId: '0101', section: 'today' });
    await until(() => stateOf(page) === 'ready');
    expect(page.data.activeDay).toBe('2026-11-30');
  });
});

describe('长辈模式 on every page', () => {
  const pages = SCREENS.map((s) => s.page);

  it.each(pages.map((p) => [p]))('%s grows when 长辈模式 is on', async (page) => {
    const { page: opened } = openAnswering(page, { [ELDER_MODE_KEY]: true });
    // Drawn with its answer, so nothing of the page is still on its way when the next test opens another.
    await until(() => stateOf(opened) !== 'loading' && opened.data.elder === true);
    expect(opened.data.elder).toBe(true);
    expect(rootClass(opened)).toMatch(/\belder\b|--elder\b/);
  });

  it('every size token grows, and Vant’s small and mini buttons reach 44px', () => {
    const css = readFileSync(path.join(MINIPROGRAM_ROOT, 'app.wxss'), 'utf8');
    const block = (selector: string) => new RegExp(`(^|\\n)${selector.replace('.', '\\.')} \\{([^}]*)\\}`).exec(css)?.[2] ?? '';
    const tokens = (text: string) => Object.fromEntries([...text.matchAll(/(--[\w-]+):\s*(\d+)px/g)].map((m) => [m[1]!, Number(m[2])]));
    const normal = tokens(block('page'));
    const elder = tokens(block('.elder'));
    const sizes = Object.keys(normal).filter((k) => k.startsWith('--font-size-'));
    expect(sizes.length).toBeGreaterThan(8);
    for (const size of sizes) expect(elder[size]).toBeGreaterThan(normal[size]!);
    expect(elder['--button-small-height']).toBeGreaterThanOrEqual(44);
    expect(elder['--button-mini-height']).toBeGreaterThanOrEqual(44);
    expect(elder['--button-default-height']).toBeGreaterThanOrEqual(44);
  });

  it('the new components size their text with the tokens, so 长辈模式 enlarges them', () => {
    for (const component of ['stale-banner', 'checkin-code']) {
      const css = readFileSync(path.join(MINIPROGRAM_ROOT, 'components', component, 'index.wxss'), 'utf8');
      expect(css).not.toMatch(/font-size:\s*\d/);
      expect(css).toMatch(/var\(--font-size-/);
    }
  });
});

describe('the booking button', () => {
  it('stays fixed at the bottom of 确认挂号信息', async () => {
    const { page } = openAnswering('pages/booking-confirm/index');
    await until(() => stateOf(page) === 'ready');
    // The simulator prefixes classes with the component's tag (main--fixed-actions).
    expect(page.dom?.querySelectorAll('[class*="fixed-actions"] [class*="submit"]').length).toBe(1);
    expect(rootClass(page)).toMatch(/with-fixed-actions/);
    const css = readFileSync(path.join(MINIPROGRAM_ROOT, 'app.wxss'), 'utf8');
    const fixed = /\.fixed-actions \{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(fixed).toMatch(/position: fixed/);
    expect(fixed).toMatch(/bottom: 0/);
  });
});

describe('the address opens the map', () => {
  const located = { ...HOSPITAL, location: { latitude: 30.27415, longitude: 120.15515 } };

  it.each([
    ['pages/hospital/index', '.summary__address'],
    ['packages/hospital/intro/index', '.intro__address'],
  ])('%s: tapping the address opens WeChat’s map at the hospital', async (page, cell) => {
    serveApi({ ...realisticHandlers, 'hospital.info': () => ({ ok: true, data: located }) });
    const opened = openPage(page);
    await until(() => stateOf(opened) === 'ready');
    tap(opened, cell, '.van-cell');
    await until(() => mocked(wx.openLocation).mock.calls.length === 1);
    expect(mocked(wx.openLocation).mock.calls[0]?.[0]).toMatchObject({ latitude: 30.27415, longitude: 120.15515, name: HOSPITAL.name, address: HOSPITAL.address });
  });

  it('without a published point it says so and opens nothing', async () => {
    serveApi();
    const page = openPage('pages/hospital/index');
    await until(() => stateOf(page) === 'ready');
    tap(page, '.summary__address', '.van-cell');
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(wx.openLocation).not.toHaveBeenCalled();
  });
});

describe('the notice the hospital publishes', () => {
  it('shows on the home page; none, no strip', async () => {
    serveApi({ ...realisticHandlers, 'hospital.info': () => ({ ok: true, data: { ...HOSPITAL, notice: '12月1日起儿科夜间门诊移至急诊楼1楼' } }) });
    const page = openPage('pages/home/index');
    await untilText(page, '12月1日起儿科夜间门诊移至急诊楼1楼');
    serveApi();
    const plain = openPage('pages/home/index');
    await until(() => stateOf(plain) === 'ready');
    expect(plain.querySelector('.notice')).toBeFalsy();
  });
});

describe('the payment result page', () => {
  it('ends with 完成 (back) and 返回首页', async () => {
    const { page } = openAnswering('packages/payment/result/index');
    await until(() => stateOf(page) === 'ready');
    tap(page, '.home', '.van-button');
    await until(() => mocked(wx.switchTab).mock.calls.length === 1);
    expect(mocked(wx.switchTab).mock.calls[0]?.[0]).toMatchObject({ url: '/pages/home/index' });
    // Opened by itself there is nothing to go back to: 完成 goes home too.
    tap(page, '.done', '.van-button');
    await until(() => mocked(wx.switchTab).mock.calls.length === 2);
  });
});

describe('排队叫号 and the check-in code', () => {
  function openQueue(patientId: string) {
    const booking = fakeBooking();
    booking.queue = { ...booking.queue, state: 'not-checked-in', currentNo: 0, ahead: 0 };
    const account = fakeAccount();
    const asked: string[] = [];
    const handlers: Handlers = {
      ...account.handlers,
      ...booking.handlers,
      'patient.qrcode': ({ patientId: id }) => {
        asked.push(id);
        return { ok: true, data: { code: `CODE-${id}`, expiresAt: '2099-11-30T02:05:00.000Z' } };
      },
    };
    wx.setStorageSync(CURRENT_PATIENT_KEY, ZHANG.patientId);
    serveApi(handlers);
    const page = openPage('packages/booking/queue/index', { registrationId: 'R1001', patientId });
    return { page, asked };
  }

  it('shows the registration’s patient’s code, not the current patient’s', async () => {
    const { page, asked } = openQueue(XIAOBAO.patientId);
    await until(() => asked.length === 1);
    expect(asked).toEqual([XIAOBAO.patientId]);
    await untilText(page, '有效期至 10:05');
    expect(wx.getStorageSync(lastCodeKey(XIAOBAO.patientId))).toEqual({ code: `CODE-${XIAOBAO.patientId}`, expiresAt: '2099-11-30T02:05:00.000Z' });
    // The code is here, so the hint no longer sends the patient to the home page's card.
    expect(textOf(page)).not.toContain('首页');
  });

  it('keeps the screen on and bright while it shows, and gives the brightness back when it hides', async () => {
    const { page } = openQueue(XIAOBAO.patientId);
    await until(() => stateOf(page) === 'ready');
    expect(wx.setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true });
    expect(wx.setScreenBrightness).toHaveBeenCalledWith({ value: 1 });
    page.triggerPageLifeTime('hide');
    expect(wx.setKeepScreenOn).toHaveBeenLastCalledWith({ keepScreenOn: false });
    expect(wx.setScreenBrightness).toHaveBeenLastCalledWith({ value: 0.4 });
  });

  it('when the network drops, the last code stays on screen with its expiry', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    wx.setStorageSync(lastCodeKey(XIAOBAO.patientId), { code: 'KEPT', expiresAt: '2099-11-30T02:05:00.000Z' });
    failNetwork();
    const page = openPage('packages/booking/queue/index', { registrationId: 'R1001', patientId: XIAOBAO.patientId });
    await untilText(page, '网络不佳，显示的是上次获取的就诊码');
    expect(textOf(page)).toContain('有效期至 10:05');
    warn.mockRestore();
  });

  it('announces queue updates to screen readers', () => {
    const wxml = readFileSync(path.join(MINIPROGRAM_ROOT, 'packages/booking/queue/index.wxml'), 'utf8');
    expect(wxml).toMatch(/class="numbers" aria-live="polite"/);
    expect(wxml).toMatch(/class="headline[^"]*" aria-live="assertive"/);
  });
});

describe('WeChat search and inputs', () => {
  it('sitemap.json lets WeChat index only the public hospital pages', () => {
    const sitemap = JSON.parse(readFileSync(path.join(MINIPROGRAM_ROOT, 'sitemap.json'), 'utf8')) as { rules: { action: string; page: string }[] };
    const last = sitemap.rules[sitemap.rules.length - 1];
    expect(last).toEqual({ action: 'disallow', page: '*' });
    const allowed = sitemap.rules.filter((r) => r.action === 'allow').map((r) => r.page);
    for (const page of allowed) expect(page).not.toMatch(/patient|booking|payment/);
  });

  it('the phone input takes at most 11 digits', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage('packages/patient/add/index');
    await until(() => page.querySelector('.field-phone') !== undefined);
    expect(find(page, '.field-phone').data.maxlength).toBe(11);
  });
});

describe('the tab bar', () => {
  it('has an icon and a selected icon for every tab, as local PNG files', () => {
    const app = JSON.parse(readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as { tabBar: { list: { iconPath?: string; selectedIconPath?: string }[] } };
    for (const tab of app.tabBar.list) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        expect(icon).toMatch(/^images\/.+\.png$/);
        const png = readFileSync(path.join(MINIPROGRAM_ROOT, icon!));
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        // WeChat's limit for a tab icon is 40 KB.
        expect(png.length).toBeLessThan(40 * 1024);
      }
    }
  });
});
