/** The ledger over the emulated cloud database: a transaction conflict is retried explicitly (the SDK does not). */
import type { OrderDoc } from '../../../typings/db';
import { database, resetDatabase } from '../../../sandbox/cloud/wx-server-sdk';
import { COLLECTION_NAMES } from '../collections';
import { cloudOrderLedger, ORDERS } from './ledger';

beforeEach(() => resetDatabase({ collections: COLLECTION_NAMES }));

test('a conflicting write during a change makes the ledger run the change again on the new document', async () => {
  const db = database({ throwOnNotFound: false });
  const ledger = cloudOrderLedger(db);
  await db.collection(ORDERS).doc('B1').set({ data: { status: 'created', amount: 100, history: [] } });
  const seen: (string | undefined)[] = [];
  const answer = await ledger.change('B1', (cur) => {
    seen.push(cur?.status);
    // The first run is overtaken by another writer (as a second function instance would).
    if (seen.length === 1) void db.collection(ORDERS).doc('B1').update({ data: { status: 'paying' } });
    return { next: { ...(cur as OrderDoc), amount: 200 }, answer: cur?.status };
  });
  expect(seen).toEqual(['created', 'paying']);
  expect(answer).toBe('paying');
  expect((await ledger.get('B1'))?.amount).toBe(200);
});

test('a conflict on every attempt surfaces (-501001) after three, nothing written', async () => {
  const db = database({ throwOnNotFound: false });
  const ledger = cloudOrderLedger(db);
  await db.collection(ORDERS).doc('B2').set({ data: { status: 'created', amount: 100, history: [], n: 0 } });
  let runs = 0;
  const err = await ledger
    .change('B2', (cur) => {
      runs++;
      void db.collection(ORDERS).doc('B2').update({ data: { n: runs } });
      return { next: { ...(cur as OrderDoc), amount: 999 }, answer: null };
    })
    .catch((e: unknown) => e);
  expect(runs).toBe(3);
  expect(err).toMatchObject({ errCode: -501001 });
  expect((await ledger.get('B2'))?.amount).toBe(100);
});
