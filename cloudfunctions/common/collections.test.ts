/**
 * The collections manifest against the code: every collection the functions' code names must be in
 * it (the real cloud fails a collection never created, -502005), and the set-up step is idempotent.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { database, resetDatabase } from '../../sandbox/cloud/wx-server-sdk';
import { COLLECTION_NAMES, COLLECTIONS, setUpCollections } from './collections';

const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'testing' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `export const ORDERS = 'orders';` across the code: constant → collection name. */
function stringConstants(texts: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) for (const m of text.matchAll(/export const ([A-Z][A-Z0-9_]*) = '([A-Za-z0-9_-]+)';/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** The collection names a source passes to `collection(...)`: literals, constants, and constants a local helper (`collectionOf`) picks from. */
function collectionsUsedIn(text: string, constants: Map<string, string>): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\.collection\(([^)]*\)?)\)/g)) {
    const arg = m[1]!;
    const literal = /^'([^']+)'$/.exec(arg.trim());
    if (literal) names.push(literal[1]!);
    let idents = [...arg.matchAll(/\b([A-Z][A-Z0-9_]*)\b/g)].map((x) => x[1]!);
    const helper = /^(\w+)\(/.exec(arg.trim())?.[1];
    if (helper) {
      const def = new RegExp(`const ${helper} = [^;]*;`).exec(text)?.[0] ?? '';
      idents = [...idents, ...[...def.matchAll(/\b([A-Z][A-Z0-9_]*)\b/g)].map((x) => x[1]!)];
    }
    for (const id of idents) {
      const name = constants.get(id);
      if (name !== undefined) names.push(name);
    }
  }
  return names;
}

test('every collection the functions use is in the manifest', () => {
  const files = sources(ROOT);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const constants = stringConstants(texts);
  const used = new Map<string, string[]>();
  files.forEach((f, i) => {
    for (const name of collectionsUsedIn(texts[i]!, constants)) used.set(name, [...(used.get(name) ?? []), relative(ROOT, f)]);
  });
  // The scan sees the collections we know are used (it is not blind), and nothing outside the manifest.
  expect([...used.keys()]).toEqual(expect.arrayContaining(['orders', 'accounts', 'appointments', 'registrations', 'billClaims', 'cursors']));
  const missing = [...used.entries()].filter(([name]) => !COLLECTION_NAMES.includes(name));
  expect(missing).toEqual([]);
});

test('the scan reports a collection the manifest lacks (literal, constant, or through a helper)', () => {
  const constants = new Map([
    ['SURVEYS', 'surveys'],
    ['A', 'alpha'],
    ['B', 'beta'],
  ]);
  const code = "db.collection(SURVEYS).doc(id); tx.collection('deliveries').add({}); const pick = (k) => (k ? A : B); db.collection(pick(kind)).get();";
  expect(collectionsUsedIn(code, constants).sort()).toEqual(['alpha', 'beta', 'deliveries', 'surveys']);
});

test('every collection is server-only; the set-up step creates them all, and running it again changes nothing', async () => {
  expect(COLLECTIONS.every((c) => c.permission === 'ADMINONLY')).toBe(true);
  expect(new Set(COLLECTION_NAMES).size).toBe(COLLECTION_NAMES.length);
  resetDatabase();
  const db = database({ throwOnNotFound: false });
  await expect(db.collection('orders').doc('x').get()).rejects.toMatchObject({ errCode: -502005 });
  const first = await setUpCollections(db);
  expect(first.map((r) => r.outcome)).toEqual(COLLECTION_NAMES.map(() => 'created'));
  const second = await setUpCollections(db);
  expect(second.map((r) => r.outcome)).toEqual(COLLECTION_NAMES.map(() => 'existed'));
  for (const name of COLLECTION_NAMES) expect((await db.collection(name).doc('none').get()).data).toBeNull();
});
