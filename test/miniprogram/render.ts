/**
 * Loading pages with real Vant rendering (miniprogram-simulate), waiting for them and acting on them
 * as the patient does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The part of j-component / miniprogram-simulate the tests use (typed here: their own typings pull a second, older miniprogram-api-typings into the program). */
export interface RenderedComponent {
  /** The rendered DOM (jsdom); typed minimally, the root tsconfig has no DOM lib. */
  dom: { textContent: string | null; querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> } | undefined;
  data: Record<string, unknown>;
  instance: Record<string, unknown>;
  attach(parent: unknown): void;
  detach(): void;
  querySelector(selector: string): RenderedComponent | undefined;
  querySelectorAll(selector: string): RenderedComponent[];
  dispatchEvent(eventName: string, options?: { detail?: unknown }): void;
  setData(data: Record<string, unknown>): void;
  /** Fires a page lifetime (`show`, `hide`) through the tree, as the runtime does when the page shows or hides. */
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
}

interface Simulate {
  load(componentPath: string, options: { rootPath: string; usingComponents: Record<string, string>; compiler: 'official' }): string;
  render(id: string): RenderedComponent;
  sleep(ms: number): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as Simulate;

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');

/** Maps each `van-*` a component tree uses to its miniprogram_npm path (docs/architecture.md#toolchain). */
function vantComponents(componentPath: string, seen = new Set<string>(), out: Record<string, string> = {}): Record<string, string> {
  if (seen.has(componentPath)) return out;
  seen.add(componentPath);
  const json = JSON.parse(readFileSync(`${componentPath}.json`, 'utf8')) as { usingComponents?: Record<string, string> };
  for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
    if (target.startsWith('@vant/weapp/')) out[tag] = `/miniprogram_npm/${target}`;
    else if (target.startsWith('/')) vantComponents(path.join(MINIPROGRAM_ROOT, target), seen, out);
  }
  return out;
}

export type PageComponent = RenderedComponent;

/** Loads a page (path under miniprogram/, e.g. `pages/home/index`), attaches it and calls its onLoad(query) if it has one. */
export function openPage(pagePath: string, query: Record<string, string> = {}): PageComponent {
  const componentPath = path.join(MINIPROGRAM_ROOT, pagePath);
  // The simulator registers a component by running its file; jest caches modules, so forget them first.
  jest.resetModules();
  const id = simulate.load(componentPath, { rootPath: MINIPROGRAM_ROOT, usingComponents: vantComponents(componentPath), compiler: 'official' });
  const page = simulate.render(id);
  const { document } = globalThis as unknown as { document: { createElement(tag: string): unknown } };
  page.attach(document.createElement('parent-wrapper'));
  // A page without onLoad (all its set-up in lifetimes) is fine: the runtime calls it only if present.
  const onLoad = page.instance.onLoad as ((q: Record<string, string>) => void) | undefined;
  if (typeof onLoad === 'function') onLoad.call(page.instance, query);
  return page;
}

/**
 * Lets pending answers and renders settle: waits until `check` holds, for a bounded number of
 * turns (Vant defers some renders to a 33 ms requestAnimationFrame stand-in, hence the short sleeps).
 */
export async function until(check: () => boolean, turns = 300): Promise<void> {
  for (let i = 0; i < turns; i += 1) {
    if (check()) return;
    await simulate.sleep(i < 5 ? 0 : 10);
  }
  throw new Error('condition not reached');
}

/** Waits until the page shows `text`; fails with what it shows instead. */
export async function untilText(page: PageComponent, text: string): Promise<void> {
  await until(() => textOf(page).includes(text)).catch(() => {
    throw new Error(`page never showed “${text}”; it shows: ${textOf(page)}`);
  });
}

/** What the patient reads: the page's text with whitespace collapsed. */
export function textOf(page: PageComponent): string {
  return (page.dom?.textContent ?? '').replace(/\s+/g, ' ');
}

/** The rendered state of the page (`loading`, `ready`, …). */
export function stateOf(page: PageComponent): string {
  return (page.data as { state?: string }).state ?? '';
}

/** Taps through a chain of class selectors, e.g. tap(page, '.state-view', '.retry', '.van-button'). */
export function tap(root: PageComponent, ...selectors: string[]): void {
  find(root, ...selectors).dispatchEvent('tap');
}

/** Follows a chain of class selectors into nested components; throws when a link is missing. */
export function find(root: PageComponent, ...selectors: string[]): PageComponent {
  let node = root;
  for (const selector of selectors) {
    const next = node.querySelector(selector);
    if (!next) throw new Error(`nothing matches ${selectors.join(' > ')} at ${selector}`);
    node = next;
  }
  return node;
}

/** Typed access to a wx API the setup replaced with a jest mock. */
export function mocked(fn: unknown): jest.Mock {
  return fn as jest.Mock;
}

/** Types into a van-field as the patient does: through its inner input (Vant emits `change`). */
export function typeInto(root: PageComponent, fieldSelector: string, value: string): void {
  find(root, fieldSelector, '.input-class').dispatchEvent('input', { detail: { value } });
}

/** Leaves a van-field (Vant emits `blur`). */
export function blur(root: PageComponent, fieldSelector: string): void {
  const input = find(root, fieldSelector, '.input-class');
  input.dispatchEvent('blur', { detail: { value: '' } });
}
