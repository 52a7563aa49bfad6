/**
 * Which stays are bound, and to which patient (`stays/<stayId>`, typings/db.ts StayIndexDoc): the
 * router authorizes `{stay}` scopes against these before any hospital call, and inpatient.list shows
 * only bound stays. Ids and times only: ward, bed, doctor and money stay at the hospital.
 */
import type { StayIndexDoc } from '../../../typings/db';

export const STAYS = 'stays';

export interface StayIndex {
  get(stayId: string): Promise<StayIndexDoc | null>;
  /** Binds a stay; binding it again keeps the first binder and time. */
  put(doc: StayIndexDoc): Promise<StayIndexDoc>;
  /** The stays bound to a patient, by any account (a shared child's guardians see the same stays). */
  listByPatient(patientId: string): Promise<StayIndexDoc[]>;
}

/** The slice of wx-server-sdk's database the index uses. */
export interface StayDatabase {
  collection(name: string): {
    doc(id: string): { get(): Promise<{ data: unknown }> };
    where(condition: Record<string, unknown>): { skip(n: number): { limit(n: number): { get(): Promise<{ data: unknown[] }> } } };
  };
  runTransaction<T>(run: (tx: { collection(name: string): { doc(id: string): { get(): Promise<{ data: unknown }>; set(o: { data: Record<string, unknown> }): Promise<unknown> } } }) => Promise<T>): Promise<T>;
}

const PAGE = 100;

function asDoc(id: string, data: unknown): StayIndexDoc | null {
  if (data === null || data === undefined || typeof data !== 'object') return null;
  return { ...(data as StayIndexDoc), _id: id };
}

/** The index over the cloud database; `db` must be created with `{throwOnNotFound: false}`. */
export function cloudStayIndex(db: StayDatabase): StayIndex {
  return {
    async get(stayId) {
      return asDoc(stayId, (await db.collection(STAYS).doc(stayId).get()).data);
    },
    async put(doc) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection(STAYS).doc(doc._id);
        const current = asDoc(doc._id, (await ref.get()).data);
        // First writer wins: binding again never moves the stay.
        if (current) return current;
        const { _id: _ignored, ...rest } = doc;
        await ref.set({ data: rest as unknown as Record<string, unknown> });
        return doc;
      });
    },
    async listByPatient(patientId) {
      const out: StayIndexDoc[] = [];
      for (let skip = 0; ; skip += PAGE) {
        const { data } = await db.collection(STAYS).where({ patientId }).skip(skip).limit(PAGE).get();
        out.push(...(data as StayIndexDoc[]).map((d) => asDoc(d._id, d) as StayIndexDoc));
        if (data.length < PAGE) return out;
      }
    },
  };
}

