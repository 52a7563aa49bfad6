/** The identity store over the emulated cloud database: a transaction conflict (-501001) is retried explicitly (the SDK does not). */
import { database, resetDatabase } from '../../../sandbox/cloud/wx-server-sdk';
import { COLLECTION_NAMES } from '../collections';
import { cloudIdentityStore, IDENTITY_LIMITS, type IdentityDatabase } from './store';

const HOUR = 3_600_000;
const db = () => database({ throwOnNotFound: false });

/** The database, where another writer (a second function instance) changes the document inside the first `times` transactions. */
function overtaken(times: number): IdentityDatabase & { runs: number } {
  const raw = db();
  let left = times;
  return {
    runs: 0,
    collection: (name) => raw.collection(name),
    runTransaction(run, attempts) {
      this.runs++;
      return raw.runTransaction(
        (tx) =>
          run({
            collection: (name) => ({
              doc: (id) => {
                const ref = tx.collection(name).doc(id);
                return {
                  get: async () => {
                    const read = await ref.get();
                    if (left-- > 0) void raw.collection(name).doc(id).update({ data: { sends: [500] } });
                    return read;
                  },
                  set: (o) => ref.set(o),
                };
              },
            }),
          }),
        attempts,
      );
    },
  };
}

beforeEach(() => resetDatabase({ collections: COLLECTION_NAMES }));

test('a count overtaken by another writer is counted again on the new document', async () => {
  await cloudIdentityStore(db()).record('o-a', 'newRecords', 100);
  const store = cloudIdentityStore(overtaken(1));
  await store.take('o-a', 'sends', 5, HOUR, 1000, '验证码发送过于频繁');
  // The other writer's send and ours are both kept, and the earlier record too.
  expect(await store.count('o-a', 'sends', HOUR, 2000)).toBe(2);
  expect(await store.count('o-a', 'newRecords', HOUR, 2000)).toBe(1);
});

test('a conflict on every attempt surfaces (-501001) after three, our count not written', async () => {
  await cloudIdentityStore(db()).record('o-b', 'newRecords', 100);
  const racing = overtaken(3);
  const err = await cloudIdentityStore(racing)
    .take('o-b', 'sends', 5, HOUR, 1000, '验证码发送过于频繁')
    .catch((e: unknown) => e);
  expect(err).toMatchObject({ errCode: -501001 });
  expect(racing.runs).toBe(3);
  const stored = (await db().collection(IDENTITY_LIMITS).doc('o-b').get()).data as { sends?: number[] };
  expect(stored.sends).toEqual([500]);
});

test('concurrent tries against a limit let exactly the limit through; the rest are LIMIT_REACHED', async () => {
  const store = cloudIdentityStore(db());
  const outcomes = await Promise.all(
    Array.from({ length: 8 }, (_, i) => store.take('o-c', 'sends', 5, HOUR, 1000 + i, '验证码发送过于频繁').then(() => 'sent', (e: unknown) => (e as { code?: string }).code)),
  );
  expect(outcomes.filter((o) => o === 'sent')).toHaveLength(5);
  expect(outcomes.filter((o) => o === 'LIMIT_REACHED')).toHaveLength(3);
  expect(await store.count('o-c', 'sends', HOUR, 2000)).toBe(5);
});
