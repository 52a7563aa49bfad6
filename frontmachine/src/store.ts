/**
 * The front machine's only state: nonces seen (replay defence) and the first answers of writes
 * (idempotency). SQLite here; several instances would share PostgreSQL or Redis behind this interface.
 */
import Database from 'better-sqlite3';

/** The first answer to a write, replayed to retries that carry the same key and body. */
export interface IdempotencyRecord {
  bodyHash: string;
  httpStatus: number;
  /** The answer's JSON text, replayed byte for byte. */
  answer: string;
}

export interface FrontMachineStore {
  /** Remembers `nonce` until `expiresAtMs`; false when it is already remembered (a replay). */
  claimNonce(nonce: string, nowMs: number, expiresAtMs: number): boolean;
  findIdempotent(key: string, operation: string, nowMs: number): IdempotencyRecord | undefined;
  saveIdempotent(key: string, operation: string, record: IdempotencyRecord, nowMs: number, expiresAtMs: number): void;
  /** Forgets expired nonces and idempotency records. */
  prune(nowMs: number): void;
  close(): void;
}

/** Prune at most this often, so a burst of requests does not pay a DELETE each. */
const PRUNE_EVERY_MS = 60_000;

export class SqliteStore implements FrontMachineStore {
  private readonly db: Database.Database;
  private lastPruneMs = 0;
  private readonly stmts;

  constructor(path: string) {
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS nonces (nonce TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS nonces_expiry ON nonces (expires_at);
      CREATE TABLE IF NOT EXISTS idempotency (
        key TEXT NOT NULL, operation TEXT NOT NULL, body_hash TEXT NOT NULL,
        http_status INTEGER NOT NULL, answer TEXT NOT NULL,
        created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
        PRIMARY KEY (key, operation)
      );
      CREATE INDEX IF NOT EXISTS idempotency_expiry ON idempotency (expires_at);
    `);
    this.stmts = {
      // An expired row is reused, so a nonce is refused exactly while it is remembered.
      claimNonce: this.db.prepare(
        `INSERT INTO nonces (nonce, expires_at) VALUES (?, ?)
         ON CONFLICT (nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at <= ?`,
      ),
      findIdempotent: this.db.prepare(
        'SELECT body_hash AS bodyHash, http_status AS httpStatus, answer FROM idempotency WHERE key = ? AND operation = ? AND expires_at > ?',
      ),
      saveIdempotent: this.db.prepare(
        `INSERT INTO idempotency (key, operation, body_hash, http_status, answer, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key, operation) DO UPDATE SET body_hash = excluded.body_hash, http_status = excluded.http_status,
           answer = excluded.answer, created_at = excluded.created_at, expires_at = excluded.expires_at
         WHERE idempotency.expires_at <= excluded.created_at`,
      ),
      pruneNonces: this.db.prepare('DELETE FROM nonces WHERE expires_at <= ?'),
      pruneIdempotency: this.db.prepare('DELETE FROM idempotency WHERE expires_at <= ?'),
      countNonces: this.db.prepare('SELECT COUNT(*) AS n FROM nonces'),
    };
  }

  claimNonce(nonce: string, nowMs: number, expiresAtMs: number): boolean {
    this.maybePrune(nowMs);
    return this.stmts.claimNonce.run(nonce, expiresAtMs, nowMs).changes === 1;
  }

  findIdempotent(key: string, operation: string, nowMs: number): IdempotencyRecord | undefined {
    return this.stmts.findIdempotent.get(key, operation, nowMs) as IdempotencyRecord | undefined;
  }

  saveIdempotent(key: string, operation: string, record: IdempotencyRecord, nowMs: number, expiresAtMs: number): void {
    this.maybePrune(nowMs);
    this.stmts.saveIdempotent.run(key, operation, record.bodyHash, record.httpStatus, record.answer, nowMs, expiresAtMs);
  }

  prune(nowMs: number): void {
    this.lastPruneMs = nowMs;
    this.stmts.pruneNonces.run(nowMs);
    this.stmts.pruneIdempotency.run(nowMs);
  }

  /** Rows in the nonce table, expired or not (tests check pruning). */
  nonceCount(): number {
    return (this.stmts.countNonces.get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }

  private maybePrune(nowMs: number): void {
    if (nowMs - this.lastPruneMs >= PRUNE_EVERY_MS) this.prune(nowMs);
  }
}
