/**
 * Single-document transactions of `cloud.database()`: serialized in this process, writes buffered and
 * committed atomically at the end; a document changed by a non-transactional write meanwhile makes
 * the attempt conflict.
 */
import { CloudSDKError, ERR_CODE, okMsg } from './errors';
import { applyUpdate, decodeDoc, encodeDoc, type Doc } from './evaluate';
import { DuplicateKeyError, isValidCollectionName, type BufferedWrite, type ReadStamp } from './store';
import { currentStore } from './connection';
import { guarded, newDoc, replacementDoc, requireData, requireDocId, type AddResult, type DatabaseOptions, type DocGetResult, type RemoveResult, type SetResult, type UpdateResult } from './documents';

export const TX_CONFLICT = `${ERR_CODE.INVALID_PARAM} [ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others.`;

let transactionQueue: Promise<unknown> = Promise.resolve();

class TransactionState {
  readonly reads = new Map<string, ReadStamp>();
  readonly writes = new Map<string, BufferedWrite>();
  rollback?: { reason: unknown };
  finished = false;

  private key(collection: string, id: string): string {
    return `${collection}\u0000${id}`;
  }

  /** The document as this transaction sees it (its own writes first), recording what it read. */
  read(collection: string, id: string): Doc | undefined {
    this.assertOpen();
    const key = this.key(collection, id);
    const written = this.writes.get(key);
    if (written) return written.doc === null ? undefined : decodeDoc(written.doc);
    const row = currentStore().get(collection, id);
    if (!this.reads.has(key)) this.reads.set(key, { collection, id, rev: row?.rev ?? 0 });
    return row ? decodeDoc(row.doc) : undefined;
  }

  write(collection: string, id: string, doc: Doc | null): void {
    this.assertOpen();
    this.writes.set(this.key(collection, id), { collection, id, doc: doc === null ? null : encodeDoc(doc) });
  }

  assertOpen(): void {
    if (this.finished || this.rollback) throw new CloudSDKError('transaction', 'the transaction has already ended');
  }
}

export class TransactionDocument {
  constructor(
    private readonly tx: TransactionState,
    readonly collectionName: string,
    readonly _id: string,
    private readonly options: DatabaseOptions,
  ) {}

  get(): Promise<DocGetResult> {
    return guarded('document.get', () => {
      const doc = this.tx.read(this.collectionName, this._id);
      if (!doc) {
        if (this.options.throwOnNotFound === false) return { data: null, errMsg: okMsg('document.get') };
        throw new CloudSDKError('document.get', `document with _id ${this._id} does not exist`);
      }
      return { data: doc, errMsg: okMsg('document.get') };
    });
  }

  set(options: { data: Record<string, unknown> }): Promise<SetResult> {
    return guarded('document.set', () => {
      const doc = replacementDoc('document.set', this._id, requireData('document.set', options));
      const existed = this.tx.read(this.collectionName, this._id) !== undefined;
      this.tx.write(this.collectionName, this._id, doc);
      return { _id: this._id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 }, errMsg: okMsg('document.set') };
    });
  }

  update(options: { data: Record<string, unknown> }): Promise<UpdateResult> {
    return guarded('document.update', () => {
      const data = requireData('document.update', options);
      const current = this.tx.read(this.collectionName, this._id);
      if (!current) return { stats: { updated: 0 }, errMsg: okMsg('document.update') };
      this.tx.write(this.collectionName, this._id, applyUpdate(current, data));
      return { stats: { updated: 1 }, errMsg: okMsg('document.update') };
    });
  }

  remove(): Promise<RemoveResult> {
    return guarded('document.remove', () => {
      const existed = this.tx.read(this.collectionName, this._id) !== undefined;
      if (existed) this.tx.write(this.collectionName, this._id, null);
      return { stats: { removed: existed ? 1 : 0 }, errMsg: okMsg('document.remove') };
    });
  }

  /** The transaction API's name for remove(). */
  delete(): Promise<RemoveResult> {
    return this.remove();
  }
}

export class TransactionCollection {
  constructor(
    private readonly tx: TransactionState,
    readonly collectionName: string,
    private readonly options: DatabaseOptions,
  ) {}

  doc(id: string): TransactionDocument {
    return new TransactionDocument(this.tx, this.collectionName, requireDocId('collection.doc', id), this.options);
  }

  add(options: { data: Record<string, unknown> }): Promise<AddResult> {
    return guarded('collection.add', () => {
      const doc = newDoc('collection.add', requireData('collection.add', options));
      const id = doc._id as string;
      if (this.tx.read(this.collectionName, id)) throw new DuplicateKeyError(id);
      this.tx.write(this.collectionName, id, doc);
      return { _id: id, errMsg: okMsg('collection.add') };
    });
  }
}

/** What the transaction callback receives. Only single-document operations (no where()). */
export class Transaction {
  constructor(
    private readonly state: TransactionState,
    private readonly options: DatabaseOptions,
  ) {}

  collection(name: string): TransactionCollection {
    if (!isValidCollectionName(name)) throw new CloudSDKError('transaction.collection', 'Collection name is required and must be letters, digits, _ or -');
    return new TransactionCollection(this.state, name, this.options);
  }

  /** Ends the transaction without writing; runTransaction then rejects with `reason`. */
  async rollback(reason?: unknown): Promise<void> {
    this.state.assertOpen();
    this.state.rollback = { reason };
  }
}

export async function attemptTransaction<T>(callback: (tx: Transaction) => Promise<T>, options: DatabaseOptions): Promise<{ committed: true; value: T } | { committed: false }> {
  const state = new TransactionState();
  let value: T;
  try {
    value = await callback(new Transaction(state, options));
  } finally {
    state.finished = true;
  }
  if (state.rollback) throw state.rollback.reason;
  const committed = currentStore().commit(state.reads.values(), state.writes.values());
  return committed ? { committed, value } : { committed };
}

export async function runSerialized<T>(fn: () => Promise<T>): Promise<T> {
  const run = transactionQueue.then(fn, fn);
  transactionQueue = run.catch(() => undefined);
  return run;
}
