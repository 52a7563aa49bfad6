/**
 * A caching decorator of the Hospital port: reference data lives `refTtlMs`, schedules
 * `scheduleTtlMs` (remaining slots move). Failures are never cached, and concurrent misses for the
 * same key share one call to the hospital (single-flight). Patients, cards and check-in codes are
 * personal and live: they always go to the hospital and are never kept here.
 */
import type { Department, Doctor, DoctorSummary, HospitalInfo, Schedule } from '../../../typings/hospital';
import type { Clock } from '../../../miniprogram/core/time';
import type { Hospital, HospitalCard, PatientQrCode, PatientRegistration, RegisteredPatient, ScheduleQuery } from './port';

export interface CacheOptions {
  refTtlMs: number;
  scheduleTtlMs: number;
  /** Injectable so tests step time instead of sleeping. */
  clock: Clock;
  /** Told about each lookup: hit (from cache or joined in flight) or miss (went to the hospital). */
  onLookup?: (hit: boolean) => void;
  /** Entries kept at most; the oldest go first. Schedules are keyed by free-form date ranges. */
  maxEntries?: number;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

export class CachedHospital implements Hospital {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly maxEntries: number;

  constructor(
    private readonly inner: Hospital,
    private readonly options: CacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 5000;
  }

  hospitalInfo(): Promise<HospitalInfo> {
    return this.cached('hospitalInfo', this.options.refTtlMs, () => this.inner.hospitalInfo());
  }

  departments(): Promise<Department[]> {
    return this.cached('departments', this.options.refTtlMs, () => this.inner.departments());
  }

  doctors(deptId: string): Promise<DoctorSummary[]> {
    return this.cached(`doctors:${deptId}`, this.options.refTtlMs, () => this.inner.doctors(deptId));
  }

  doctor(doctorId: string): Promise<Doctor> {
    return this.cached(`doctor:${doctorId}`, this.options.refTtlMs, () => this.inner.doctor(doctorId));
  }

  schedules(query: ScheduleQuery): Promise<Schedule[]> {
    const key = `schedules:${JSON.stringify([query.deptId ?? null, query.doctorId ?? null, query.from, query.to])}`;
    return this.cached(key, this.options.scheduleTtlMs, () => this.inner.schedules(query));
  }

  registerPatient(registration: PatientRegistration): Promise<RegisteredPatient> {
    return this.inner.registerPatient(registration);
  }

  card(cardNo: string): Promise<HospitalCard> {
    return this.inner.card(cardNo);
  }

  patientQrCode(patientId: string): Promise<PatientQrCode> {
    return this.inner.patientQrCode(patientId);
  }

  /** Forgets everything (operators after a hospital-side correction; tests). */
  clear(): void {
    this.entries.clear();
  }

  private cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      if (entry.expiresAt > this.options.clock()) {
        this.options.onLookup?.(true);
        return Promise.resolve(entry.value as T);
      }
      this.entries.delete(key);
    }
    const pending = this.inFlight.get(key);
    if (pending !== undefined) {
      this.options.onLookup?.(true);
      return pending as Promise<T>;
    }
    this.options.onLookup?.(false);
    const call = load().then(
      (value) => {
        this.inFlight.delete(key);
        if (ttlMs > 0) this.store(key, value, ttlMs);
        return value;
      },
      (error: unknown) => {
        this.inFlight.delete(key);
        throw error;
      },
    );
    this.inFlight.set(key, call);
    return call;
  }

  private store(key: string, value: unknown, ttlMs: number): void {
    // The TTL runs from the answer, not the question: a slow call still gets its full lifetime.
    this.entries.set(key, { value, expiresAt: this.options.clock() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }
}
