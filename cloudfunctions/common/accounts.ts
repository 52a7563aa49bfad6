/**
 * The `accounts` collection (typings/db.ts): one document per WeChat user, `accounts/<OPENID>`, with
 * the patients bound to it. Every change is a single-document transaction, so the 5-patient limit
 * and the no-duplicate rule hold under concurrent calls.
 */
import type { AccountDoc, PatientBinding } from '../../typings/db';
import type { AppError } from '../../miniprogram/core/errors';
import { retryingConflicts } from './cloud-errors';

export const ACCOUNTS = 'accounts';

// A rule shared with the mini program (which shows it before the list loads); the patient actions enforce it.
export { MAX_PATIENTS_PER_ACCOUNT } from '../../miniprogram/core/patient';

/** What a change decides, seeing the current patients: the new list (written) or a refusal (nothing written). */
export type AccountDecision<T> = { patients: PatientBinding[]; answer: T } | { refusal: AppError };

/** Port over the accounts collection; the cloud adapter is below, tests may wrap it to inject failures. */
export interface AccountStore {
  /** The account, or null for a caller who never bound a patient. */
  load(openid: string): Promise<AccountDoc | null>;
  /**
   * Runs `decide` on the current document inside one transaction and writes its list; a refusal
   * is thrown with nothing written. `decide` may run more than once (on a write conflict), so it
   * must be pure.
   */
  update<T>(openid: string, nowMs: number, decide: (current: AccountDoc | null) => AccountDecision<T>): Promise<T>;
}

/** The slice of wx-server-sdk's database the store uses (the SDK's own typings say `any` here). */
export interface AccountDatabase {
  collection(name: string): { doc(id: string): { get(): Promise<{ data: unknown }> } };
  runTransaction<T>(run: (tx: AccountTransaction) => Promise<T>, times?: number): Promise<T>;
}
export interface AccountTransaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      set(options: { data: Record<string, unknown> }): Promise<unknown>;
    };
  };
}

function asAccount(openid: string, data: unknown): AccountDoc | null {
  if (data === null || data === undefined || typeof data !== 'object') return null;
  const d = data as Partial<AccountDoc>;
  return {
    _id: openid,
    patients: Array.isArray(d.patients) ? d.patients : [],
    createdAt: typeof d.createdAt === 'number' ? d.createdAt : 0,
    updatedAt: typeof d.updatedAt === 'number' ? d.updatedAt : 0,
  };
}

/**
 * The store over the cloud database. `db` must be created with `{throwOnNotFound: false}`, so a
 * missing account reads as null (in and out of transactions) rather than as an error.
 */
export function cloudAccountStore(db: AccountDatabase): AccountStore {
  return {
    async load(openid) {
      const { data } = await db.collection(ACCOUNTS).doc(openid).get();
      return asAccount(openid, data);
    },
    async update(openid, nowMs, decide) {
      const decision = await retryingConflicts(() => db.runTransaction(async (tx) => {
        const ref = tx.collection(ACCOUNTS).doc(openid);
        const current = asAccount(openid, (await ref.get()).data);
        const d = decide(current);
        // A refusal is returned, not thrown: what a thrown error becomes differs between SDK versions.
        if ('refusal' in d) return d;
        const doc: Omit<AccountDoc, '_id'> = { patients: d.patients, createdAt: current?.createdAt || nowMs, updatedAt: nowMs };
        await ref.set({ data: doc as unknown as Record<string, unknown> });
        return d;
      }));
      if ('refusal' in decision) throw decision.refusal;
      return decision.answer;
    },
  };
}
