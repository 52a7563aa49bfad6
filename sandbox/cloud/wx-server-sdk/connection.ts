/**
 * The emulated database's process-wide store the host configures (default: in memory), and the
 * host's and tests' controls over it.
 */
import { DocumentStore } from './store';

let store: DocumentStore | undefined;
let storePath = ':memory:';

export function currentStore(): DocumentStore {
  store ??= new DocumentStore(storePath);
  return store;
}

/** Points the emulated database at a SQLite file (or ':memory:'); the host calls this at start. */
export function configureDatabase(opts: { path?: string }): void {
  store?.close();
  store = undefined;
  storePath = opts.path ?? ':memory:';
}

/**
 * Drops every collection: each test starts from an empty database. `collections` are created again
 * (what the cloud set-up step leaves: `cloudfunctions/common/collections.ts`); `'any'` lets any
 * collection be created on first use (the emulator's own query tests), unlike the real cloud.
 */
export function resetDatabase(opts: { collections?: readonly string[] | 'any' } = {}): void {
  const s = currentStore();
  s.reset();
  s.strict = opts.collections !== 'any';
  if (Array.isArray(opts.collections)) for (const name of opts.collections) s.createCollection(name);
}

/** Whether a collection must be created before use (the default, as in the real cloud). */
export function requireCollections(strict: boolean): void {
  currentStore().strict = strict;
}

/** Closes the store (the host's close). The next call opens it again. */
export function closeDatabase(): void {
  store?.close();
  store = undefined;
}
