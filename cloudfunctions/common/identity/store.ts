/**
 * What the cloud keeps about binding (no personal data, docs/architecture.md#trust): per account, the instants
 * of codes sent, new hospital records made and card binding tries (`identityLimits/<OPENID>`), the
 * challenges it opened (`bindChallenges/<challengeId>`: owner, the person's HMAC, expiry — never
 * the code, which only the hospital knows) and the privacy consent (`privacyConsents/<OPENID>`).
 */
import type { BindChallengeDoc, IdentityLimitsDoc, PrivacyConsentDoc } from '../../../typings/db';
import { AppError } from '../../../miniprogram/core/errors';
import { retryText } from '../../../miniprogram/core/verification';
import { retryingConflicts } from '../cloud-errors';
import { cloud } from '../cloud-sdk';

export const IDENTITY_LIMITS = 'identityLimits';
export const BIND_CHALLENGES = 'bindChallenges';
export const PRIVACY_CONSENTS = 'privacyConsents';

/** What is counted per account (the lists of IdentityLimitsDoc). */
export type IdentityCounter = keyof Pick<IdentityLimitsDoc, 'sends' | 'newRecords' | 'cardBinds'>;

/** A challenge as the cloud remembers it (BindChallengeDoc, keyed by its id). */
export type ChallengeRecord = Omit<BindChallengeDoc, '_id'> & { challengeId: string };

/** The privacy guide's version the account consented to, and when (PrivacyConsentDoc). */
export type PrivacyConsent = Omit<PrivacyConsentDoc, '_id'>;

export interface IdentityStore {
  /** Counts one use of `counter` now, or throws LIMIT_REACHED with when to retry (`message` names what). */
  take(openid: string, counter: IdentityCounter, max: number, windowMs: number, nowMs: number, message: string): Promise<void>;
  /** Uses of `counter` within the window. */
  count(openid: string, counter: IdentityCounter, windowMs: number, nowMs: number): Promise<number>;
  /** Counts one use without a limit (a new hospital record, known only after it was made). */
  record(openid: string, counter: IdentityCounter, nowMs: number): Promise<void>;
  saveChallenge(challenge: ChallengeRecord): Promise<void>;
  challenge(challengeId: string): Promise<ChallengeRecord | null>;
  removeChallenge(challengeId: string): Promise<void>;
  consent(openid: string): Promise<PrivacyConsent | null>;
  saveConsent(openid: string, consent: PrivacyConsent): Promise<void>;
}

type Ref = { get(): Promise<{ data: unknown }>; set(o: { data: Record<string, unknown> }): Promise<unknown>; remove(): Promise<unknown> };
/** The slice of wx-server-sdk's database the store uses. */
export interface IdentityDatabase {
  collection(name: string): { doc(id: string): Ref };
  /** A conflict rejects with -501001 (the SDK does not retry): `change` below runs it again. */
  runTransaction<T>(run: (tx: { collection(name: string): { doc(id: string): Omit<Ref, 'remove'> } }) => Promise<T>, times?: number): Promise<T>;
}

/** Longest window a counter is kept for; older instants are dropped on write. */
const KEEP_MS = 24 * 3_600_000;

function instantsOf(data: unknown, counter: IdentityCounter): number[] {
  const list = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[counter] : undefined;
  return Array.isArray(list) ? list.filter((t): t is number => typeof t === 'number') : [];
}

/** The store over the cloud database; `db` must be created with `{throwOnNotFound: false}`. */
export function cloudIdentityStore(db: IdentityDatabase): IdentityStore {
  const change = (openid: string, counter: IdentityCounter, nowMs: number, limit?: { max: number; windowMs: number }) =>
    retryingConflicts(() => db.runTransaction(async (tx) => {
      const ref = tx.collection(IDENTITY_LIMITS).doc(openid);
      const data = (await ref.get()).data;
      const doc = data !== null && typeof data === 'object' ? { ...(data as Record<string, unknown>) } : {};
      delete doc._id;
      const kept = instantsOf(data, counter).filter((t) => t > nowMs - KEEP_MS);
      if (limit) {
        const recent = kept.filter((t) => t > nowMs - limit.windowMs);
        // Returned, not thrown: what a thrown error becomes differs between SDK versions.
        if (recent.length >= limit.max) return { retryAt: (recent[recent.length - limit.max] as number) + limit.windowMs };
      }
      await ref.set({ data: { ...doc, [counter]: [...kept, nowMs], updatedAt: nowMs } });
      return undefined;
    }));
  return {
    async take(openid, counter, max, windowMs, nowMs, message) {
      const refused = await change(openid, counter, nowMs, { max, windowMs });
      if (refused) throw new AppError('LIMIT_REACHED', `${message}，${retryText(refused.retryAt)}`);
    },
    async count(openid, counter, windowMs, nowMs) {
      const { data } = await db.collection(IDENTITY_LIMITS).doc(openid).get();
      return instantsOf(data, counter).filter((t) => t > nowMs - windowMs).length;
    },
    async record(openid, counter, nowMs) {
      await change(openid, counter, nowMs);
    },
    async saveChallenge(c) {
      const { challengeId, ...rest } = c;
      await db.collection(BIND_CHALLENGES).doc(challengeId).set({ data: { ...rest } });
    },
    async challenge(challengeId) {
      const { data } = await db.collection(BIND_CHALLENGES).doc(challengeId).get();
      if (data === null || data === undefined || typeof data !== 'object') return null;
      const d = data as Partial<ChallengeRecord>;
      if (typeof d.openid !== 'string' || typeof d.personHmac !== 'string' || typeof d.expiresAt !== 'number') return null;
      return { challengeId, openid: d.openid, personHmac: d.personHmac, expiresAt: d.expiresAt, createdAt: d.createdAt ?? 0 };
    },
    async removeChallenge(challengeId) {
      await db.collection(BIND_CHALLENGES).doc(challengeId).remove();
    },
    async consent(openid) {
      const { data } = await db.collection(PRIVACY_CONSENTS).doc(openid).get();
      if (data === null || data === undefined || typeof data !== 'object') return null;
      const d = data as Partial<PrivacyConsent>;
      return typeof d.version === 'string' && typeof d.consentedAt === 'number' ? { version: d.version, consentedAt: d.consentedAt } : null;
    },
    async saveConsent(openid, consent) {
      await db.collection(PRIVACY_CONSENTS).doc(openid).set({ data: { ...consent } });
    },
  };
}

/** The store over this environment's database (the functions' and, in tests, the emulation's). */
export function defaultIdentityStore(): IdentityStore {
  return cloudIdentityStore(cloud.database({ throwOnNotFound: false }));
}
