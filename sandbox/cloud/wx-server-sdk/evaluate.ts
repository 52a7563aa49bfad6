/**
 * Query and update evaluation in JS over JSON documents, following the cloud database's
 * (MongoDB's) semantics for the subset the emulation supports.
 */
import { LogicCommand, QueryCommand, ServerDate, UpdateCommand, type QueryCondition } from './command';

export type Doc = Record<string, unknown>;

/** Thrown for a malformed query or update; the caller wraps it with its API name. */
export class EvaluationError extends Error {}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

// ---------------------------------------------------------------------------------------------
// Storage encoding: JSON with Dates tagged, so a Date written comes back a Date (like BSON dates).

export function encodeDoc(doc: Doc): string {
  return JSON.stringify(encodeValue(doc, Date.now()));
}

export function decodeDoc(json: string): Doc {
  return decodeValue(JSON.parse(json)) as Doc;
}

function encodeValue(v: unknown, serverNow: number): unknown {
  if (v instanceof Date) return { $date: v.getTime() };
  if (v instanceof ServerDate) return { $date: serverNow + v.options.offset };
  if (Array.isArray(v)) return v.map((e) => (e === undefined ? null : encodeValue(e, serverNow)));
  if (v instanceof QueryCommand || v instanceof LogicCommand || v instanceof UpdateCommand) {
    throw new EvaluationError('a db.command cannot be stored as a value');
  }
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) if (e !== undefined) out[k] = encodeValue(e, serverNow);
    return out;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw new EvaluationError('numbers must be finite');
  return v;
}

function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v !== null && typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && keys[0] === '$date' && typeof obj.$date === 'number') return new Date(obj.$date);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decodeValue(obj[k]);
    return out;
  }
  return v;
}

/** A stored-shape copy of a value (Dates kept, serverDate resolved now). */
export function cloneValue(v: unknown): unknown {
  return decodeValue(encodeValue(v, Date.now()));
}

// ---------------------------------------------------------------------------------------------
// Paths and comparison.

/** Values at a dotted path; arrays of objects fan out (`items.name` reaches every item's name). */
function valuesAt(doc: unknown, path: string): unknown[] {
  // The common case, a top-level field of a document: no path to split.
  if (!path.includes('.') && isObjectLike(doc) && !Array.isArray(doc)) return [doc[path]];
  let current: unknown[] = [doc];
  for (const seg of path.split('.')) {
    const next: unknown[] = [];
    for (const v of current) {
      if (Array.isArray(v)) {
        if (/^\d+$/.test(seg)) next.push(v[Number(seg)]);
        else for (const e of v) next.push(isObjectLike(e) ? e[seg] : undefined);
      } else if (isObjectLike(v)) {
        next.push(v[seg]);
      } else {
        next.push(undefined);
      }
    }
    current = next;
  }
  return current;
}

function isObjectLike(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !(v instanceof Date);
}

/** The single value at a path (no fan-out), for sorting. */
export function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const seg of path.split('.')) {
    if (!isObjectLike(v)) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((e, i) => deepEqual(e, b[i]));
  }
  if (isObjectLike(a) && isObjectLike(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual(a[k], b[k]));
  }
  return a === b;
}

/** MongoDB's order of types, so sorting mixed fields is total and stable. */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (Array.isArray(v)) return 4;
  if (v instanceof Date) return 6;
  if (typeof v === 'object') return 3;
  if (typeof v === 'boolean') return 5;
  return 7;
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

/** gt/gte/lt/lte compare only values of the same kind (number, string, date), like MongoDB. */
function comparable(a: unknown, b: unknown): boolean {
  return (
    (typeof a === 'number' && typeof b === 'number') ||
    (typeof a === 'string' && typeof b === 'string') ||
    (a instanceof Date && b instanceof Date)
  );
}

// ---------------------------------------------------------------------------------------------
// Matching.

export function matches(doc: Doc, condition: QueryCondition): boolean {
  if (condition instanceof LogicCommand) return matchLogic(doc, condition);
  if (!isPlainObject(condition)) throw new EvaluationError('where() expects an object or a db.command.and/or');
  return Object.entries(condition).every(([path, expected]) => matchField(doc, path, expected));
}

function matchLogic(doc: Doc, cmd: LogicCommand): boolean {
  const results = cmd.operands.map((op) => {
    if (op instanceof LogicCommand || isPlainObject(op)) return matches(doc, op);
    throw new EvaluationError(`db.command.${cmd.operator} at top level takes conditions`);
  });
  return cmd.operator === 'and' ? results.every(Boolean) : results.some(Boolean);
}

function matchField(doc: Doc, path: string, expected: unknown): boolean {
  if (expected instanceof QueryCommand) return matchCommand(valuesAt(doc, path), expected);
  if (expected instanceof LogicCommand) {
    const results = expected.operands.map((op) => matchField(doc, path, op));
    return expected.operator === 'and' ? results.every(Boolean) : results.some(Boolean);
  }
  // Nested plain objects in a condition are field paths, as the SDK flattens them (`{a: {b: 1}}` is `a.b`).
  if (isPlainObject(expected) && Object.keys(expected).length > 0) {
    return Object.entries(expected).every(([k, v]) => matchField(doc, `${path}.${k}`, v));
  }
  return equalsAny(valuesAt(doc, path), expected);
}

/** True when some value (or some element of an array value) equals `expected`; null matches missing. */
function equalsAny(values: unknown[], expected: unknown): boolean {
  const probe = expected instanceof ServerDate ? cloneValue(expected) : expected;
  return values.some((v) => {
    if (probe === null && (v === undefined || v === null)) return true;
    if (deepEqual(v, probe)) return true;
    return Array.isArray(v) && v.some((e) => deepEqual(e, probe));
  });
}

function anyCompares(values: unknown[], pred: (v: unknown) => boolean): boolean {
  return values.some((v) => pred(v) || (Array.isArray(v) && v.some(pred)));
}

function matchCommand(values: unknown[], cmd: QueryCommand): boolean {
  const x = cmd.value;
  switch (cmd.queryOperator) {
    case 'eq':
      return equalsAny(values, x);
    case 'neq':
      return !equalsAny(values, x);
    case 'gt':
      return anyCompares(values, (v) => comparable(v, x) && compareValues(v, x) > 0);
    case 'gte':
      return anyCompares(values, (v) => comparable(v, x) && compareValues(v, x) >= 0);
    case 'lt':
      return anyCompares(values, (v) => comparable(v, x) && compareValues(v, x) < 0);
    case 'lte':
      return anyCompares(values, (v) => comparable(v, x) && compareValues(v, x) <= 0);
    case 'in':
      return (x as unknown[]).some((candidate) => equalsAny(values, candidate));
    case 'nin':
      return !(x as unknown[]).some((candidate) => equalsAny(values, candidate));
    case 'exists':
      return values.some((v) => v !== undefined) === x;
  }
}

// ---------------------------------------------------------------------------------------------
// Ordering and projection.

export interface OrderBy {
  field: string;
  direction: 'asc' | 'desc';
}

export function sortDocs(docs: Doc[], orders: readonly OrderBy[]): Doc[] {
  if (orders.length === 0) return docs;
  // Array.prototype.sort is stable: ties keep insertion order.
  return [...docs].sort((a, b) => {
    for (const { field, direction } of orders) {
      const c = compareValues(valueAt(a, field), valueAt(b, field));
      if (c !== 0) return direction === 'asc' ? c : -c;
    }
    return 0;
  });
}

/** `field({a: true})` keeps a (and _id); `field({a: false})` drops a. Top-level fields only. */
export function project(doc: Doc, projection: Record<string, unknown> | undefined): Doc {
  if (!projection) return doc;
  const entries = Object.entries(projection);
  const including = entries.some(([k, v]) => k !== '_id' && Boolean(v));
  if (including) {
    const out: Doc = {};
    if (projection._id !== false && projection._id !== 0) out._id = doc._id;
    for (const [k, v] of entries) if (v && k in doc) out[k] = doc[k];
    return out;
  }
  const out: Doc = { ...doc };
  for (const [k, v] of entries) if (!v) delete out[k];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Updates.

type FieldUpdate = { path: string; command: UpdateCommand };

/** Nested plain objects in update data merge field by field (use `_.set` to replace an object). */
function flattenUpdate(data: Record<string, unknown>, prefix = ''): FieldUpdate[] {
  const out: FieldUpdate[] = [];
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (v instanceof UpdateCommand) out.push({ path, command: v });
    else if (isPlainObject(v) && Object.keys(v).length > 0) out.push(...flattenUpdate(v, path));
    else out.push({ path, command: new UpdateCommand('set', v) });
  }
  return out;
}

export function hasUpdateCommand(data: unknown): boolean {
  if (data instanceof UpdateCommand) return true;
  if (Array.isArray(data)) return data.some(hasUpdateCommand);
  if (isPlainObject(data)) return Object.values(data).some(hasUpdateCommand);
  return false;
}

/** The document after applying `data` (a partial update with operators); `doc` is not modified. */
export function applyUpdate(doc: Doc, data: Record<string, unknown>): Doc {
  const next = cloneValue(doc) as Doc;
  for (const { path, command } of flattenUpdate(data)) {
    if (path === '_id' || path.startsWith('_id.')) throw new EvaluationError('不能更新_id的值');
    const segs = path.split('.');
    const last = segs.pop() as string;
    let parent: Record<string, unknown> = next;
    for (const seg of segs) {
      const child = parent[seg];
      if (command.updateOperator === 'remove' && !isObjectLike(child)) {
        parent = {};
        break;
      }
      if (child === undefined || child === null) parent[seg] = {};
      else if (!isObjectLike(child)) throw new EvaluationError(`cannot create field '${seg}' in a non-object value at '${path}'`);
      parent = parent[seg] as Record<string, unknown>;
    }
    const current = parent[last];
    switch (command.updateOperator) {
      case 'set':
        parent[last] = cloneValue(command.value);
        break;
      case 'remove':
        delete parent[last];
        break;
      case 'inc': {
        if (current !== undefined && typeof current !== 'number') {
          throw new EvaluationError(`Cannot apply $inc to a value of non-numeric type at '${path}'`);
        }
        parent[last] = (current ?? 0) + (command.value as number);
        break;
      }
      case 'push': {
        if (current !== undefined && !Array.isArray(current)) {
          throw new EvaluationError(`The field '${path}' must be an array`);
        }
        const { each, position } = pushArgs(command.value);
        const arr = [...(current ?? [])];
        arr.splice(position ?? arr.length, 0, ...each.map(cloneValue));
        parent[last] = arr;
        break;
      }
    }
  }
  return next;
}

/** `_.push(v)`, `_.push([a, b])` and `_.push({each: [a, b], position: 0})` as the SDK accepts them. */
function pushArgs(value: unknown): { each: unknown[]; position?: number } {
  if (Array.isArray(value)) return { each: value };
  if (isPlainObject(value) && Array.isArray(value.each)) {
    return { each: value.each, position: typeof value.position === 'number' ? value.position : undefined };
  }
  return { each: [value] };
}
