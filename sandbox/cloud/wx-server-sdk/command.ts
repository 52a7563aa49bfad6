/**
 * `db.command` (conventionally `_`): query operators, logic operators and update operators,
 * as plain marker objects the evaluator in `evaluate.ts` interprets.
 */

export type QueryOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists';
export type LogicOperator = 'and' | 'or';
export type UpdateOperator = 'set' | 'remove' | 'inc' | 'push';

/** A condition object (`{status: 'paid', 'patient.id': _.in([...])}`) or a logic command. */
export type QueryCondition = Record<string, unknown> | LogicCommand;

/** `_.and(…)` / `_.or(…)`: at top level over conditions, or on a field over query commands. */
export class LogicCommand {
  constructor(
    readonly operator: LogicOperator,
    readonly operands: readonly unknown[],
  ) {}

  and(...expressions: unknown[]): LogicCommand {
    return new LogicCommand('and', [this, ...flattenArgs(expressions)]);
  }

  or(...expressions: unknown[]): LogicCommand {
    return new LogicCommand('or', [this, ...flattenArgs(expressions)]);
  }
}

/** A comparison on one field (`_.gt(3)`); chains with `.and()` / `.or()` on the same field. */
export class QueryCommand {
  constructor(
    readonly queryOperator: QueryOperator,
    readonly value: unknown,
  ) {}

  and(...expressions: unknown[]): LogicCommand {
    return new LogicCommand('and', [this, ...flattenArgs(expressions)]);
  }

  or(...expressions: unknown[]): LogicCommand {
    return new LogicCommand('or', [this, ...flattenArgs(expressions)]);
  }
}

/** An update on one field (`_.inc(1)`). */
export class UpdateCommand {
  constructor(
    readonly updateOperator: UpdateOperator,
    readonly value: unknown,
  ) {}
}

/** `db.serverDate({offset?})`: the database server's time when the write lands. */
export class ServerDate {
  constructor(readonly options: { offset: number } = { offset: 0 }) {}
}

/** The real SDK takes `_.and(a, b)` and `_.and([a, b])` alike. */
function flattenArgs(args: unknown[]): unknown[] {
  return args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
}

function requireArray(name: string, val: unknown): unknown[] {
  if (!Array.isArray(val)) throw new TypeError(`db.command.${name} expects an array`);
  return val;
}

/** The command object exposed as `db.command`. */
export const command = {
  eq: (val: unknown) => new QueryCommand('eq', val),
  neq: (val: unknown) => new QueryCommand('neq', val),
  gt: (val: unknown) => new QueryCommand('gt', val),
  gte: (val: unknown) => new QueryCommand('gte', val),
  lt: (val: unknown) => new QueryCommand('lt', val),
  lte: (val: unknown) => new QueryCommand('lte', val),
  in: (val: unknown[]) => new QueryCommand('in', requireArray('in', val)),
  nin: (val: unknown[]) => new QueryCommand('nin', requireArray('nin', val)),
  exists: (val: boolean) => new QueryCommand('exists', Boolean(val)),
  and: (...expressions: unknown[]) => new LogicCommand('and', flattenArgs(expressions)),
  or: (...expressions: unknown[]) => new LogicCommand('or', flattenArgs(expressions)),
  set: (val: unknown) => new UpdateCommand('set', val),
  remove: () => new UpdateCommand('remove', undefined),
  inc: (val: number) => {
    if (typeof val !== 'number' || !Number.isFinite(val)) throw new TypeError('db.command.inc expects a number');
    return new UpdateCommand('inc', val);
  },
  push: (...values: unknown[]) => new UpdateCommand('push', values.length === 1 ? values[0] : values),
};

export type DatabaseCommand = typeof command;
