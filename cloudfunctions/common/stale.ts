/** Passing on the front machine's stale mark (issue 16): reference data answered from its last good copy. */
import type { StaleMark } from '../../typings/hospital';

/** The mark to spread into an answer: the oldest `staleSince` of the reads it was built from, or nothing. */
export function staleMark(...reads: StaleMark[]): StaleMark {
  const since = reads.map((r) => r.staleSince).filter((s): s is string => s !== undefined).sort()[0];
  return since === undefined ? {} : { staleSince: since };
}
