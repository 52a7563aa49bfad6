/**
 * The loading → error | ready pattern of pages (docs/architecture.md#mini-program): a page shows `state: 'loading'`,
 * then either the failure's message with 重试 or its data. Pages whose load differs (a request
 * counter, an empty state decided elsewhere, polling) use `showLoadError` alone.
 */
import type { Failure, Result } from '../../typings/result';
import { patientMessage } from '../view-models/format';

/** What the load helpers touch: the page's `setData` (its data has `state` and `errorMessage`). */
export interface LoadingPage {
  setData(data: Record<string, unknown>): void;
}

/** The error state for a failed load: the failure's message, ending with what the patient can do. */
export function showLoadError(page: LoadingPage, failure: Pick<Failure, 'code' | 'message'>): void {
  page.setData({ state: 'error', errorMessage: patientMessage(failure) });
}

/** Two answers fetched together as one: the first failure, else both data. */
export function bothOk<A, B>(first: Result<A>, second: Result<B>): Result<[A, B]> {
  if (!first.ok) return first;
  if (!second.ok) return second;
  return { ok: true, data: [first.data, second.data] };
}

/**
 * Shows loading, calls `load`, then shows the error state or `state: 'ready'` with `toData`'s fields
 * (which may set `state` itself, e.g. 'empty'). Returns the answer's data, or undefined on failure.
 */
export async function loadInto<T>(page: LoadingPage, load: () => Promise<Result<T>>, toData: (data: T) => Record<string, unknown>): Promise<T | undefined> {
  page.setData({ state: 'loading' });
  const answer = await load();
  if (!answer.ok) {
    showLoadError(page, answer);
    return undefined;
  }
  page.setData({ state: 'ready', ...toData(answer.data) });
  return answer.data;
}

/** What `loadLatest` keeps on a page: a request counter (a late answer is dropped) and whether any load answered. */
export interface LatestLoadingPage extends LoadingPage {
  request: number;
  loadedOnce: boolean;
  data: { state: string };
}

/**
 * Loads a page's data again; quietly (no loading state) when `showLoading` is false, e.g. on show.
 * Bumps the request so an earlier answer arriving late is dropped, and notes that a load answered.
 * A quiet reload's failure keeps a ready page on screen unless `failureReplacesReady`.
 * Returns the data, or undefined when the load failed (the error is shown) or was overtaken.
 */
export async function loadLatest<T>(page: LatestLoadingPage, load: () => Promise<Result<T>>, showLoading: boolean, failureReplacesReady = false): Promise<T | undefined> {
  page.request += 1;
  const request = page.request;
  if (showLoading) page.setData({ state: 'loading' });
  const answer = await load();
  if (request !== page.request) return undefined;
  page.loadedOnce = true;
  if (!answer.ok) {
    if (showLoading || failureReplacesReady || page.data.state !== 'ready') showLoadError(page, answer);
    return undefined;
  }
  return answer.data;
}

/** What `reloadingListBehavior` keeps on a page; the page defines `load(showLoading?)`. */
export interface ReloadingPage extends LatestLoadingPage {
  /** The page was left: answers on their way are dropped. */
  gone: boolean;
  /** An action of the page in flight (a cancel, a refund): showing again does not reload under it. */
  busy?: boolean;
  load(showLoading?: boolean): Promise<unknown>;
}

/**
 * The plumbing of a list page: loads on open, 重试 from its error state, reloads quietly when shown
 * again (back from paying or from the queue, the rows may have moved on), drops answers after leaving.
 */
export const reloadingListBehavior = Behavior({
  data: { state: 'loading', errorMessage: '' },
  lifetimes: {
    attached() {
      const page = this as unknown as ReloadingPage;
      page.request = 0;
      page.loadedOnce = false;
      page.gone = false;
    },
    detached() {
      const page = this as unknown as ReloadingPage;
      page.gone = true;
      page.request += 1;
    },
  },
  pageLifetimes: {
    show() {
      const page = this as unknown as ReloadingPage;
      if (page.loadedOnce && page.busy !== true) void page.load(false);
    },
  },
  methods: {
    onLoad() {
      void (this as unknown as ReloadingPage).load();
    },
    onRetry() {
      void (this as unknown as ReloadingPage).load();
    },
  },
});
