/**
 * Who owns a hospital booking (`appointments/<appointmentId>`, `registrations/<registrationId>`,
 * typings/db.ts BookingIndexDoc): the router authorizes `{appointment}` and `{registration}` scopes
 * against these before any hospital call. Ids and times only, never clinical content.
 */
import type { BookingIndexDoc } from '../../../typings/db';

export const APPOINTMENTS = 'appointments';
export const REGISTRATIONS = 'registrations';
/** `slots/<slotId>` → `{scheduleId}`: public reference data, so a slot id finds its session (no patient in it). */
export const SLOTS = 'slots';

export type BookingKind = 'appointment' | 'registration';

/** Port over the two index collections. */
export interface BookingIndex {
  get(kind: BookingKind, id: string): Promise<BookingIndexDoc | null>;
  /** Writes the owner of a booking; writing the same booking again keeps the first owner and time. */
  put(kind: BookingKind, doc: BookingIndexDoc): Promise<BookingIndexDoc>;
  /** Ids an account owns (optionally one patient's), for lists that must only show the caller's. */
  listByAccount(kind: BookingKind, openid: string, patientId?: string): Promise<BookingIndexDoc[]>;
  /** The session a slot belongs to, as recorded when its slot list was served; null when never seen. */
  scheduleOfSlot(slotId: string): Promise<string | null>;
  /** Records the slots of a session (once per session: later calls find the first slot and stop). */
  rememberSlots(scheduleId: string, slotIds: readonly string[]): Promise<void>;
}

/** The slice of wx-server-sdk's database the index uses. */
export interface IndexDatabase {
  collection(name: string): {
    doc(id: string): { get(): Promise<{ data: unknown }>; set(o: { data: Record<string, unknown> }): Promise<unknown> };
    where(condition: Record<string, unknown>): { skip(n: number): { limit(n: number): { get(): Promise<{ data: unknown[] }> } } };
  };
  runTransaction<T>(run: (tx: { collection(name: string): { doc(id: string): { get(): Promise<{ data: unknown }>; set(o: { data: Record<string, unknown> }): Promise<unknown> } } }) => Promise<T>): Promise<T>;
}

const collectionOf = (kind: BookingKind) => (kind === 'appointment' ? APPOINTMENTS : REGISTRATIONS);
const PAGE = 100;

function asDoc(id: string, data: unknown): BookingIndexDoc | null {
  if (data === null || data === undefined || typeof data !== 'object') return null;
  return { ...(data as BookingIndexDoc), _id: id };
}

/** The index over the cloud database; `db` must be created with `{throwOnNotFound: false}`. */
export function cloudBookingIndex(db: IndexDatabase): BookingIndex {
  const scheduleOfSlot = async (slotId: string): Promise<string | null> => {
    const { data } = await db.collection(SLOTS).doc(slotId).get();
    const scheduleId = (data as { scheduleId?: unknown } | null)?.scheduleId;
    return typeof scheduleId === 'string' ? scheduleId : null;
  };
  return {
    async get(kind, id) {
      return asDoc(id, (await db.collection(collectionOf(kind)).doc(id).get()).data);
    },
    async put(kind, doc) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection(collectionOf(kind)).doc(doc._id);
        const current = asDoc(doc._id, (await ref.get()).data);
        // First writer wins: a retried confirmation or booking never moves ownership.
        if (current) return current;
        const { _id: _ignored, ...rest } = doc;
        await ref.set({ data: rest as unknown as Record<string, unknown> });
        return doc;
      });
    },
    async listByAccount(kind, openid, patientId) {
      const out: BookingIndexDoc[] = [];
      const where = patientId === undefined ? { openid } : { openid, patientId };
      for (let skip = 0; ; skip += PAGE) {
        const { data } = await db.collection(collectionOf(kind)).where(where).skip(skip).limit(PAGE).get();
        out.push(...(data as BookingIndexDoc[]));
        if (data.length < PAGE) return out;
      }
    },
    scheduleOfSlot,
    async rememberSlots(scheduleId, slotIds) {
      const [first] = slotIds;
      // Read-mostly at release time: one read per slot list, the writes only the first time a session is seen.
      if (first === undefined || (await scheduleOfSlot(first)) === scheduleId) return;
      await Promise.all(slotIds.map((id) => db.collection(SLOTS).doc(id).set({ data: { scheduleId } })));
    },
  };
}
