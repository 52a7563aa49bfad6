/**
 * `cloud.database()`: collections, documents, queries and single-document transactions over the
 * SQLite store, answering in the real SDK's shapes (`{data, errMsg}`, `{stats: {updated}}` …).
 * The store the host configures is ./connection.ts, collections, documents and queries ./documents.ts,
 * transactions ./transaction.ts.
 */
import { command, ServerDate, type DatabaseCommand } from './command';
import { CloudSDKError, ERR_CODE, okMsg } from './errors';
import { isValidCollectionName } from './store';
import { currentStore } from './connection';
import { CollectionReference, guarded, type DatabaseOptions } from './documents';
import { attemptTransaction, runSerialized, TX_CONFLICT, type Transaction } from './transaction';

export type { Doc } from './evaluate';
export { configureDatabase, resetDatabase, requireCollections, closeDatabase } from './connection';
export { MAX_LIMIT, Query, CollectionReference, DocumentReference } from './documents';
export type { AddResult, CountResult, DatabaseOptions, DocGetResult, GetResult, RemoveResult, SetResult, UpdateResult } from './documents';
export { Transaction, TransactionCollection, TransactionDocument } from './transaction';

// ---------------------------------------------------------------------------------------------

export class Database {
  readonly command: DatabaseCommand = command;

  constructor(readonly config: DatabaseOptions) {}

  collection(name: string): CollectionReference {
    if (!isValidCollectionName(name)) throw new CloudSDKError('database.collection', 'Collection name is required and must be letters, digits, _ or -', ERR_CODE.INVALID_PARAM);
    return new CollectionReference(name, this.config);
  }

  /** Creates a collection (the local cloud also creates one on first use, see README). */
  createCollection(name: string): Promise<{ errMsg: string }> {
    return guarded('database.createCollection', () => {
      if (!isValidCollectionName(name)) throw new CloudSDKError('database.createCollection', 'invalid collection name', ERR_CODE.INVALID_PARAM);
      if (!currentStore().createCollection(name)) {
        throw new CloudSDKError('database.createCollection', `${ERR_CODE.DATABASE_REQUEST_FAILED} database request fail. Table exist.`, ERR_CODE.DATABASE_REQUEST_FAILED);
      }
      return { errMsg: okMsg('database.createCollection') };
    });
  }

  /** The time of the database server when the write lands (real time, not the business clock). */
  serverDate(options?: { offset?: number }): ServerDate {
    return new ServerDate({ offset: options?.offset ?? 0 });
  }

  /**
   * Runs `callback` as one transaction: resolves with its return value, or rejects with what it
   * threw (or what it passed to `rollback`) with nothing written. A write conflict (the document
   * changed meanwhile) rejects at once with -501001, as developers report the cloud does: no silent
   * rerun, whatever `times` says; the caller retries explicitly (common/cloud-errors.ts).
   */
  runTransaction<T>(callback: (tx: Transaction) => Promise<T>, _times = 3): Promise<T> {
    return runSerialized(async () => {
      const outcome = await attemptTransaction(callback, this.config);
      if (outcome.committed) return outcome.value;
      throw new CloudSDKError('database.runTransaction', TX_CONFLICT, ERR_CODE.INVALID_PARAM);
    });
  }
}
