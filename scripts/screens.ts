/**
 * `npm run screens [-- <page filter> …]`: draws every page of app.json in the states a patient meets
 * (declared per page in test/screens/states/) with real Vant, as it is and in 长辈模式, and
 * screenshots them with headless Chromium into dist/screens/<page>--<state>[--elder].png, with an
 * index.html gallery. Needs Debian's chromium and fonts-noto-cjk (it says how to install them), and
 * Vant's icon font from the @vant/icons package (icons are drawn as blanks without it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { RenderedScreen } from '../test/screens/render.screens';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'screens');
const HTML = path.join(OUT, 'html');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CJK_FONT_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/noto'];
/** Flags that keep Chromium from reaching outside hosts (this machine refuses them and flags the attempt). */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function requirementsMissing(): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push(`Chromium (${CHROMIUM})`);
  if (!CJK_FONT_DIRS.some((dir) => existsSync(dir) && readdirSync(dir).some((file) => /cjk/i.test(file)))) missing.push('Noto CJK fonts');
  return missing;
}

/** Vant's icon font as a data URL: @vant/icons ships it base64-encoded (the same glyphs @vant/weapp's CSS names). */
function iconFontCss(): string {
  const candidates = [process.env.VANT_ICONS_LESS, path.join(ROOT, 'node_modules', '@vant', 'icons', 'src', 'encode-woff2.less')];
  for (const file of candidates) {
    if (file === undefined || !existsSync(file)) continue;
    const dataUrl = /url\(\s*'(data:font\/woff2[^']+)'\s*\)/.exec(readFileSync(file, 'utf8'))?.[1];
    if (dataUrl) return `@font-face { font-family: vant-icon; font-style: normal; font-weight: 400; src: url('${dataUrl}') format('woff2'); }`;
  }
  console.warn('screens: Vant\'s icon font not found (npm install --save-dev @vant/icons@3.0.2); icons are drawn blank.');
  return '';
}

function renderHtml(filter: string): RenderedScreen[] {
  // A filtered run redraws its pages and leaves the others' screenshots in place.
  rmSync(filter === '' ? OUT : HTML, { recursive: true, force: true });
  const jest = path.join(ROOT, 'node_modules', '.bin', 'jest');
  const run = spawnSync(jest, ['--config', path.join(ROOT, 'test', 'screens', 'jest.config.js')], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, SCREENS_OUT: OUT, SCREENS_ONLY: filter },
  });
  if (run.status !== 0) throw new Error('screens: rendering the pages failed (see above)');
  return JSON.parse(readFileSync(path.join(HTML, 'manifest.json'), 'utf8')) as RenderedScreen[];
}

async function screenshot(screens: RenderedScreen[]): Promise<void> {
  const profile = mkdtempSync(path.join(tmpdir(), 'palm-screens-'));
  // A fresh profile per run (playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
  });
  try {
    // Local files only: nothing may reach the network.
    await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    const tab = await context.newPage();
    for (const screen of screens) {
      await tab.goto(`file://${path.join(HTML, `${screen.stem}.html`)}`);
      await tab.evaluate('document.fonts.ready');
      await tab.screenshot({ path: path.join(OUT, `${screen.stem}.png`), fullPage: true });
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function gallery(screens: RenderedScreen[]): string {
  const pages = [...new Set(screens.map((s) => s.page))];
  const sections = pages.map((page) => {
    const figures = screens
      .filter((s) => s.page === page)
      .map(
        (s) =>
          `<figure><a href="${s.stem}.png"><img src="${s.stem}.png" loading="lazy" alt="${escapeHtml(s.caption)}"></a>` +
          `<figcaption>${escapeHtml(s.state)}${s.elder ? ' · 长辈模式' : ''}<br>${escapeHtml(s.caption)}${s.problem ? `<br><b>⚠ ${escapeHtml(s.problem)}</b>` : ''}</figcaption></figure>`,
      )
      .join('');
    return `<section><h2>${escapeHtml(page)}</h2><div class="row">${figures}</div></section>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>掌上医院 · screens</title><style>
body { font-family: "Noto Sans CJK SC", sans-serif; margin: 24px; background: #eee; }
.row { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
figure { margin: 0; width: 200px; } img { width: 200px; border: 1px solid #ccc; background: #fff; }
figcaption { font-size: 12px; color: #333; } b { color: #c00; }
</style></head><body><h1>掌上医院 · ${screens.length} screens</h1>${sections.join('')}</body></html>`;
}

async function main(): Promise<void> {
  const missing = requirementsMissing();
  if (missing.length > 0) {
    console.error(`screens: missing ${missing.join(' and ')}. Install them with:\n  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk\n(or set CHROMIUM_PATH to a Chromium binary).`);
    process.exit(1);
  }
  // Several filters draw the pages matching any of them.
  const filter = process.argv.slice(2).join(',');
  const screens = renderHtml(filter);
  writeFileSync(path.join(HTML, 'icons.css'), iconFontCss());
  await screenshot(screens);
  writeFileSync(path.join(OUT, 'index.html'), gallery(screens));
  const problems = screens.filter((s) => s.problem);
  for (const s of problems) console.warn(`screens: ${s.stem}: ${s.problem}`);
  console.log(`screens: ${screens.length} screenshots of ${new Set(screens.map((s) => s.page)).size} pages in ${path.relative(ROOT, OUT)}/ (index.html)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
