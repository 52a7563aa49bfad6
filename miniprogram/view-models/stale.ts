/** The stale mark of a page built from several reference reads (issue 16): the oldest copy's time, or '' when all are fresh. */
import type { StaleMark } from '../../typings/hospital';

/** `{staleSince}` for the page's data (the `stale-banner` reads it): the oldest mark of `reads`, '' for none. */
export function staleMark(...reads: StaleMark[]): { staleSince: string } {
  const marks = reads.map((r) => r.staleSince).filter((s): s is string => s !== undefined && s !== '');
  return { staleSince: marks.sort()[0] ?? '' };
}
