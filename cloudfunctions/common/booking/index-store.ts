/**
 * Who owns a hospital booking (`appointments/<appointmentId>`, `registrations/<registrationId>`,
 * typings/db.ts BookingIndexDoc): the router authorizes `{appointment}` and `{registration}` scopes
 * against these before any hospital call. Ids and times only, never clinical content.
 */
import type { BookingIndexDoc } from '../../../typings/db';
import { retryingConflicts } from '../cloud-errors';

export const APPOINTMENTS = 'appointments';
export const REGISTRATIONS = 'registrations';
/** `bookingIntents/<hash(openid, patientId, slotId)>`: a booking asked of the hospital whose answer may be lost. */
export const BOOKING_INTENTS = 'bookingIntents';

/** A booking recorded before the hospital is asked: if the answer is lost, the next look finds and records it. */
export interface BookingIntentDoc {
  _id: string;
  openid: string;
  patientId: string;
  slotId: string;
  createdAt: number;
}

export type BookingKind = 'appointment' | 'registration';

/** Port over the two index collections. */
export interface BookingIndex {
  get(kind: BookingKind, id: string): Promise<BookingIndexDoc | null>;
  /** Writes the owner of a booking; writing the same booking again keeps the first owner and time. */
  put(kind: BookingKind, doc: BookingIndexDoc): Promise<BookingIndexDoc>;
  /** Ids an account owns (optionally one patient's), for lists that must only show the caller's. */
  listByAccount(kind: BookingKind, openid: string, patientId?: string): Promise<BookingIndexDoc[]>;
  /** Records the intent to book a slot (once per account, patient and slot). */
  recordIntent(intent: BookingIntentDoc): Promise<void>;
  /** The account's open intents for a patient. */
  intentsOf(openid: string, patientId: string): Promise<BookingIntentDoc[]>;
  /** The booking was recorded (or is no longer wanted). */
  dropIntent(id: string): Promise<void>;
}

/** The slice of wx-server-sdk's database the index uses. */
export interface IndexDatabase {
  collection(name: string): {
    doc(id: string): { get(): Promise<{ data: unknown }>; set(o: { data: Record<string, unknown> }): Promise<unknown>; remove(): Promise<unknown> };
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
  return {
    async get(kind, id) {
      return asDoc(id, (await db.collection(collectionOf(kind)).doc(id).get()).data);
    },
    async put(kind, doc) {
      return retryingConflicts(() => db.runTransaction(async (tx) => {
        const ref = tx.collection(collectionOf(kind)).doc(doc._id);
        const current = asDoc(doc._id, (await ref.get()).data);
        // First writer wins: a retried confirmation or booking never moves ownership.
        if (current) return current;
        const { _id: _ignored, ...rest } = doc;
        await ref.set({ data: rest as unknown as Record<string, unknown> });
        return doc;
      }));
    },
    async recordIntent(intent) {
      const { _id, ...rest } = intent;
      await db.collection(BOOKING_INTENTS).doc(_id).set({ data: rest as unknown as Record<string, unknown> });
    },
    async intentsOf(openid, patientId) {
      const { data } = await db.collection(BOOKING_INTENTS).where({ openid, patientId }).skip(0).limit(PAGE).get();
      return data as BookingIntentDoc[];
    },
    async dropIntent(id) {
      await db.collection(BOOKING_INTENTS).doc(id).remove();
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
  };
}
