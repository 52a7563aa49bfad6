/** The app's configuration files: what DevTools and the WeChat review expect of them. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT } from './helpers';

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

interface AppJson {
  pages: string[];
  subpackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string; text: string }[] };
  lazyCodeLoading?: string;
  style?: string;
  preloadRule?: Record<string, { network?: string; packages: string[] }>;
  __usePrivacyCheck__?: boolean;
}

const app = readJson<AppJson>(path.join(MINIPROGRAM_ROOT, 'app.json'));
const allPages = [...app.pages, ...app.subpackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

describe('app.json', () => {
  it('has the three text tabs 首页 / 医院 / 我的 in the main package', () => {
    expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '医院', '我的']);
    for (const tab of app.tabBar.list) expect(app.pages).toContain(tab.pagePath);
  });

  it('asks WeChat to check privacy authorization (the add-patient page answers wx.onNeedPrivacyAuthorization)', () => {
    expect(app.__usePrivacyCheck__).toBe(true);
  });

  it('loads components lazily and leaves Vant’s styles alone (no style v2)', () => {
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    expect(app.style).toBeUndefined();
  });

  it('keeps the booking path in the main package; the introduction, 就诊人, payments and 我的预约/挂号 in subpackages', () => {
    for (const page of ['pages/departments/index', 'pages/department/index', 'pages/doctor/index', 'pages/doctors/index', 'pages/slots/index', 'pages/booking-confirm/index']) expect(app.pages).toContain(page);
    expect(app.subpackages).toEqual([
      expect.objectContaining({ root: 'packages/hospital', pages: ['intro/index'] }),
      expect.objectContaining({ root: 'packages/patient', pages: ['list/index', 'add/index', 'detail/index', 'card/index'] }),
      expect.objectContaining({ root: 'packages/payment', pages: ['bills/index', 'result/index', 'orders/index', 'costs/index'] }),
      expect.objectContaining({ root: 'packages/booking', pages: ['appointments/index', 'registrations/index', 'queue/index'] }),
      expect.objectContaining({ root: 'packages/records', pages: ['visits/index', 'visit/index', 'reports/index', 'report/index', 'trend/index'] }),
      expect.objectContaining({ root: 'packages/inpatient', pages: ['index/index', 'daily/index', 'deposit/index'] }),
      // After the visit (issue 15).
      expect.objectContaining({ root: 'packages/nat', pages: ['apply/index', 'visitor/index', 'report/index'] }),
      expect.objectContaining({ root: 'packages/survey', pages: ['list/index', 'answer/index'] }),
      expect.objectContaining({ root: 'packages/invoice', pages: ['list/index'] }),
      // push: 消息中心
      expect.objectContaining({ root: 'packages/message', pages: ['center/index'] }),
    ]);
  });

  it('preloads packages/patient from 我的 and 首页 (adding a patient is a new user’s first step) and packages/payment from 首页', () => {
    expect(app.preloadRule?.['pages/me/index']?.packages).toEqual(['patient']);
    expect(app.preloadRule?.['pages/home/index']?.packages).toEqual(['payment', 'patient']);
    // After confirming, the patient goes on to pay (payment) or to 我的预约 (booking).
    expect(app.preloadRule?.['pages/booking-confirm/index']?.packages).toEqual(['payment', 'booking']);
  });

  it.each([...allPages, 'components/patient-card/index', 'components/patient-switcher/index', 'components/patient-bar/index'])('%s has its index.ts/.wxml/.wxss/.json and only existing Vant components', (page) => {
    for (const ext of ['ts', 'wxml', 'wxss', 'json']) expect(existsSync(path.join(MINIPROGRAM_ROOT, `${page}.${ext}`))).toBe(true);
    const json = readJson<{ usingComponents?: Record<string, string> }>(path.join(MINIPROGRAM_ROOT, `${page}.json`));
    for (const target of Object.values(json.usingComponents ?? {})) {
      const file = target.startsWith('@vant/') ? path.join(MINIPROGRAM_ROOT, 'miniprogram_npm', `${target}.json`) : path.join(MINIPROGRAM_ROOT, `${target}.json`);
      expect(existsSync(file)).toBe(true);
    }
  });
});

describe('project.config.json', () => {
  const project = readJson<{
    appid: string;
    miniprogramRoot: string;
    cloudfunctionRoot: string;
    libVersion: string;
    setting: { useCompilerPlugins: string[]; packNpmManually: boolean; packNpmRelationList: { packageJsonPath: string; miniprogramNpmDistDir: string }[]; es6: boolean; enhance: boolean; minified: boolean };
  }>(path.resolve(MINIPROGRAM_ROOT, '../project.config.json'));

  it('opens in DevTools with TypeScript, manual npm packing and the repository layout', () => {
    expect(project.miniprogramRoot).toBe('miniprogram/');
    expect(project.cloudfunctionRoot).toBe('cloudfunctions/');
    expect(project.appid).toBe('touristappid');
    expect(project.setting.useCompilerPlugins).toEqual(['typescript']);
    expect(project.setting.packNpmManually).toBe(true);
    expect(project.setting.packNpmRelationList).toEqual([{ packageJsonPath: './package.json', miniprogramNpmDistDir: './miniprogram/' }]);
    expect([project.setting.es6, project.setting.enhance, project.setting.minified]).toEqual([true, true, true]);
    expect(project.libVersion).toMatch(/^3\.\d+\.\d+$/);
  });
});
