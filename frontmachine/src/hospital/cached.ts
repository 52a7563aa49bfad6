/**
 * A caching decorator of the Hospital port: reference data lives `refTtlMs`, schedules and slot lists
 * `scheduleTtlMs` (remaining slots move). Failures are never cached, and concurrent misses for the
 * same key share one call to the hospital (single-flight). Patients, cards, check-in codes, bills,
 * payments, costs, appointments, registrations, the queue, visits and reports are personal, live,
 * clinical or money: they always go to the hospital and are never kept here.
 *
 * Release-time protection (预约放号): a booking or hold for a slot the cache knows is not free, or for
 * a session it knows has nothing left, is answered SOLD_OUT without calling the hospital; a slot the
 * hospital just refused as taken is remembered for the same TTL. Every successful booking, hold,
 * cancellation, refund or registration invalidates the cached slots and schedules of that session,
 * and a list loaded before such a write is not stored after it, so our own writes never leave a
 * stale "free" behind.
 *
 * When the hospital does not answer (HOSPITAL_UNAVAILABLE), `lastGood` answers the reference reads
 * (hospital, departments, doctors, schedules) from the last copy the hospital gave, however old,
 * marked with when it was fetched (./last-good.ts). Slot lists are never answered stale: they decide
 * what is bookable. The personal questions pass through PassThroughHospital (./pass-through.ts).
 */
import type { Department, Doctor, DoctorSummary, HospitalInfo, Schedule } from '../../../typings/hospital';
import type { Clock } from '../../../miniprogram/core/time';
import type { HospitalAppointment, SlotHold, SlotState } from '../../../typings/booking';
import { AppError } from '../../../miniprogram/core/errors';
import type {
  AppointmentCancellation,
  AppointmentConfirmation,
  AppointmentReceipt,
  Hospital,
  ReferenceReads,
  RegistrationConfirmation,
  RegistrationReceipt,
  RegistrationRefund,
  ScheduleQuery,
  SessionSlots,
  SlotInSession,
} from './port';
import { PassThroughHospital } from './pass-through';
import { freshReads, LastGoodCopies, rememberBounded } from './last-good';

/** How long an unknown doctor or department id is answered from memory. */
export const NEGATIVE_TTL_MS = 60_000;

/** Stands for every session when a write does not say which one it touched. */
const ANY_SESSION = '*';

/** How a booking or hold attempt ended, for the release-time metrics. */
export type BookingOutcome = 'accepted' | 'soldOutFast' | 'soldOutHospital';

/** The answer to a slot known taken (the adapter's SOLD_OUT says the same). */
export const SOLD_OUT_MESSAGE = '该时段已被预约，请选择其他时段';

export interface CacheOptions {
  refTtlMs: number;
  scheduleTtlMs: number;
  /** Injectable so tests step time instead of sleeping. */
  clock: Clock;
  /** Told about each lookup: hit (from cache or joined in flight) or miss (went to the hospital). */
  onLookup?: (hit: boolean) => void;
  /** Entries kept at most; the oldest go first. Schedules are keyed by free-form date ranges. */
  maxEntries?: number;
  /** Told how each booking or hold attempt ended. */
  onBooking?: (outcome: BookingOutcome) => void;
  /** Told each time a reference read is answered from its last good copy. */
  onStale?: () => void;
}

/** What the cache knows of one slot, until `expiresAt`; `by` is the patient whose booking we saw. */
interface SlotFact {
  scheduleId: string;
  state: SlotState;
  expiresAt: number;
  by?: string;
}

/** What the cache knows of one session, until `expiresAt`. */
interface SessionFact {
  remaining: number;
  stopped: boolean;
  expiresAt: number;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

export class CachedHospital extends PassThroughHospital {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly maxEntries: number;
  private readonly slotFacts = new Map<string, SlotFact>();
  private readonly sessionFacts = new Map<string, SessionFact>();
  /** Which session a slot belongs to: never changes, so kept beyond the TTL (bounded like the entries). */
  private readonly slotSession = new Map<string, string>();
  /** Write sequence: a session invalidated after a load began makes that load too old to store. */
  private writeSeq = 0;
  private readonly invalidatedAt = new Map<string, number>();
  /** The last answer the hospital gave per reference key and when; kept past the TTL. */
  private readonly lastGoodCopies: LastGoodCopies;

  /** The reference reads, answered from the last good copy when the hospital is unavailable. */
  readonly lastGood: ReferenceReads = {
    hospitalInfo: () => this.lastGoodCopies.orLastGood('hospitalInfo', () => this.hospitalInfo()),
    departments: () => this.lastGoodCopies.orLastGood('departments', () => this.departments()),
    doctors: (deptId) => this.lastGoodCopies.orLastGood(`doctors:${deptId}`, () => this.doctors(deptId)),
    doctor: (doctorId) => this.lastGoodCopies.orLastGood(`doctor:${doctorId}`, () => this.doctor(doctorId)),
    schedules: (query) => this.lastGoodCopies.orLastGood(scheduleKey(query), () => this.schedules(query)),
  };

  constructor(
    inner: Hospital,
    private readonly options: CacheOptions,
  ) {
    super(inner);
    this.maxEntries = options.maxEntries ?? 5000;
    this.lastGoodCopies = new LastGoodCopies(this.maxEntries * 20, options.onStale);
  }

  override hospitalInfo(): Promise<HospitalInfo> {
    return this.cached('hospitalInfo', this.options.refTtlMs, () => this.inner.hospitalInfo());
  }

  override departments(): Promise<Department[]> {
    return this.cached('departments', this.options.refTtlMs, () => this.inner.departments());
  }

  override doctors(deptId: string): Promise<DoctorSummary[]> {
    return this.unlessUnknown(`doctors:${deptId}`, () => this.cached(`doctors:${deptId}`, this.options.refTtlMs, () => this.inner.doctors(deptId)));
  }

  override doctor(doctorId: string): Promise<Doctor> {
    return this.unlessUnknown(`doctor:${doctorId}`, () => this.cached(`doctor:${doctorId}`, this.options.refTtlMs, () => this.inner.doctor(doctorId)));
  }

  override schedules(query: ScheduleQuery): Promise<Schedule[]> {
    const key = scheduleKey(query);
    const startedAt = this.writeSeq;
    return this.cached(key, this.options.scheduleTtlMs, () => this.inner.schedules(query), (list) => {
      if (list.some((s) => this.invalidatedSince(s.scheduleId, startedAt))) return false;
      for (const s of list) this.learnSession(s);
      return true;
    });
  }

  override slots(scheduleId: string): Promise<SessionSlots> {
    const startedAt = this.writeSeq;
    return this.cached(`slots:${scheduleId}`, this.options.scheduleTtlMs, () => this.inner.slots(scheduleId), (answer) => {
      if (this.invalidatedSince(scheduleId, startedAt)) return false;
      this.learnSession(answer.schedule);
      const expiresAt = this.options.clock() + this.options.scheduleTtlMs;
      for (const slot of answer.slots) {
        this.remember(this.slotSession, slot.slotId, scheduleId);
        // Whose booking we saw stays known while the slot stays taken (a double submission must pass).
        const by = slot.state === 'free' ? undefined : this.slotFacts.get(slot.slotId)?.by;
        this.slotFacts.set(slot.slotId, by === undefined ? { scheduleId, state: slot.state, expiresAt } : { scheduleId, state: slot.state, expiresAt, by });
      }
      return true;
    });
  }

  /** From the cached slot list when the slot's session is known; else the hospital, and its session is learnt. */
  override async slot(slotId: string): Promise<SlotInSession> {
    const known = this.slotSession.get(slotId);
    if (known !== undefined) {
      const { schedule, slots } = await this.slots(known);
      const slot = slots.find((s) => s.slotId === slotId);
      if (slot !== undefined) return { schedule, slot };
    }
    const answer = await this.inner.slot(slotId);
    this.remember(this.slotSession, slotId, answer.schedule.scheduleId);
    return answer;
  }

  override bookAppointment(patientId: string, slotId: string): Promise<HospitalAppointment> {
    return this.takeSlot(patientId, slotId, 'booked', () => this.inner.bookAppointment(patientId, slotId));
  }

  override holdSlot(patientId: string, slotId: string, minutes: number): Promise<SlotHold> {
    return this.takeSlot(patientId, slotId, 'held', () => this.inner.holdSlot(patientId, slotId, minutes));
  }

  override async confirmAppointment(confirmation: AppointmentConfirmation): Promise<AppointmentReceipt> {
    const receipt = await this.inner.confirmAppointment(confirmation);
    // A lapsed hold paid late takes its slot again: the session's counts moved.
    this.invalidateSession(receipt.appointment.scheduleId);
    return receipt;
  }

  override async cancelAppointment(appointmentId: string): Promise<AppointmentCancellation> {
    const cancellation = await this.inner.cancelAppointment(appointmentId);
    this.invalidateSession(cancellation.appointment.scheduleId, cancellation.appointment.slotId);
    return cancellation;
  }

  override async confirmRegistration(confirmation: RegistrationConfirmation): Promise<RegistrationReceipt> {
    const receipt = await this.inner.confirmRegistration(confirmation);
    // A lapsed hold paid late takes its slot again: the session's counts moved.
    this.invalidateSession(receipt.registration.scheduleId);
    return receipt;
  }

  override async refundRegistration(registrationId: string, outTradeNo: string): Promise<RegistrationRefund> {
    const refund = await this.inner.refundRegistration(registrationId, outTradeNo);
    this.invalidateSession(refund.registration.scheduleId, refund.registration.slotId);
    return refund;
  }

  /** Forgets everything (operators after a hospital-side correction; tests). */
  clear(): void {
    this.entries.clear();
    this.lastGoodCopies.clear();
    this.slotFacts.clear();
    this.sessionFacts.clear();
  }

  /**
   * A booking or hold: SOLD_OUT at once when the cache knows the slot is taken (by someone else) or its
   * session has nothing left; otherwise the hospital decides, and what it answers is learnt.
   */
  private async takeSlot<T>(patientId: string, slotId: string, state: SlotState, call: () => Promise<T>): Promise<T> {
    if (this.knownTaken(patientId, slotId)) {
      this.options.onBooking?.('soldOutFast');
      throw new AppError('SOLD_OUT', SOLD_OUT_MESSAGE, 'slotId');
    }
    try {
      const result = await call();
      this.options.onBooking?.('accepted');
      const scheduleId = this.slotSession.get(slotId) ?? scheduleOf(result);
      if (scheduleId !== undefined) {
        this.invalidateSession(scheduleId);
        this.slotFacts.set(slotId, { scheduleId, state, expiresAt: this.options.clock() + this.options.scheduleTtlMs, by: patientId });
      } else {
        // A hold names no session: any cached schedule list may count the slot as free.
        this.invalidateSession(ANY_SESSION);
      }
      return result;
    } catch (e) {
      if (e instanceof AppError && e.code === 'SOLD_OUT') {
        this.options.onBooking?.('soldOutHospital');
        const scheduleId = this.slotSession.get(slotId);
        if (scheduleId !== undefined) {
          // Taken by someone else: our cached lists said free, so they are stale.
          this.invalidateSession(scheduleId);
          this.slotFacts.set(slotId, { scheduleId, state: 'booked', expiresAt: this.options.clock() + this.options.scheduleTtlMs });
        }
      }
      throw e;
    }
  }

  private knownTaken(patientId: string, slotId: string): boolean {
    const now = this.options.clock();
    const slot = this.slotFacts.get(slotId);
    if (slot !== undefined && slot.expiresAt > now) {
      // The patient's own booking seen again (a double submission) goes on: the hospital answers the first one.
      return slot.state !== 'free' && slot.by !== patientId;
    }
    const scheduleId = this.slotSession.get(slotId);
    const session = scheduleId === undefined ? undefined : this.sessionFacts.get(scheduleId);
    // A stopped session is the hospital's to explain (RULE_VIOLATION), not sold out.
    return session !== undefined && session.expiresAt > now && !session.stopped && session.remaining === 0;
  }

  private learnSession(s: Schedule): void {
    this.remember(this.sessionFacts, s.scheduleId, { remaining: s.remaining, stopped: s.status === 'stopped', expiresAt: this.options.clock() + this.options.scheduleTtlMs });
  }

  private invalidatedSince(scheduleId: string, seq: number): boolean {
    return (this.invalidatedAt.get(scheduleId) ?? -1) > seq || (this.invalidatedAt.get(ANY_SESSION) ?? -1) > seq;
  }

  /** Drops the session's slot list, every cached schedule list holding it, and what we knew of it. */
  private invalidateSession(scheduleId: string, freedSlotId?: string): void {
    this.writeSeq += 1;
    this.remember(this.invalidatedAt, scheduleId, this.writeSeq);
    this.sessionFacts.delete(scheduleId);
    this.entries.delete(`slots:${scheduleId}`);
    this.inFlight.delete(`slots:${scheduleId}`);
    for (const [key, entry] of this.entries) {
      if (key.startsWith('schedules:') && (scheduleId === ANY_SESSION || (entry.value as Schedule[]).some((s) => s.scheduleId === scheduleId))) this.entries.delete(key);
    }
    // A schedule list in flight may hold the session: later callers must not join it.
    for (const key of [...this.inFlight.keys()]) if (key.startsWith('schedules:')) this.inFlight.delete(key);
    // Facts that other slots are taken stay true; only a slot this write freed is forgotten.
    if (freedSlotId !== undefined) this.slotFacts.delete(freedSlotId);
  }

  /** A bounded map write: the oldest keys go first. */
  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    rememberBounded(map, key, value, this.maxEntries * 20);
  }

  /**
   * A short negative cache: an id the hospital said it does not know (NOT_FOUND) is answered the same
   * for NEGATIVE_TTL_MS without asking again, so random ids do not each cost a hospital call. Kept
   * with the other entries (bounded, oldest first).
   */
  private async unlessUnknown<T>(key: string, load: () => Promise<T>): Promise<T> {
    const known = this.entries.get(`unknown:${key}`);
    if (known !== undefined && known.expiresAt > this.options.clock()) {
      this.options.onLookup?.(true);
      throw known.value as AppError;
    }
    try {
      return await load();
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') this.store(`unknown:${key}`, e, Math.min(NEGATIVE_TTL_MS, this.options.refTtlMs));
      throw e;
    }
  }

  private cached<T>(key: string, ttlMs: number, load: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
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
        if (this.inFlight.get(key) === call) this.inFlight.delete(key);
        // `keep` learns from the answer and may refuse to store one a write made stale meanwhile.
        if (keep === undefined || keep(value)) {
          if (ttlMs > 0) this.store(key, value, ttlMs);
          if (!key.startsWith('slots:')) this.lastGoodCopies.keep(key, value, this.options.clock());
        }
        return value;
      },
      (error: unknown) => {
        if (this.inFlight.get(key) === call) this.inFlight.delete(key);
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

function scheduleKey(query: ScheduleQuery): string {
  return `schedules:${JSON.stringify([query.deptId ?? null, query.doctorId ?? null, query.from, query.to])}`;
}

/** The reference reads of the hospital an operation is given: the cache's last-good reads, or fresh ones. */
export function referenceReads(hospital: Hospital): ReferenceReads {
  return hospital instanceof CachedHospital ? hospital.lastGood : freshReads(hospital);
}

/** The session of what a booking or hold answered (an appointment names it; a hold does not). */
function scheduleOf(result: unknown): string | undefined {
  const scheduleId = (result as { scheduleId?: unknown }).scheduleId;
  return typeof scheduleId === 'string' ? scheduleId : undefined;
}
