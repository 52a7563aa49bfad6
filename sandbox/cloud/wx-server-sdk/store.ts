/**
 * The storage under the emulated database: better-sqlite3, one table of JSON documents per
 * collection, each row with a revision number so transactions can detect concurrent writes.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface StoredRow {
  id: string;
  rev: number;
  doc: string;
}

/** A document a transaction read, with the revision it saw (0: it did not exist). */
export interface ReadStamp {
  collection: string;
  id: string;
  rev: number;
}

/** A transaction's buffered write: the encoded document, or null to delete it. */
export interface BufferedWrite {
  collection: string;
  id: string;
  doc: string | null;
}

/** The real database's rule for collection names, which also keeps table names safe to quote. */
const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidCollectionName(name: unknown): name is string {
  return typeof name === 'string' && COLLECTION_NAME.test(name);
}

export class DuplicateKeyError extends Error {}

export class DocumentStore {
  private db: Database.Database;
  private readonly known = new Set<string>();

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
  }

  private table(collection: string): string {
    if (!isValidCollectionName(collection)) throw new Error(`invalid collection name: ${String(collection)}`);
    const name = `"col_${collection}"`;
    if (!this.known.has(collection)) {
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${name} (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, rev INTEGER NOT NULL, doc TEXT NOT NULL)`,
      );
      this.known.add(collection);
    }
    return name;
  }

  createCollection(collection: string): boolean {
    const existed = this.collections().includes(collection);
    this.table(collection);
    return !existed;
  }

  collections(): string[] {
    const rows = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'col\\_%' ESCAPE '\\'`).all() as { name: string }[];
    return rows.map((r) => r.name.slice(4));
  }

  /** Every document in insertion order. */
  all(collection: string): StoredRow[] {
    return this.db.prepare(`SELECT id, rev, doc FROM ${this.table(collection)} ORDER BY seq`).all() as StoredRow[];
  }

  get(collection: string, id: string): StoredRow | undefined {
    return this.db.prepare(`SELECT id, rev, doc FROM ${this.table(collection)} WHERE id = ?`).get(id) as StoredRow | undefined;
  }

  insert(collection: string, id: string, doc: string): void {
    const t = this.table(collection);
    if (this.get(collection, id)) throw new DuplicateKeyError(id);
    this.db.prepare(`INSERT INTO ${t} (id, rev, doc) VALUES (?, 1, ?)`).run(id, doc);
  }

  /** Inserts or replaces; answers whether the document was created. */
  put(collection: string, id: string, doc: string): { created: boolean } {
    const t = this.table(collection);
    const info = this.db.prepare(`UPDATE ${t} SET doc = ?, rev = rev + 1 WHERE id = ?`).run(doc, id);
    if (info.changes > 0) return { created: false };
    this.db.prepare(`INSERT INTO ${t} (id, rev, doc) VALUES (?, 1, ?)`).run(id, doc);
    return { created: true };
  }

  /** Replaces many documents at once (a multi-document update is one statement to the caller). */
  putMany(collection: string, docs: { id: string; doc: string }[]): void {
    this.db.transaction(() => {
      for (const d of docs) this.put(collection, d.id, d.doc);
    })();
  }

  remove(collection: string, id: string): boolean {
    return this.db.prepare(`DELETE FROM ${this.table(collection)} WHERE id = ?`).run(id).changes > 0;
  }

  removeMany(collection: string, ids: string[]): number {
    return this.db.transaction(() => ids.reduce((n, id) => n + (this.remove(collection, id) ? 1 : 0), 0))();
  }

  /**
   * Commits a transaction's writes atomically if nothing it read has changed since;
   * answers false (and writes nothing) on a conflict.
   */
  commit(reads: Iterable<ReadStamp>, writes: Iterable<BufferedWrite>): boolean {
    return this.db.transaction(() => {
      for (const r of reads) {
        if ((this.get(r.collection, r.id)?.rev ?? 0) !== r.rev) return false;
      }
      for (const w of writes) {
        if (w.doc === null) this.remove(w.collection, w.id);
        else this.put(w.collection, w.id, w.doc);
      }
      return true;
    })();
  }

  /** Drops every collection (tests start from an empty database). */
  reset(): void {
    for (const c of this.collections()) this.db.exec(`DROP TABLE IF EXISTS "col_${c}"`);
    this.known.clear();
  }

  close(): void {
    this.db.close();
  }
}
