/**
 * The client of the front machine's signed JSON API (typings/frontmachine.ts). Every call is
 * HMAC-signed over the exact body sent; the hospital being unreachable, slow, broken or refusing our
 * key is one thing to the patient (HOSPITAL_UNAVAILABLE), and a loud log line for the operators.
 * Uses node:http(s) rather than fetch: cloud functions may run on Node 16.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { OperationName, OperationRequest, OperationResponse } from '../../typings/frontmachine';
import { FM_HEADERS, signedHeaders } from '../../protocol/signature';
import type { ErrorCode } from '../../typings/result';
import { AppError } from '../../miniprogram/core/errors';
import type { CloudConfig } from './config';
import type { Logger } from './logger';

export interface CallOptions {
  /** Required by the front machine on writes; a retried write with the same key gets the first answer. */
  idempotencyKey?: string;
}

export interface FrontMachineClient {
  /** Answers the operation's data; a failure throws AppError (business failures as the front machine said). */
  call<O extends OperationName>(op: O, req: OperationRequest<O>, opts?: CallOptions): Promise<OperationResponse<O>>;
}

const KNOWN_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SOLD_OUT',
  'RULE_VIOLATION',
  'LIMIT_REACHED',
  'HOSPITAL_UNAVAILABLE',
  'PAYMENT_PENDING',
  'INTERNAL',
]);

interface RawAnswer {
  status: number;
  body: string;
}

/** Why a call did not get a usable answer (logged, never shown to the patient). */
type Outage = 'not_configured' | 'timeout' | 'connection' | 'unauthorized' | 'server_error' | 'unparsable';

class Unavailable extends Error {
  constructor(
    readonly outage: Outage,
    detail: string,
  ) {
    super(detail);
  }
}

function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        reject(new Unavailable('connection', e.message));
      });
      // An answer cut short (peer reset, our deadline) must still settle the call.
      res.on('close', () => {
        clearTimeout(timer);
        if (!res.complete) reject(new Unavailable('connection', 'answer cut short'));
      });
    });
    // One deadline for the whole exchange (connect, send, answer), not per socket inactivity.
    const timer = setTimeout(() => req.destroy(new Unavailable('timeout', `no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e instanceof Unavailable ? e : new Unavailable('connection', e.message));
    });
    req.end(body);
  });
}

/** A Failure-shaped answer from the front machine, or undefined when the shape is not one. */
function asFailure(v: unknown): { code: ErrorCode; message: string; field?: string } | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (o.ok !== false || typeof o.code !== 'string' || !KNOWN_CODES.has(o.code) || typeof o.message !== 'string') return undefined;
  return { code: o.code as ErrorCode, message: o.message, field: typeof o.field === 'string' ? o.field : undefined };
}

/**
 * The invocation's time budget: a function ends at its `config.json` timeout (WeChat's default 3 s, at
 * most 60 s), so each hospital call waits at most what is left before `deadlineAt` (real time), and
 * none starts with less than `minMs` left: the chain of calls of an action always fits, and the
 * function still answers (HOSPITAL_UNAVAILABLE) instead of being killed mid-way.
 */
export interface CallBudget {
  deadlineAt: number;
  minMs?: number;
}

/** What a function keeps back from its timeout for its own writes and its answer. */
export const FUNCTION_RESERVE_MS = 2_000;

export function createFrontMachineClient(config: CloudConfig, log: Logger, budget?: CallBudget): FrontMachineClient {
  const base = new URL(config.frontMachineUrl);
  const basePath = base.pathname.replace(/\/+$/, '');

  async function exchange(op: OperationName, body: string, opts: CallOptions): Promise<unknown> {
    if (!config.frontMachineKey) throw new Unavailable('not_configured', 'FRONT_MACHINE_KEY is not set');
    const path = `${basePath}/v1/${op}`;
    const url = new URL(path, base);
    // The signature's timestamp is real time: the front machine checks it against its own clock.
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      ...signedHeaders(config.frontMachineKey, 'POST', path, body, Date.now()),
    };
    if (opts.idempotencyKey !== undefined) headers[FM_HEADERS.idempotencyKey] = opts.idempotencyKey;
    const left = budget === undefined ? Infinity : budget.deadlineAt - Date.now();
    if (left < (budget?.minMs ?? 500)) throw new Unavailable('timeout', `no time left in the function's budget (${Math.max(0, left)} ms)`);
    const answer = await post(url, headers, body, Math.min(config.frontMachineTimeoutMs, left));
    if (answer.status === 401) throw new Unavailable('unauthorized', `front machine refused our signature: ${answer.body.slice(0, 200)}`);
    if (answer.status >= 500) throw new Unavailable('server_error', `HTTP ${answer.status}`);
    try {
      return JSON.parse(answer.body) as unknown;
    } catch {
      throw new Unavailable('unparsable', `HTTP ${answer.status}, body is not JSON`);
    }
  }

  return {
    async call<O extends OperationName>(op: O, req: OperationRequest<O>, opts: CallOptions = {}): Promise<OperationResponse<O>> {
      const started = Date.now();
      let parsed: unknown;
      try {
        parsed = await exchange(op, JSON.stringify(req), opts);
      } catch (e) {
        if (!(e instanceof Unavailable)) throw e;
        const fields = { op, outage: e.outage, detail: e.message, durationMs: Date.now() - started };
        if (e.outage === 'unauthorized' || e.outage === 'not_configured') {
          log.error('front machine key misconfigured: every hospital call will fail until FRONT_MACHINE_KEY matches FM_HMAC_KEY', fields);
        } else {
          log.warn('front machine unavailable', fields);
        }
        throw new AppError('HOSPITAL_UNAVAILABLE');
      }
      const o = parsed as Record<string, unknown> | null;
      if (o !== null && typeof o === 'object' && o.ok === true && 'data' in o) {
        log.info('front machine call', { op, ok: true, durationMs: Date.now() - started });
        return o.data as OperationResponse<O>;
      }
      const failure = asFailure(parsed);
      if (!failure || failure.code === 'UNAUTHENTICATED') {
        // An answer we cannot read, or an auth refusal without 401: the patient can do nothing about either.
        log.error('front machine answered an unreadable result', { op, code: failure?.code, durationMs: Date.now() - started });
        throw new AppError('HOSPITAL_UNAVAILABLE');
      }
      log.info('front machine call', { op, ok: false, code: failure.code, field: failure.field, durationMs: Date.now() - started });
      throw new AppError(failure.code, failure.message, failure.field);
    },
  };
}
