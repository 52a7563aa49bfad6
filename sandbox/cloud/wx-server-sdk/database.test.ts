import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cloud from './index';
import { CloudSDKError, configureDatabase, resetDatabase } from './index';

const db = cloud.database();
const _ = db.command;

// These tests exercise query semantics on ad-hoc collections: created on first use (the strict default is tested below).
beforeEach(() => resetDatabase({ collections: 'any' }));

async function seedPatients(): Promise<void> {
  const rows = [
    { _id: 'p1', name: 'A', age: 3, city: 'hf', tags: ['asthma'], card: { state: 'active', no: 'C1' }, fee: 500 },
    { _id: 'p2', name: 'B', age: 7, city: 'sh', tags: [], card: { state: 'lost', no: 'C2' }, fee: 2500 },
    { _id: 'p3', name: 'C', age: 12, city: 'hf', card: { state: 'active', no: 'C3' }, fee: 1000 },
    { _id: 'p4', name: 'D', age: 7, city: 'bj', tags: ['asthma', 'eczema'], fee: 0 },
  ];
  for (const data of rows) await db.collection('patients').add({ data });
}

async function ids(q: { get(): Promise<{ data: Record<string, unknown>[] }> }): Promise<unknown[]> {
  return (await q.get()).data.map((d) => d._id);
}

describe('documents', () => {
  test('add answers a string _id and doc.get reads the document back', async () => {
    const { _id } = await db.collection('accounts').add({ data: { openid: 'o1', patients: [] } });
    expect(typeof _id).toBe('string');
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    const got = await db.collection('accounts').doc(_id).get();
    expect(got).toEqual({ data: { _id, openid: 'o1', patients: [] }, errMsg: 'document.get:ok' });
  });

  test('doc.get of a missing document rejects like the real SDK', async () => {
    const err = await db.collection('accounts').doc('nope').get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudSDKError);
    expect(err).toMatchObject({ errCode: -1, errMsg: 'document.get:fail document with _id nope does not exist' });
  });

  test('throwOnNotFound: false answers data null instead', async () => {
    const lenient = cloud.database({ throwOnNotFound: false });
    await expect(lenient.collection('accounts').doc('nope').get()).resolves.toEqual({ data: null, errMsg: 'document.get:ok' });
  });

  test('add with an existing _id is a duplicate key error', async () => {
    await db.collection('c').add({ data: { _id: 'x', n: 1 } });
    await expect(db.collection('c').add({ data: { _id: 'x', n: 2 } })).rejects.toMatchObject({ errCode: -502001 });
    expect((await db.collection('c').doc('x').get()).data).toEqual({ _id: 'x', n: 1 });
  });

  test('document ids are strings', () => {
    expect(() => db.collection('c').doc(42 as unknown as string)).toThrow(CloudSDKError);
  });

  test('set replaces the whole document and creates it when missing', async () => {
    const created = await db.collection('c').doc('d1').set({ data: { a: 1, b: { c: 2 } } });
    expect(created).toEqual({ _id: 'd1', stats: { updated: 0, created: 1 }, errMsg: 'document.set:ok' });
    const replaced = await db.collection('c').doc('d1').set({ data: { z: true } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await db.collection('c').doc('d1').get()).data).toEqual({ _id: 'd1', z: true });
  });

  test('set refuses _id and update operators', async () => {
    await expect(db.collection('c').doc('d1').set({ data: { _id: 'other' } })).rejects.toBeInstanceOf(CloudSDKError);
    await expect(db.collection('c').doc('d1').set({ data: { n: _.inc(1) } })).rejects.toBeInstanceOf(CloudSDKError);
  });

  test('update merges nested objects field by field; a missing document answers updated 0', async () => {
    await db.collection('c').doc('d1').set({ data: { card: { no: 'C1', state: 'active' }, n: 1 } });
    const res = await db.collection('c').doc('d1').update({ data: { card: { state: 'lost' } } });
    expect(res).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    expect((await db.collection('c').doc('d1').get()).data).toEqual({ _id: 'd1', card: { no: 'C1', state: 'lost' }, n: 1 });
    await expect(db.collection('c').doc('none').update({ data: { n: 2 } })).resolves.toMatchObject({ stats: { updated: 0 } });
    await expect(db.collection('c').doc('d1').update({ data: { _id: 'x' } })).rejects.toBeInstanceOf(CloudSDKError);
    await expect(db.collection('c').doc('d1').update({ data: {} })).rejects.toBeInstanceOf(CloudSDKError);
  });

  test('remove deletes and answers the count', async () => {
    await db.collection('c').doc('d1').set({ data: { n: 1 } });
    await expect(db.collection('c').doc('d1').remove()).resolves.toEqual({ stats: { removed: 1 }, errMsg: 'document.remove:ok' });
    await expect(db.collection('c').doc('d1').remove()).resolves.toMatchObject({ stats: { removed: 0 } });
  });

  test('Dates and serverDate come back as Dates', async () => {
    const before = Date.now();
    await db.collection('c').doc('d1').set({ data: { at: new Date('2026-01-02T03:04:05Z'), created: db.serverDate(), later: db.serverDate({ offset: 60000 }) } });
    const doc = (await db.collection('c').doc('d1').get()).data as Record<string, Date>;
    expect(doc.at).toEqual(new Date('2026-01-02T03:04:05Z'));
    expect(doc.created).toBeInstanceOf(Date);
    expect(doc.created!.getTime()).toBeGreaterThanOrEqual(before);
    expect(doc.later!.getTime() - doc.created!.getTime()).toBe(60000);
  });

  test('documents read are copies: mutating one does not change the store', async () => {
    await db.collection('c').doc('d1').set({ data: { list: [1] } });
    const doc = (await db.collection('c').doc('d1').get()).data as { list: number[] };
    doc.list.push(2);
    expect((await db.collection('c').doc('d1').get()).data).toEqual({ _id: 'd1', list: [1] });
  });

  test('query answers are copies too: mutating one changes neither the store nor the next match', async () => {
    await db.collection('c').doc('d1').set({ data: { owner: 'o1', list: [1], at: new Date(5) } });
    const [first] = (await db.collection('c').where({ owner: 'o1' }).get()).data as { owner: string; list: number[]; at: Date }[];
    first!.owner = 'o2';
    first!.list.push(2);
    first!.at.setTime(9);
    expect((await db.collection('c').where({ owner: 'o1' }).get()).data).toEqual([{ _id: 'd1', owner: 'o1', list: [1], at: new Date(5) }]);
    expect((await db.collection('c').where({ owner: 'o2' }).count()).total).toBe(0);
  });
});

describe('queries', () => {
  beforeEach(seedPatients);

  test('plain equality, several fields, nested paths both ways', async () => {
    expect(await ids(db.collection('patients').where({ city: 'hf' }))).toEqual(['p1', 'p3']);
    expect(await ids(db.collection('patients').where({ city: 'hf', age: 3 }))).toEqual(['p1']);
    expect(await ids(db.collection('patients').where({ 'card.state': 'active' }))).toEqual(['p1', 'p3']);
    expect(await ids(db.collection('patients').where({ card: { state: 'lost' } }))).toEqual(['p2']);
  });

  test('equality on an array field matches an element', async () => {
    expect(await ids(db.collection('patients').where({ tags: 'asthma' }))).toEqual(['p1', 'p4']);
  });

  test.each([
    ['eq', _.eq(7), ['p2', 'p4']],
    ['neq', _.neq(7), ['p1', 'p3']],
    ['gt', _.gt(7), ['p3']],
    ['gte', _.gte(7), ['p2', 'p3', 'p4']],
    ['lt', _.lt(7), ['p1']],
    ['lte', _.lte(7), ['p1', 'p2', 'p4']],
    ['in', _.in([3, 12]), ['p1', 'p3']],
    ['nin', _.nin([3, 12]), ['p2', 'p4']],
  ])('%s', async (_name, cmd, expected) => {
    expect(await ids(db.collection('patients').where({ age: cmd }))).toEqual(expected);
  });

  test('comparisons only match values of the same type', async () => {
    expect(await ids(db.collection('patients').where({ city: _.gt(5) }))).toEqual([]);
    expect(await ids(db.collection('patients').where({ city: _.gt('h') }))).toEqual(['p1', 'p2', 'p3']);
  });

  test('exists true and false', async () => {
    expect(await ids(db.collection('patients').where({ tags: _.exists(true) }))).toEqual(['p1', 'p2', 'p4']);
    expect(await ids(db.collection('patients').where({ card: _.exists(false) }))).toEqual(['p4']);
    expect(await ids(db.collection('patients').where({ 'card.no': _.exists(true) }))).toEqual(['p1', 'p2', 'p3']);
  });

  test('neq and nin also match documents without the field', async () => {
    expect(await ids(db.collection('patients').where({ 'card.state': _.neq('active') }))).toEqual(['p2', 'p4']);
  });

  test('and / or at top level and on a field', async () => {
    expect(await ids(db.collection('patients').where(_.or([{ city: 'bj' }, { age: 3 }])))).toEqual(['p1', 'p4']);
    expect(await ids(db.collection('patients').where(_.and({ city: 'hf' }, { age: _.gt(5) })))).toEqual(['p3']);
    expect(await ids(db.collection('patients').where({ age: _.gt(3).and(_.lt(12)) }))).toEqual(['p2', 'p4']);
    expect(await ids(db.collection('patients').where({ age: _.lt(5).or(_.gt(10)) }))).toEqual(['p1', 'p3']);
    expect(await ids(db.collection('patients').where({ age: _.or(_.eq(3), _.eq(12)) }))).toEqual(['p1', 'p3']);
  });

  test('a second where() replaces the first, as in the real SDK (combine with _.and instead)', async () => {
    expect(await ids(db.collection('patients').where({ city: 'hf' }).where({ age: _.gt(5) }))).toEqual(['p2', 'p3', 'p4']);
  });

  test('undefined values are dropped from a condition; all-undefined is refused', async () => {
    expect(await ids(db.collection('patients').where({ city: 'hf', age: undefined }))).toEqual(['p1', 'p3']);
    expect(() => db.collection('patients').where({ city: undefined })).toThrow('查询参数对象值不能均为undefined');
    expect(() => db.collection('patients').where([] as never)).toThrow(CloudSDKError);
  });

  test('orderBy asc/desc with ties broken by the next key, then insertion order', async () => {
    expect(await ids(db.collection('patients').orderBy('age', 'asc'))).toEqual(['p1', 'p2', 'p4', 'p3']);
    expect(await ids(db.collection('patients').orderBy('age', 'desc'))).toEqual(['p3', 'p2', 'p4', 'p1']);
    expect(await ids(db.collection('patients').orderBy('age', 'desc').orderBy('city', 'asc'))).toEqual(['p3', 'p4', 'p2', 'p1']);
    expect(await ids(db.collection('patients').orderBy('card.no', 'asc'))).toEqual(['p4', 'p1', 'p2', 'p3']);
    expect(await ids(db.collection('patients').orderBy('age', 'asc').orderBy('age', 'desc'))).toEqual(['p3', 'p2', 'p4', 'p1']);
    expect(() => db.collection('patients').orderBy('age', 'up' as 'asc')).toThrow(CloudSDKError);
  });

  test('an update keeps a document in its place; removed and added again, it comes last', async () => {
    await db.collection('patients').doc('p2').update({ data: { age: 8 } });
    await db.collection('patients').where({ _id: 'p3' }).update({ data: { age: 13 } });
    expect(await ids(db.collection('patients'))).toEqual(['p1', 'p2', 'p3', 'p4']);
    await db.collection('patients').doc('p1').remove();
    await db.collection('patients').add({ data: { _id: 'p1', name: 'A', age: 3 } });
    expect(await ids(db.collection('patients'))).toEqual(['p2', 'p3', 'p4', 'p1']);
    expect(await ids(db.collection('patients').where({ age: _.gt(7) }))).toEqual(['p2', 'p3']);
  });

  test('skip and limit page through the result; limit is capped at 100', async () => {
    const q = db.collection('patients').orderBy('fee', 'asc');
    expect(await ids(q.limit(2))).toEqual(['p4', 'p1']);
    expect(await ids(q.skip(2).limit(1))).toEqual(['p3']);
    expect(await ids(q.skip(3))).toEqual(['p2']);
    expect(await ids(q.skip(10))).toEqual([]);
    expect(() => q.limit(0)).toThrow(CloudSDKError);
    expect(() => q.skip(-1)).toThrow(CloudSDKError);
    for (let i = 0; i < 120; i++) await db.collection('many').add({ data: { i } });
    expect((await db.collection('many').get()).data).toHaveLength(100);
    expect((await db.collection('many').limit(1000).get()).data).toHaveLength(100);
    expect((await db.collection('many').skip(100).get()).data).toHaveLength(20);
  });

  test('count answers every match, ignoring skip and limit', async () => {
    await expect(db.collection('patients').where({ city: 'hf' }).count()).resolves.toEqual({ total: 2, errMsg: 'collection.count:ok' });
    await expect(db.collection('patients').skip(1).limit(1).count()).resolves.toMatchObject({ total: 4 });
    await expect(db.collection('empty').count()).resolves.toMatchObject({ total: 0 });
  });

  test('get answers {data, errMsg}', async () => {
    const res = await db.collection('patients').where({ _id: 'p2' }).get();
    expect(res.errMsg).toBe('collection.get:ok');
    expect(res.data).toEqual([{ _id: 'p2', name: 'B', age: 7, city: 'sh', tags: [], card: { state: 'lost', no: 'C2' }, fee: 2500 }]);
  });

  test('field() projects top-level fields', async () => {
    const res = await db.collection('patients').where({ _id: 'p1' }).field({ name: true }).get();
    expect(res.data).toEqual([{ _id: 'p1', name: 'A' }]);
  });

  test('update and remove on a query answer stats', async () => {
    await expect(db.collection('patients').where({ city: 'hf' }).update({ data: { flagged: true } })).resolves.toEqual({
      stats: { updated: 2 },
      errMsg: 'collection.update:ok',
    });
    expect(await ids(db.collection('patients').where({ flagged: true }))).toEqual(['p1', 'p3']);
    await expect(db.collection('patients').where({ age: 7 }).remove()).resolves.toEqual({ stats: { removed: 2 }, errMsg: 'collection.remove:ok' });
    expect(await ids(db.collection('patients'))).toEqual(['p1', 'p3']);
  });

  test('a malformed condition rejects with an SDK error', async () => {
    await expect(db.collection('patients').where(_.or(_.eq(1) as never)).get()).rejects.toBeInstanceOf(CloudSDKError);
  });
});

describe('update operators', () => {
  beforeEach(async () => {
    await db.collection('c').doc('d').set({ data: { n: 1, list: ['a'], nested: { keep: 1, drop: 2 }, s: 'x' } });
  });
  const read = async () => (await db.collection('c').doc('d').get()).data;

  test('inc adds, and creates a missing field', async () => {
    await db.collection('c').doc('d').update({ data: { n: _.inc(2), fresh: _.inc(-1) } });
    expect(await read()).toMatchObject({ n: 3, fresh: -1 });
    await expect(db.collection('c').doc('d').update({ data: { s: _.inc(1) } })).rejects.toBeInstanceOf(CloudSDKError);
  });

  test('set replaces an object whole (unlike a plain nested object)', async () => {
    await db.collection('c').doc('d').update({ data: { nested: _.set({ only: true }) } });
    expect((await read())?.nested).toEqual({ only: true });
  });

  test('remove deletes a field, nested paths too', async () => {
    await db.collection('c').doc('d').update({ data: { s: _.remove(), 'nested.drop': _.remove() } });
    const doc = await read();
    expect(doc).not.toHaveProperty('s');
    expect(doc?.nested).toEqual({ keep: 1 });
  });

  test('push appends one value, several values, at a position, or creates the array', async () => {
    await db.collection('c').doc('d').update({ data: { list: _.push('b') } });
    await db.collection('c').doc('d').update({ data: { list: _.push(['c', 'd']) } });
    await db.collection('c').doc('d').update({ data: { list: _.push({ each: ['first'], position: 0 }) } });
    await db.collection('c').doc('d').update({ data: { other: _.push('x') } });
    expect(await read()).toMatchObject({ list: ['first', 'a', 'b', 'c', 'd'], other: ['x'] });
    await expect(db.collection('c').doc('d').update({ data: { s: _.push('y') } })).rejects.toBeInstanceOf(CloudSDKError);
  });

  test('operators work in a query update', async () => {
    await db.collection('c').where({ n: 1 }).update({ data: { n: _.inc(10) } });
    expect((await read())?.n).toBe(11);
  });
});

describe('transactions', () => {
  test('commit: writes land together and the callback value resolves', async () => {
    await db.collection('slots').doc('s1').set({ data: { left: 2 } });
    const result = await db.runTransaction(async (tx) => {
      const slot = (await tx.collection('slots').doc('s1').get()).data as { left: number };
      await tx.collection('slots').doc('s1').update({ data: { left: _.inc(-1) } });
      await tx.collection('orders').doc('o1').set({ data: { slot: 's1' } });
      return slot.left;
    });
    expect(result).toBe(2);
    expect((await db.collection('slots').doc('s1').get()).data).toEqual({ _id: 's1', left: 1 });
    expect((await db.collection('orders').doc('o1').get()).data).toEqual({ _id: 'o1', slot: 's1' });
  });

  test('reads inside see the transaction’s own writes', async () => {
    await db.runTransaction(async (tx) => {
      await tx.collection('c').doc('x').set({ data: { v: 1 } });
      expect((await tx.collection('c').doc('x').get()).data).toEqual({ _id: 'x', v: 1 });
      await tx.collection('c').doc('x').delete();
      await expect(tx.collection('c').doc('x').get()).rejects.toBeInstanceOf(CloudSDKError);
    });
  });

  test('a thrown error rolls back every write and rejects with that error', async () => {
    await db.collection('slots').doc('s1').set({ data: { left: 2 } });
    const boom = new Error('boom');
    await expect(
      db.runTransaction(async (tx) => {
        await tx.collection('slots').doc('s1').update({ data: { left: 0 } });
        await tx.collection('orders').add({ data: { _id: 'o1' } });
        await tx.collection('orders').doc('o2').set({ data: { a: 1 } });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect((await db.collection('slots').doc('s1').get()).data).toEqual({ _id: 's1', left: 2 });
    await expect(db.collection('orders').count()).resolves.toMatchObject({ total: 0 });
  });

  test('rollback(reason) writes nothing and rejects with the reason', async () => {
    await expect(
      db.runTransaction(async (tx) => {
        await tx.collection('c').doc('x').set({ data: { v: 1 } });
        await tx.rollback(-100);
      }),
    ).rejects.toBe(-100);
    await expect(db.collection('c').count()).resolves.toMatchObject({ total: 0 });
  });

  test('concurrent transactions are serialized: no lost update', async () => {
    await db.collection('counters').doc('k').set({ data: { n: 0 } });
    const bump = () =>
      db.runTransaction(async (tx) => {
        const { n } = (await tx.collection('counters').doc('k').get()).data as { n: number };
        await new Promise((r) => setImmediate(r));
        await tx.collection('counters').doc('k').set({ data: { n: n + 1 } });
      });
    await Promise.all(Array.from({ length: 25 }, bump));
    expect((await db.collection('counters').doc('k').get()).data).toEqual({ _id: 'k', n: 25 });
  });

  test('only one of many concurrent transactions takes the last slot', async () => {
    await db.collection('slots').doc('s1').set({ data: { left: 1 } });
    const take = (who: string) =>
      db.runTransaction(async (tx) => {
        const { left } = (await tx.collection('slots').doc('s1').get()).data as { left: number };
        if (left < 1) throw new Error('sold out');
        await new Promise((r) => setImmediate(r));
        await tx.collection('slots').doc('s1').update({ data: { left: _.inc(-1) } });
        await tx.collection('holds').doc(who).set({ data: { slot: 's1' } });
        return who;
      });
    const outcomes = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map(take));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((await db.collection('slots').doc('s1').get()).data).toMatchObject({ left: 0 });
    await expect(db.collection('holds').count()).resolves.toMatchObject({ total: 1 });
  });

  test('a write from outside during a transaction fails it at once with -501001 (no silent rerun), nothing of it written', async () => {
    await db.collection('counters').doc('k').set({ data: { n: 0 } });
    let attempts = 0;
    const err = await db
      .runTransaction(async (tx) => {
        attempts++;
        const { n } = (await tx.collection('counters').doc('k').get()).data as { n: number };
        await db.collection('counters').doc('k').update({ data: { n: _.inc(100) } });
        await tx.collection('counters').doc('k').update({ data: { n: n + 1 } });
      }, 3)
      .catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect(err).toMatchObject({ errCode: -501001, errMsg: expect.stringContaining('TransactionConflict') });
    expect((await db.collection('counters').doc('k').get()).data).toMatchObject({ n: 100 });
  });

  test('a transaction after a failed one still runs (the queue is not poisoned)', async () => {
    await db.runTransaction(async () => Promise.reject(new Error('first'))).catch(() => undefined);
    await expect(db.runTransaction(async () => 'second')).resolves.toBe('second');
  });
});

describe('context', () => {
  test('getWXContext reads the invocation context, and is empty outside one', async () => {
    expect(cloud.getWXContext()).toEqual({});
    const seen = await cloud.runWithContext({ OPENID: 'o-1', APPID: 'wxapp' }, async () => {
      await new Promise((r) => setImmediate(r));
      return cloud.getWXContext();
    });
    expect(seen).toEqual({ OPENID: 'o-1', APPID: 'wxapp', ENV: 'local', SOURCE: 'wx_client' });
  });

  test('concurrent invocations keep their own context', async () => {
    const run = (openid: string, delay: number) =>
      cloud.runWithContext({ OPENID: openid }, async () => {
        await new Promise((r) => setTimeout(r, delay));
        return cloud.getWXContext().OPENID;
      });
    await expect(Promise.all([run('a', 5), run('b', 0)])).resolves.toEqual(['a', 'b']);
  });

  test('cloudPay refuses bad parameters loudly; open APIs not emulated fail loudly', async () => {
    await expect(cloud.cloudPay.unifiedOrder({} as never)).resolves.toMatchObject({ returnCode: 'FAIL', resultCode: 'FAIL' });
    await expect(cloud.openapi.wxacode!.getUnlimited!({})).rejects.toBeInstanceOf(CloudSDKError);
  });
});

describe('collections must exist (as in the real cloud)', () => {
  test('a collection never created fails with -502005 on read, write and in a transaction; created, it works; creating it again is refused', async () => {
    resetDatabase();
    const missing = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ errCode: -502005 });
    await missing(db.collection('orders').doc('x').get());
    await missing(db.collection('orders').doc('x').set({ data: { v: 1 } }));
    await missing(db.collection('orders').where({ v: 1 }).get());
    await missing(db.runTransaction(async (tx) => (await tx.collection('orders').doc('x').get()).data));
    await db.createCollection('orders');
    await db.collection('orders').doc('x').set({ data: { v: 1 } });
    expect((await db.collection('orders').doc('x').get()).data).toEqual({ _id: 'x', v: 1 });
    await expect(db.createCollection('orders')).rejects.toBeInstanceOf(CloudSDKError);
  });
});

describe('storage file', () => {
  test('documents persist in a SQLite file across reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloud-db-'));
    try {
      configureDatabase({ path: join(dir, 'cloud.db') });
      await db.createCollection('accounts');
      await db.collection('accounts').doc('a').set({ data: { v: 1 } });
      await db.collection('accounts').doc('b').set({ data: { v: 2 } });
      await db.collection('accounts').doc('a').update({ data: { v: 3 } });
      await db.runTransaction(async (tx) => {
        await tx.collection('accounts').doc('c').set({ data: { v: 4 } });
      });
      await db.collection('accounts').doc('b').remove();
      configureDatabase({ path: join(dir, 'cloud.db') });
      expect((await db.collection('accounts').doc('a').get()).data).toEqual({ _id: 'a', v: 3 });
      expect((await db.collection('accounts').where({ v: _.gte(3) }).get()).data).toEqual([
        { _id: 'a', v: 3 },
        { _id: 'c', v: 4 },
      ]);
    } finally {
      configureDatabase({ path: ':memory:' });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
