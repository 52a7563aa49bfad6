/** The stale mark of a page built from several reference reads (issue 16): the oldest copy's time, or '' when all are fresh. */
import type { StaleMark } from '../../typings/hospital';

/** What the stale-banner says; the time of the copy follows. */
export const STALE_MESSAGE = '医院系统维护中，信息可能不是最新';

/** `{staleSince}` for the page's data (the `stale-banner` reads it): the oldest mark of `reads`, '' for none. */
export function staleMark(...reads: StaleMark[]): { staleSince: string } {
  const marks = reads.map((r) => r.staleSince).filter((s): s is string => s !== undefined && s !== '');
  return { staleSince: marks.sort()[0] ?? '' };
}
