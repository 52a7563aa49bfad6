/**
 * Collections, documents and queries of `cloud.database()` outside transactions, answering in the
 * real SDK's shapes (`{data, errMsg}`, `{stats: {updated}}` …); conditions and updates are evaluated
 * by ./evaluate.ts, documents kept by ./store.ts.
 */
import { randomBytes } from 'node:crypto';
import { LogicCommand, type QueryCondition } from './command';
import { CloudSDKError, ERR_CODE, okMsg } from './errors';
import {
  applyUpdate,
  cloneValue,
  decodeDoc,
  encodeDoc,
  EvaluationError,
  hasUpdateCommand,
  isPlainObject,
  matches,
  project,
  sortDocs,
  type Doc,
  type OrderBy,
} from './evaluate';
import { DuplicateKeyError } from './store';
import { currentStore } from './connection';

/** The server SDK's cap on one query's result size (also its default). */
export const MAX_LIMIT = 100;

// ---------------------------------------------------------------------------------------------
// Shapes of answers.

export interface GetResult {
  data: Doc[];
  errMsg: string;
}
export interface DocGetResult {
  /** The document; null only when the database was created with `throwOnNotFound: false`. */
  data: Doc | null;
  errMsg: string;
}
export interface AddResult {
  _id: string;
  errMsg: string;
}
export interface SetResult {
  _id: string;
  stats: { updated: number; created: number };
  errMsg: string;
}
export interface UpdateResult {
  stats: { updated: number };
  errMsg: string;
}
export interface RemoveResult {
  stats: { removed: number };
  errMsg: string;
}
export interface CountResult {
  total: number;
  errMsg: string;
}

export interface DatabaseOptions {
  env?: string | symbol;
  /** Default true: `doc.get` of a missing document rejects. */
  throwOnNotFound?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Helpers.

function newDocId(): string {
  return randomBytes(16).toString('hex');
}

export function requireDocId(apiName: string, id: unknown): string {
  // The emulation keeps ids strings only (the real SDK also takes numbers; we never use them).
  if (typeof id !== 'string' || id === '') throw new CloudSDKError(apiName, 'document id must be a non-empty string', ERR_CODE.INVALID_PARAM);
  return id;
}

export function requireData(apiName: string, options: unknown): Record<string, unknown> {
  const data = isPlainObject(options) ? options.data : undefined;
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw new CloudSDKError(apiName, 'options.data should be a non-empty object', ERR_CODE.INVALID_PARAM);
  }
  return data;
}

/** Runs a database step, turning evaluation errors into the SDK's rejected errors. */
export async function guarded<T>(apiName: string, fn: () => T): Promise<T> {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CloudSDKError) throw e;
    if (e instanceof DuplicateKeyError) {
      throw new CloudSDKError(apiName, `${ERR_CODE.DATABASE_REQUEST_FAILED} database request fail. E11000 duplicate key error, _id: ${e.message}`, ERR_CODE.DATABASE_REQUEST_FAILED);
    }
    if (e instanceof EvaluationError || e instanceof TypeError) throw new CloudSDKError(apiName, e.message);
    throw e;
  }
}

/** A condition as the SDK serializes it: undefined values vanish (JSON), at any depth. */
function withoutUndefined(condition: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(condition)) {
    if (v === undefined) continue;
    out[k] = isPlainObject(v) ? withoutUndefined(v) : v;
  }
  return out;
}

export function replacementDoc(apiName: string, id: string, data: Record<string, unknown>): Doc {
  if ('_id' in data) throw new CloudSDKError(apiName, '不能更新_id的值', ERR_CODE.INVALID_PARAM);
  if (hasUpdateCommand(data)) throw new CloudSDKError(apiName, `${ERR_CODE.DATABASE_REQUEST_FAILED} update operator complicit`, ERR_CODE.DATABASE_REQUEST_FAILED);
  return { _id: id, ...(cloneValue(data) as Doc) };
}

export function newDoc(apiName: string, data: Record<string, unknown>): Doc {
  if (hasUpdateCommand(data)) throw new CloudSDKError(apiName, 'update operators are not allowed in add()', ERR_CODE.INVALID_PARAM);
  const id = data._id === undefined ? newDocId() : requireDocId(apiName, data._id);
  return { ...(cloneValue(data) as Doc), _id: id };
}

// ---------------------------------------------------------------------------------------------
// Queries and collections.

interface QueryState {
  conditions: QueryCondition[];
  orders: OrderBy[];
  limit?: number;
  skip?: number;
  projection?: Record<string, unknown>;
}

export class Query {
  constructor(
    readonly collectionName: string,
    protected readonly state: QueryState = { conditions: [], orders: [] },
  ) {}

  private with(patch: Partial<QueryState>): Query {
    return new Query(this.collectionName, { ...this.state, ...patch });
  }

  /**
   * Sets the query's condition. Like the real SDK, a second where() REPLACES the first (it does not
   * AND them: combine with `_.and`), and fields whose value is undefined are dropped.
   */
  where(condition: QueryCondition): Query {
    if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
      throw new CloudSDKError('collection.where', '查询参数必须为对象');
    }
    if (condition instanceof LogicCommand) return this.with({ conditions: [condition] });
    const keys = Object.keys(condition);
    if (keys.length > 0 && keys.every((k) => condition[k] === undefined)) {
      throw new CloudSDKError('collection.where', '查询参数对象值不能均为undefined');
    }
    return this.with({ conditions: [withoutUndefined(condition)] });
  }

  /** Orders by several fields in call order; ordering again by a field changes its direction. */
  orderBy(fieldPath: string, direction: 'asc' | 'desc'): Query {
    if (typeof fieldPath !== 'string' || fieldPath === '') throw new CloudSDKError('collection.orderBy', 'fieldPath should be a non-empty string');
    if (direction !== 'asc' && direction !== 'desc') throw new CloudSDKError('collection.orderBy', `"direction" must be 'asc' or 'desc'`);
    const orders = this.state.orders.some((o) => o.field === fieldPath)
      ? this.state.orders.map((o) => (o.field === fieldPath ? { field: fieldPath, direction } : o))
      : [...this.state.orders, { field: fieldPath, direction }];
    return this.with({ orders });
  }

  /** Caps the result; the server SDK answers at most 100 documents per query. */
  limit(max: number): Query {
    if (!Number.isInteger(max) || max < 1) throw new CloudSDKError('collection.limit', 'limit must be a positive integer');
    return this.with({ limit: Math.min(max, MAX_LIMIT) });
  }

  skip(offset: number): Query {
    if (!Number.isInteger(offset) || offset < 0) throw new CloudSDKError('collection.skip', 'skip must be a non-negative integer');
    return this.with({ skip: offset });
  }

  field(projection: Record<string, unknown>): Query {
    return this.with({ projection });
  }

  /**
   * The matching documents as the store keeps them decoded: shared, so read them only; `stored`
   * gives back each one's JSON, from which an answer decodes its own copy.
   */
  private matching(apiName: string): { docs: Doc[]; stored: Map<Doc, string> } {
    try {
      const docs: Doc[] = [];
      const stored = new Map<Doc, string>();
      for (const { row, parsed } of currentStore().scan(this.collectionName, decodeDoc)) {
        if (!this.state.conditions.every((c) => matches(parsed, c))) continue;
        docs.push(parsed);
        stored.set(parsed, row.doc);
      }
      return { docs, stored };
    } catch (e) {
      if (e instanceof EvaluationError || e instanceof TypeError) throw new CloudSDKError(apiName, e.message);
      throw e;
    }
  }

  get(): Promise<GetResult> {
    return guarded('collection.get', () => {
      const { docs, stored } = this.matching('collection.get');
      const sorted = sortDocs(docs, this.state.orders);
      const start = this.state.skip ?? 0;
      const page = sorted.slice(start, start + (this.state.limit ?? MAX_LIMIT));
      // Each answer is a fresh copy: the caller may change it without touching the store's.
      return { data: page.map((d) => project(decodeDoc(stored.get(d) as string), this.state.projection)), errMsg: okMsg('collection.get') };
    });
  }

  /** Counts every match; skip and limit do not apply, as in the real database. */
  count(): Promise<CountResult> {
    return guarded('collection.count', () => ({ total: this.matching('collection.count').docs.length, errMsg: okMsg('collection.count') }));
  }

  /** Updates every match (orderBy/skip/limit are ignored, as the real SDK warns). */
  update(options: { data: Record<string, unknown> }): Promise<UpdateResult> {
    return guarded('collection.update', () => {
      const data = requireData('collection.update', options);
      const updated = this.matching('collection.update').docs.map((d) => ({ id: d._id as string, doc: encodeDoc(applyUpdate(d, data)) }));
      currentStore().putMany(this.collectionName, updated);
      return { stats: { updated: updated.length }, errMsg: okMsg('collection.update') };
    });
  }

  remove(): Promise<RemoveResult> {
    return guarded('collection.remove', () => {
      const ids = this.matching('collection.remove').docs.map((d) => d._id as string);
      return { stats: { removed: currentStore().removeMany(this.collectionName, ids) }, errMsg: okMsg('collection.remove') };
    });
  }
}

export class CollectionReference extends Query {
  constructor(
    collectionName: string,
    private readonly options: DatabaseOptions,
  ) {
    super(collectionName);
  }

  doc(id: string): DocumentReference {
    return new DocumentReference(this.collectionName, requireDocId('collection.doc', id), this.options);
  }

  add(options: { data: Record<string, unknown> }): Promise<AddResult> {
    return guarded('collection.add', () => {
      const doc = newDoc('collection.add', requireData('collection.add', options));
      currentStore().insert(this.collectionName, doc._id as string, encodeDoc(doc));
      return { _id: doc._id as string, errMsg: okMsg('collection.add') };
    });
  }
}

export class DocumentReference {
  constructor(
    readonly collectionName: string,
    readonly _id: string,
    private readonly options: DatabaseOptions,
  ) {}

  get(): Promise<DocGetResult> {
    return guarded('document.get', () => {
      const row = currentStore().get(this.collectionName, this._id);
      if (!row) {
        if (this.options.throwOnNotFound === false) return { data: null, errMsg: okMsg('document.get') };
        throw new CloudSDKError('document.get', `document with _id ${this._id} does not exist`);
      }
      return { data: decodeDoc(row.doc), errMsg: okMsg('document.get') };
    });
  }

  /** Replaces the document, creating it when missing. */
  set(options: { data: Record<string, unknown> }): Promise<SetResult> {
    return guarded('document.set', () => {
      const doc = replacementDoc('document.set', this._id, requireData('document.set', options));
      const { created } = currentStore().put(this.collectionName, this._id, encodeDoc(doc));
      return { _id: this._id, stats: { updated: created ? 0 : 1, created: created ? 1 : 0 }, errMsg: okMsg('document.set') };
    });
  }

  /** Partial update; a missing document answers `updated: 0` (no error), like the real one. */
  update(options: { data: Record<string, unknown> }): Promise<UpdateResult> {
    return guarded('document.update', () => {
      const data = requireData('document.update', options);
      const row = currentStore().get(this.collectionName, this._id);
      if (!row) return { stats: { updated: 0 }, errMsg: okMsg('document.update') };
      currentStore().put(this.collectionName, this._id, encodeDoc(applyUpdate(decodeDoc(row.doc), data)));
      return { stats: { updated: 1 }, errMsg: okMsg('document.update') };
    });
  }

  remove(): Promise<RemoveResult> {
    return guarded('document.remove', () => ({
      stats: { removed: currentStore().remove(this.collectionName, this._id) ? 1 : 0 },
      errMsg: okMsg('document.remove'),
    }));
  }
}
