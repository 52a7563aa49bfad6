/** The error codes of the public API contract (docs/contracts.md#result-model). INTERNAL is always a bug. */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SOLD_OUT'
  | 'RULE_VIOLATION'
  | 'LIMIT_REACHED'
  | 'HOSPITAL_UNAVAILABLE'
  | 'PAYMENT_PENDING'
  /** The cloud itself (database, quotas) is busy or timing out: not a bug, the caller can only try again. */
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

/** A failed call: `message` is Simplified Chinese for the patient, `field` names the input at fault. */
export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  field?: string;
}

/** A successful call. */
export interface Success<T> {
  ok: true;
  data: T;
}

/** Every API and front-machine answer is this tagged union. */
export type Result<T> = Success<T> | Failure;
