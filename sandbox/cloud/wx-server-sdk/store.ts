/**
 * The storage under the emulated database: better-sqlite3, one table of JSON documents per
 * collection, each row with a revision number so transactions can detect concurrent writes.
 * SQLite is the durable copy, written synchronously on every write; reads are served from an
 * in-memory mirror of the rows this store wrote or loaded (it is the database file's only writer),
 * so a query does not re-read and re-parse a whole table.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CloudSDKError, ERR_CODE } from './errors';

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

/** One mirrored row; `parsed` is the document decoded once, shared by queries and never handed out. */
interface MirroredRow extends StoredRow {
  parsed?: unknown;
}

export class DocumentStore {
  private db: Database.Database;
  /** Collection → rows by id, in insertion order (the order of the table's seq). */
  private readonly mirror = new Map<string, Map<string, MirroredRow>>();
  private readonly statements = new Map<string, Database.Statement>();

  /**
   * Strict (the default, as the real cloud): a collection that was never created fails with -502005.
   * WeChat's own records (`_`-prefixed, the cloudPay emulator's) exist without set-up.
   */
  strict = true;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
  }

  /** A statement prepared once per SQL text (preparing costs more than running these). */
  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private static table(collection: string): string {
    if (!isValidCollectionName(collection)) throw new Error(`invalid collection name: ${String(collection)}`);
    return `"col_${collection}"`;
  }

  /** The collection's mirrored rows, creating its table and loading it on first use. */
  private rows(collection: string): Map<string, MirroredRow> {
    const known = this.mirror.get(collection);
    if (known) return known;
    const name = DocumentStore.table(collection);
    if (this.strict && !collection.startsWith('_') && !this.tableExists(collection)) {
      throw new CloudSDKError('database', `${ERR_CODE.COLLECTION_NOT_EXISTS} database collection not exists. [ResourceNotFound] Db or Table not exist: ${collection}`, ERR_CODE.COLLECTION_NOT_EXISTS);
    }
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${name} (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, rev INTEGER NOT NULL, doc TEXT NOT NULL)`);
    const rows = new Map<string, MirroredRow>();
    for (const r of this.db.prepare(`SELECT id, rev, doc FROM ${name} ORDER BY seq`).all() as StoredRow[]) rows.set(r.id, { id: r.id, rev: r.rev, doc: r.doc });
    this.mirror.set(collection, rows);
    return rows;
  }

  /** Runs `fn` in one SQLite transaction; if it throws, the mirror is dropped and reloaded from SQLite on next use. */
  private atomically<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (e) {
      this.mirror.clear();
      throw e;
    }
  }

  createCollection(collection: string): boolean {
    const existed = this.tableExists(collection);
    if (!existed) this.db.exec(`CREATE TABLE IF NOT EXISTS ${DocumentStore.table(collection)} (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, rev INTEGER NOT NULL, doc TEXT NOT NULL)`);
    this.rows(collection);
    return !existed;
  }

  private tableExists(collection: string): boolean {
    return (this.statement(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?`).get(`col_${collection}`) as { n: number }).n > 0;
  }

  collections(): string[] {
    const rows = this.statement(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'col\\_%' ESCAPE '\\'`).all() as { name: string }[];
    return rows.map((r) => r.name.slice(4));
  }

  /**
   * Every document in insertion order, each with its decoded form (`decode` runs once per revision).
   * The decoded value is shared: read it, never change it or hand it out.
   */
  scan<T>(collection: string, decode: (doc: string) => T): { row: StoredRow; parsed: T }[] {
    const out: { row: StoredRow; parsed: T }[] = [];
    for (const row of this.rows(collection).values()) {
      row.parsed ??= decode(row.doc);
      out.push({ row, parsed: row.parsed as T });
    }
    return out;
  }

  get(collection: string, id: string): StoredRow | undefined {
    return this.rows(collection).get(id);
  }

  insert(collection: string, id: string, doc: string): void {
    const rows = this.rows(collection);
    if (rows.has(id)) throw new DuplicateKeyError(id);
    this.statement(`INSERT INTO ${DocumentStore.table(collection)} (id, rev, doc) VALUES (?, 1, ?)`).run(id, doc);
    rows.set(id, { id, rev: 1, doc });
  }

  /** Inserts or replaces; answers whether the document was created. */
  put(collection: string, id: string, doc: string): { created: boolean } {
    const rows = this.rows(collection);
    const current = rows.get(id);
    if (!current) {
      this.insert(collection, id, doc);
      return { created: true };
    }
    this.statement(`UPDATE ${DocumentStore.table(collection)} SET doc = ?, rev = rev + 1 WHERE id = ?`).run(doc, id);
    // Map.set on a present key keeps its place, as the row keeps its seq.
    rows.set(id, { id, rev: current.rev + 1, doc });
    return { created: false };
  }

  /** Replaces many documents at once (a multi-document update is one statement to the caller). */
  putMany(collection: string, docs: { id: string; doc: string }[]): void {
    this.atomically(() => {
      for (const d of docs) this.put(collection, d.id, d.doc);
    });
  }

  remove(collection: string, id: string): boolean {
    const rows = this.rows(collection);
    if (!rows.has(id)) return false;
    this.statement(`DELETE FROM ${DocumentStore.table(collection)} WHERE id = ?`).run(id);
    rows.delete(id);
    return true;
  }

  removeMany(collection: string, ids: string[]): number {
    return this.atomically(() => ids.reduce((n, id) => n + (this.remove(collection, id) ? 1 : 0), 0));
  }

  /**
   * Commits a transaction's writes atomically if nothing it read has changed since;
   * answers false (and writes nothing) on a conflict.
   */
  commit(reads: Iterable<ReadStamp>, writes: Iterable<BufferedWrite>): boolean {
    return this.atomically(() => {
      for (const r of reads) {
        if ((this.get(r.collection, r.id)?.rev ?? 0) !== r.rev) return false;
      }
      for (const w of writes) {
        if (w.doc === null) this.remove(w.collection, w.id);
        else this.put(w.collection, w.id, w.doc);
      }
      return true;
    });
  }

  /** Drops every collection (tests start from an empty database). */
  reset(): void {
    for (const c of this.collections()) this.db.exec(`DROP TABLE IF EXISTS "col_${c}"`);
    this.mirror.clear();
    this.statements.clear();
  }

  close(): void {
    this.db.close();
    this.mirror.clear();
    this.statements.clear();
  }
}
