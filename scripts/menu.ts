/**
 * The official account's menu (officialaccount/menu.json) as WeChat's menu API takes it: checks every
 * entry (1–3 menus of 1–5 entries, names within WeChat's byte limits, each pagepath a page of
 * miniprogram/app.json, a fallback url) and prints the body for
 * `POST https://api.weixin.qq.com/cgi-bin/menu/create?access_token=…` (or cloud call officialAccount.menu.create).
 *
 *   npm run menu                      # appid from project.config.json
 *   npm run menu -- --appid wx1234…   # the hospital's mini program AppID
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface MenuFile {
  fallbackUrl: string;
  menus: { name: string; items: { name: string; pagepath: string; url?: string }[] }[];
}

export interface MiniProgramButton {
  type: 'miniprogram';
  name: string;
  url: string;
  appid: string;
  pagepath: string;
}

export interface MenuBody {
  button: { name: string; sub_button: MiniProgramButton[] }[];
}

const ROOT = path.resolve(__dirname, '..');
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Every page path of an app.json (main package and subpackages). */
export function appPages(appJson: { pages?: string[]; subpackages?: { root: string; pages: string[] }[] }): Set<string> {
  const pages = new Set(appJson.pages ?? []);
  for (const sub of appJson.subpackages ?? []) for (const p of sub.pages) pages.add(`${sub.root.replace(/\/+$/, '')}/${p}`);
  return pages;
}

/** The menu API's body, or every problem found (in Chinese-free English for the operator, naming the entry). */
export function buildMenu(menu: MenuFile, pages: Set<string>, appid: string): { ok: true; body: MenuBody } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!/^wx[0-9a-f]{16}$/.test(appid)) problems.push(`appid "${appid}" is not a mini program AppID (wx + 16 hex); pass --appid or set project.config.json`);
  if (!/^https?:\/\/\S+$/.test(menu.fallbackUrl) || bytes(menu.fallbackUrl) > 1024) problems.push('fallbackUrl must be an http(s) URL of at most 1024 bytes');
  if (menu.menus.length < 1 || menu.menus.length > 3) problems.push(`a menu has 1-3 top-level buttons, not ${menu.menus.length}`);
  const button = menu.menus.map((m) => {
    if (bytes(m.name) > 16) problems.push(`menu "${m.name}": a top-level name is at most 16 bytes`);
    if (m.items.length < 1 || m.items.length > 5) problems.push(`menu "${m.name}": 1-5 entries, not ${m.items.length}`);
    const sub_button = m.items.map((item): MiniProgramButton => {
      const where = `"${m.name} › ${item.name}"`;
      if (bytes(item.name) > 60) problems.push(`${where}: an entry name is at most 60 bytes`);
      const page = item.pagepath.split('?')[0] ?? '';
      if (item.pagepath.startsWith('/')) problems.push(`${where}: pagepath has no leading /`);
      else if (!pages.has(page)) problems.push(`${where}: pagepath ${page} is not a page of miniprogram/app.json`);
      return { type: 'miniprogram', name: item.name, url: item.url ?? menu.fallbackUrl, appid, pagepath: item.pagepath };
    });
    return { name: m.name, sub_button };
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, body: { button } };
}

function main(argv: string[]): number {
  const menu = JSON.parse(readFileSync(path.join(ROOT, 'officialaccount', 'menu.json'), 'utf8')) as MenuFile;
  const app = JSON.parse(readFileSync(path.join(ROOT, 'miniprogram', 'app.json'), 'utf8')) as Parameters<typeof appPages>[0];
  const flag = argv.indexOf('--appid');
  const appid = flag >= 0 ? (argv[flag + 1] ?? '') : (JSON.parse(readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { appid: string }).appid;
  const built = buildMenu(menu, appPages(app), appid);
  if (!built.ok) {
    for (const p of built.problems) process.stderr.write(`menu: ${p}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(built.body, null, 2)}\n`);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) process.exitCode = main(process.argv.slice(2));
