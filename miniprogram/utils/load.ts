/**
 * The loading → error | ready pattern of pages (ARCHITECTURE §10): a page shows `state: 'loading'`,
 * then either the failure's message with 重试 or its data. Pages whose load differs (a request
 * counter, an empty state decided elsewhere, polling) use `showLoadError` alone.
 */
import type { Failure, Result } from '../../typings/result';
import { patientMessage } from './format';

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
