/**
 * `npx tsx scripts/tab-icons.ts`: draws the tab bar's icons (首页, 医院, 我的) as 81×81 PNGs into
 * miniprogram/images/ from the SVG outlines below, in the tab bar's grey and its selected blue, with
 * Debian's Chromium (playwright-core, no network). WeChat's tab bar takes only local PNG/JPG files.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const OUT = path.resolve(__dirname, '..', 'miniprogram', 'images');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Outlines on a 24-unit grid, stroked. */
const ICONS: Record<string, string> = {
  home: '<path d="M3 11.5 12 4l9 7.5"/><path d="M5.5 10v10h5v-5.5h3V20h5V10"/>',
  hospital: '<rect x="4" y="4.5" width="16" height="16" rx="2"/><path d="M12 8.5v8M8 12.5h8"/>',
  me: '<circle cx="12" cy="8" r="4"/><path d="M4.5 20.5c0-4 3.4-6.5 7.5-6.5s7.5 2.5 7.5 6.5"/>',
};
/** The tab bar's colours in app.json: `color` and `selectedColor`. */
const COLOURS = { normal: '#646566', selected: '#1989fa' };

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 81, height: 81 } });
    for (const [name, shapes] of Object.entries(ICONS)) {
      for (const [state, colour] of Object.entries(COLOURS)) {
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 24 24" fill="none" stroke="${colour}" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">${shapes}</svg>`;
        await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
        const file = path.join(OUT, `tab-${name}${state === 'selected' ? '-active' : ''}.png`);
        await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } });
        console.log(`tab-icons: ${path.relative(process.cwd(), file)}`);
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
