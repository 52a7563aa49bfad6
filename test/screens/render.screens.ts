/**
 * Renders every declared screen state (states/) with real Vant, as the page tests do, and writes
 * each as a self-contained HTML file (the simulator's DOM, its scoped WXSS with rpx at 375 px, the
 * app's tokens) plus a manifest for scripts/screens.ts, which screenshots them. Run by
 * `npm run screens` through test/screens/jest.config.js, never by `npm test`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ELDER_MODE_KEY } from '../../miniprogram/services/elder-mode';
import { NOW } from '../miniprogram/booking-helpers';
import { failNetwork, MINIPROGRAM_ROOT, mocked, openPage, resetWx, serveApi, stateOf, until, type PageComponent } from '../miniprogram/helpers';
import { allPageScreens } from './registry';
import { screenStem, type ScreenState } from './types';
import { appStyles, BASE_STYLES, pageStyles } from './wxss';

const OUT = process.env.SCREENS_OUT ?? path.resolve(__dirname, '../../dist/screens');
const ONLY = (process.env.SCREENS_ONLY ?? '').split(',').filter((f) => f !== '');

/** One drawn state, as the manifest lists it. */
export interface RenderedScreen {
  page: string;
  state: string;
  caption: string;
  elder: boolean;
  /** File stem, without extension: `<page>--<state>[--elder]`. */
  stem: string;
  /** Set when the page did not reach the state it was asked for (drawn anyway). */
  problem?: string;
}

interface HeadDocument {
  head: { children: ArrayLike<{ textContent: string | null }> };
}

const documentOf = (): HeadDocument => (globalThis as unknown as { document: HeadDocument }).document;
const appCss = appStyles(readFileSync(path.join(MINIPROGRAM_ROOT, 'app.wxss'), 'utf8'));

function stubCloud(state: ScreenState): void {
  if (state.cloud === 'offline') failNetwork();
  else if (state.cloud === 'pending') mocked(wx.request).mockImplementation(() => ({ abort: () => undefined }));
  else serveApi(state.cloud.handlers);
}

async function settle(page: PageComponent, state: ScreenState): Promise<string | undefined> {
  let problem: string | undefined;
  if (state.cloud !== 'pending') {
    await until(() => stateOf(page) !== 'loading').catch(() => {
      problem = 'still loading';
    });
  }
  if (state.act) {
    await state.act(page).catch((e: unknown) => {
      problem = `act failed: ${e instanceof Error ? e.message : String(e)}`;
    });
  }
  // Vant's transitions (dialogs, popups) finish on a 33 ms animation-frame stand-in.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return problem;
}

async function draw(page: string, state: ScreenState, elder: boolean): Promise<RenderedScreen> {
  resetWx();
  wx.setStorageSync(ELDER_MODE_KEY, elder);
  for (const [key, value] of Object.entries(state.storage ?? {})) wx.setStorageSync(key, value);
  stubCloud(state);
  const stylesBefore = documentOf().head.children.length;
  const opened = openPage(page, state.query ?? {});
  const problem = await settle(opened, state);
  const added = Array.from(documentOf().head.children).slice(stylesBefore);
  const css = pageStyles(added.map((s) => s.textContent ?? '').join('\n'));
  const html = (opened.dom as unknown as { outerHTML: string }).outerHTML;
  opened.detach();
  const stem = `${screenStem(page)}--${state.name}${elder ? '--elder' : ''}`;
  writeFileSync(
    path.join(OUT, 'html', `${stem}.html`),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=375">` +
      `<title>${stem}</title><link rel="stylesheet" href="base.css"><link rel="stylesheet" href="icons.css"><style>${appCss}</style><style>${css}</style></head>` +
      `<body>${html}</body></html>`,
  );
  return { page, state: state.name, caption: state.caption, elder, stem, ...(problem ? { problem } : {}) };
}

interface FieldNode {
  _exparserNode: {
    $$?: { setAttribute(name: string, value: string): void; removeAttribute(name: string): void };
    addListener(event: string, listener: (e: { detail?: { value?: unknown } }) => void): void;
  };
  data: { password: boolean };
}

function showText(node: FieldNode, value: unknown): void {
  const text = value === undefined || value === null ? '' : String(value);
  node._exparserNode.$$?.setAttribute('value', node.data.password ? '•'.repeat(text.length) : text);
}

/**
 * The simulator registers WeChat's built-in input and textarea without properties, so what a field
 * holds and its placeholder never reach the DOM; registered again here to write them as the
 * attributes BASE_STYLES draws (a password as dots).
 */
function reflectFieldText(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jComponent = require('j-component') as { register(definition: Record<string, unknown>): string };
  for (const name of ['input', 'textarea']) {
    jComponent.register({
      id: name,
      tagName: `wx-${name}`,
      template: '<slot/>',
      properties: { value: { type: null, value: '' }, placeholder: { type: String, value: '' }, password: { type: Boolean, value: false } },
      observers: {
        'value, placeholder, password': function (this: FieldNode, value: unknown, placeholder: string, password: boolean) {
          const dom = this._exparserNode.$$;
          if (!dom) return;
          dom.setAttribute('placeholder', placeholder);
          if (password) dom.setAttribute('password', '');
          else dom.removeAttribute('password');
          showText(this, value);
        },
      },
      lifetimes: {
        // What the patient types stays in the native input (Vant does not set it back): show it too.
        attached(this: FieldNode) {
          this._exparserNode.addListener('input', (e) => showText(this, e.detail?.value));
        },
      },
    });
  }
}

describe('screens', () => {
  beforeAll(() => {
    reflectFieldText();
    mkdirSync(path.join(OUT, 'html'), { recursive: true });
    writeFileSync(path.join(OUT, 'html', 'base.css'), BASE_STYLES);
  });
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW, advanceTimers: true });
    // The error states log their failures, as they should; the drawing needs no console.
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('draws every declared state of every page, as it is and in 长辈模式', async () => {
    const drawn: RenderedScreen[] = [];
    for (const { page, states } of allPageScreens()) {
      if (ONLY.length > 0 && !ONLY.some((f) => page.includes(f))) continue;
      for (const state of states) {
        for (const elder of [false, true]) drawn.push(await draw(page, state, elder));
      }
    }
    writeFileSync(path.join(OUT, 'html', 'manifest.json'), JSON.stringify(drawn, null, 2));
    expect(drawn.length).toBeGreaterThan(0);
  });
});
