/**
 * What a front machine operation is (input check, write flag, handler over the Hospital port), and
 * the fields many operations share. The table itself is operations.ts.
 */
import type { BaseLogger } from 'pino';
import type { OperationName, OperationRequest, OperationResponse } from '../../typings/frontmachine';
import { CODE_PATTERN, type Validated } from '../../miniprogram/core/validate';
import type { Hospital } from './hospital/port';

/** The logging a handler needs (the request's logger, so lines carry the request id). */
export type OperationLog = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

/** What a handler may use besides its checked input. */
export interface OperationContext {
  hospital: Hospital;
  /** Present on writes: the caller's key, to pass on where the hospital supports it. */
  idempotencyKey?: string;
  log: OperationLog;
}

export interface Operation<Req = unknown, Res = unknown> {
  /** Writes require an Idempotency-Key and replay their first answer to retries. */
  write: boolean;
  /** Refuses bad input with INVALID_INPUT, a Chinese message and the field. */
  check(input: unknown): Validated<Req>;
  /** Throws AppError for business failures. */
  handle(input: Req, ctx: OperationContext): Promise<Res>;
}

export type OperationTable = Record<string, Operation>;

/** Types an operation at its definition and erases it for the table. */
export function defineOperation<Req, Res>(op: Operation<Req, Res>): Operation {
  return op as Operation;
}

/** Rows of the operation table, typed against typings/frontmachine.ts. */
export type OperationRows<K extends OperationName> = { [O in K]: Operation<OperationRequest<O>, OperationResponse<O>> };

export const PATIENT_ID = { type: 'string', label: '就诊人编号', required: true, pattern: CODE_PATTERN } as const;
export const ID = (label: string) => ({ type: 'string', label, required: true, pattern: CODE_PATTERN }) as const;
export const OUT_TRADE_NO = { type: 'string', label: '商户订单号', required: true, pattern: /^[A-Za-z0-9_-]{6,32}$/ } as const;
