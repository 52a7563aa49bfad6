/**
 * Screen states for `npm run screens`: per page, the states a patient meets (loading, data, empty,
 * error, its dialogs), each with the cloud's answers stubbed. One file per page in states/, whose
 * default export is a `PageScreens`; a new page adds its file and nothing else.
 */
import type { Handlers, PageComponent } from '../miniprogram/helpers';

/** How the cloud answers while the state is drawn. */
export type CloudStub =
  /** Every action through these handlers (the page tests' fakes). */
  | { handlers: Handlers }
  /** No answer ever arrives: the loading state. */
  | 'pending'
  /** The transport fails (no network): the error state. */
  | 'offline';

export interface ScreenState {
  /** In the file name, kebab-case: loading, data, empty, error, confirm-cancel … */
  name: string;
  /** What the patient sees, for the gallery. */
  caption: string;
  cloud: CloudStub;
  /** The page's query (as `onLoad` receives it). */
  query?: Record<string, string>;
  /** Device storage before the page opens (e.g. which patient is current). */
  storage?: Record<string, unknown>;
  /**
   * Brings the page to the state once it has loaded (e.g. taps 取消预约 to open its dialog).
   * Without it the page is drawn when its `state` is no longer 'loading'.
   */
  act?: (page: PageComponent) => Promise<void>;
}

export interface PageScreens {
  /** The page's path as app.json lists it, e.g. `pages/home/index` or `packages/booking/queue/index`. */
  page: string;
  states: ScreenState[];
}

/** `pages/home/index` → `home`, `packages/booking/queue/index` → `booking-queue`: the file-name stem. */
export function screenStem(page: string): string {
  return page.replace(/^(pages|packages)\//, '').replace(/\/index$/, '').replace(/\//g, '-');
}
