/** The official account's menu: the paper's three menus as mini-program buttons WeChat's menu API accepts, every page real. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appPages, buildMenu, type MenuFile } from '../../scripts/menu';

const ROOT = path.resolve(__dirname, '../..');
const menu = JSON.parse(readFileSync(path.join(ROOT, 'officialaccount/menu.json'), 'utf8')) as MenuFile;
const pages = appPages(JSON.parse(readFileSync(path.join(ROOT, 'miniprogram/app.json'), 'utf8')) as Parameters<typeof appPages>[0]);
const APPID = 'wx0123456789abcdef';

test('便民就医 / 医院咨询 / 个人中心, each entry a miniprogram button with appid, a page of app.json and the fallback url', () => {
  const built = buildMenu(menu, pages, APPID);
  if (!built.ok) throw new Error(built.problems.join('\n'));
  expect(built.body.button.map((b) => b.name)).toEqual(['便民就医', '医院咨询', '个人中心']);
  for (const b of built.body.button) {
    expect(b.sub_button.length).toBeGreaterThanOrEqual(1);
    expect(b.sub_button.length).toBeLessThanOrEqual(5);
    for (const s of b.sub_button) {
      expect(s).toMatchObject({ type: 'miniprogram', appid: APPID, url: menu.fallbackUrl });
      expect(pages.has(s.pagepath.split('?')[0] as string)).toBe(true);
    }
  }
  expect(built.body.button.flatMap((b) => b.sub_button.map((s) => s.pagepath))).toContain('packages/message/center/index');
});

test('problems are named: a page not in app.json, a leading slash, too many entries, a long name, no AppID', () => {
  const broken: MenuFile = {
    fallbackUrl: 'not a url',
    menus: [
      { name: '便民就医很长的名字', items: [{ name: '挂号', pagepath: 'pages/nowhere/index' }, { name: '缴费', pagepath: '/pages/home/index' }] },
      { name: '空', items: [] },
    ],
  };
  const built = buildMenu(broken, pages, 'touristappid');
  expect(built.ok).toBe(false);
  const problems = built.ok ? [] : built.problems.join('\n');
  for (const s of ['appid', 'fallbackUrl', 'at most 16 bytes', 'pages/nowhere/index is not a page', 'no leading /', '1-5 entries']) expect(problems).toContain(s);
});

test('npm run menu prints the body for the menu API, and refuses the placeholder AppID', () => {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const out = execFileSync(tsx, ['scripts/menu.ts', '--appid', APPID], { cwd: ROOT, encoding: 'utf8' });
  expect((JSON.parse(out) as { button: unknown[] }).button).toHaveLength(3);
  expect(() => execFileSync(tsx, ['scripts/menu.ts'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' })).toThrow(/appid/);
});
