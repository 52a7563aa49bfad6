/**
 * Stale copies: when the hospital does not answer (HOSPITAL_UNAVAILABLE), the reference reads
 * (hospital, departments, doctors, schedules) are answered from the last copy the hospital gave,
 * however old, marked with when it was fetched. An uncached port reads fresh (never stale).
 */
import { AppError } from '../../../miniprogram/core/errors';
import type { Hospital, ReferenceRead, ReferenceReads } from './port';

/** The last answer the hospital gave per reference key and when (epoch ms), bounded like the cache. */
export class LastGoodCopies {
  private readonly copies = new Map<string, { value: unknown; at: number }>();

  constructor(
    private readonly limit: number,
    /** Told each time a read is answered from its last good copy. */
    private readonly onStale?: () => void,
  ) {}

  keep(key: string, value: unknown, at: number): void {
    rememberBounded(this.copies, key, { value, at }, this.limit);
  }

  /** The read; when the hospital is unavailable, the last good copy marked with when it was fetched. */
  async orLastGood<T>(key: string, read: () => Promise<T>): Promise<ReferenceRead<T>> {
    try {
      return { value: await read() };
    } catch (e) {
      const copy = this.copies.get(key);
      if (!(e instanceof AppError) || e.code !== 'HOSPITAL_UNAVAILABLE' || copy === undefined) throw e;
      this.onStale?.();
      return { value: copy.value as T, staleSince: new Date(copy.at).toISOString() };
    }
  }

  clear(): void {
    this.copies.clear();
  }
}

/** A bounded map write: the oldest keys go first. */
export function rememberBounded<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) {
    const oldest = map.keys().next();
    if (oldest.done === true) break;
    map.delete(oldest.value);
  }
}

/** Reads straight from a hospital without a cache (never stale): for an uncached port. */
export function freshReads(hospital: Hospital): ReferenceReads {
  const fresh = async <T>(read: Promise<T>): Promise<ReferenceRead<T>> => ({ value: await read });
  return {
    hospitalInfo: () => fresh(hospital.hospitalInfo()),
    departments: () => fresh(hospital.departments()),
    doctors: (deptId) => fresh(hospital.doctors(deptId)),
    doctor: (doctorId) => fresh(hospital.doctor(doctorId)),
    schedules: (query) => fresh(hospital.schedules(query)),
  };
}
