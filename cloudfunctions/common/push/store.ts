/**
 * The push collections (typings/push.ts): `consents/<openid>` (the quotas the cloud counts from
 * subscribe.record), `deliveries/<seq>_<openid>` (one per event and account, ids only) and the
 * cursor `cursors/push`. The slice of wx-server-sdk's database used, typed (its own typings say any).
 */
import type { ConsentDoc, DeliveryDoc } from '../../../typings/push';

export const CONSENTS = 'consents';
export const DELIVERIES = 'deliveries';
export const CURSORS = 'cursors';
export const PUSH_CURSOR = 'push';

export interface PushQuery {
  where(condition: Record<string, unknown>): PushQuery;
  orderBy(field: string, order: 'asc' | 'desc'): PushQuery;
  skip(n: number): PushQuery;
  limit(n: number): PushQuery;
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: Record<string, unknown> }): Promise<unknown>;
}
export interface PushDocRef {
  get(): Promise<{ data: unknown }>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
}
export interface PushTransaction {
  collection(name: string): { doc(id: string): PushDocRef };
}
export interface PushDatabase {
  collection(name: string): PushQuery & { doc(id: string): PushDocRef };
  command: { lte(v: unknown): unknown; gte(v: unknown): unknown; in(values: readonly unknown[]): unknown; eq(v: unknown): unknown };
  runTransaction<T>(run: (tx: PushTransaction) => Promise<T>, times?: number): Promise<T>;
}

/** The document without its `_id` (what `set` takes). */
export function body<T extends { _id: string }>(doc: T): Record<string, unknown> {
  const { _id, ...rest } = doc;
  return rest;
}

export function deliveryId(seq: number, openid: string): string {
  return `${seq}_${openid}`;
}

export function emptyConsent(openid: string): ConsentDoc {
  return { _id: openid, templates: {}, updatedAt: 0 };
}

export async function readConsent(tx: PushTransaction, openid: string): Promise<ConsentDoc> {
  const { data } = await tx.collection(CONSENTS).doc(openid).get();
  return data ? { ...(data as ConsentDoc), _id: openid } : emptyConsent(openid);
}

/** Every delivery matching `condition`, paged (the cloud caps a page at 100). */
export async function allDeliveries(db: PushDatabase, condition: Record<string, unknown>, order: 'asc' | 'desc', max = 500): Promise<DeliveryDoc[]> {
  const out: DeliveryDoc[] = [];
  for (let skip = 0; skip < max; skip += 100) {
    const { data } = await db.collection(DELIVERIES).where(condition).orderBy('seq', order).skip(skip).limit(100).get();
    out.push(...(data as DeliveryDoc[]));
    if (data.length < 100) break;
  }
  return out;
}
