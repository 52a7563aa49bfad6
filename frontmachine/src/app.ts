/**
 * The HTTP face of the front machine: `GET /health` ({ok, version}) open to the load balancer, everything else
 * (`GET /metrics` too)
 * authenticated first (over the raw body bytes), then routed through the operation table, with
 * idempotent replay of writes.
 */
import { createHash } from 'node:crypto';
import packageJson from '../../package.json';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { FM_HEADERS } from '../../protocol/signature';
import type { Failure, Result } from '../../typings/result';
import { AppError, fail } from '../../miniprogram/core/errors';
import { systemClock, type Clock } from '../../miniprogram/core/time';
import { REFUSAL_MESSAGES, verifyRequest } from './auth';
import type { Hospital } from './hospital/port';
import { createLogger } from './logger';
import { Metrics } from './metrics';
import { createHospitalOperations, type Operation, type OperationLog, type OperationTable } from './operations';
import { requestContext } from './request-context';
import { SqliteStore, type FrontMachineStore } from './store';

export interface AppOptions {
  hmacKey: string;
  hospital: Hospital;
  /** Added to (and overriding) the hospital operations; tests register write operations here. */
  operations?: OperationTable;
  /** The real clock: signature windows and store expiry (not the hospital's business clock). */
  clock?: Clock;
  store?: FrontMachineStore;
  metrics?: Metrics;
  logger?: Logger;
}

/** What `GET /health` reports besides `ok`: the release running (package.json), nothing an outsider could use. */
export const FRONT_MACHINE_VERSION: string = packageJson.version;

/** How long a write's first answer is replayed to retries. */
export const IDEMPOTENCY_KEEP_MS = 24 * 60 * 60 * 1000;
const BODY_LIMIT_BYTES = 256 * 1024;
const OPERATION_PATH = /^\/v1\/([A-Za-z0-9._-]{1,64})$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** An answer ready to send: HTTP status and the Result (or refusal) as JSON text. */
interface Answer {
  status: number;
  json: string;
}

/** What the request log line says beyond method and status. */
interface RequestNote {
  operation?: string;
  outcome: string;
  hsbCalls: number;
  replayed?: boolean;
}

function answer(status: number, body: Result<unknown> | (Failure & { reason: string })): Answer {
  return { status, json: JSON.stringify(body) };
}

function send(reply: FastifyReply, a: Answer): FastifyReply {
  return reply.code(a.status).header('content-type', 'application/json; charset=utf-8').send(a.json);
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Builds the app (not listening). The caller closes it; a store it did not pass in is closed with it. */
export function createApp(options: AppOptions): FastifyInstance {
  const clock = options.clock ?? systemClock;
  const metrics = options.metrics ?? new Metrics();
  const logger = options.logger ?? createLogger('silent');
  const ownStore = options.store === undefined;
  const store = options.store ?? new SqliteStore(':memory:');
  const operations: OperationTable = { ...createHospitalOperations(clock), ...options.operations };
  const notes = new WeakMap<FastifyRequest, RequestNote>();
  // Writes in progress in this process: a retry arriving meanwhile waits for the first answer.
  const writesInFlight = new Map<string, { bodyHash: string; done: Promise<Answer> }>();

  // Fastify's own request lines are off: ours (onResponse below) carries the operation and HSB calls instead.
  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
  });

  // The signature covers the bytes as sent, so the body stays a Buffer until authentication passed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.addHook('onResponse', async (request, reply) => {
    if (request.url === '/health') return;
    const note = notes.get(request);
    request.log.info(
      { method: request.method, operation: note?.operation, status: reply.statusCode, outcome: note?.outcome, hsbCalls: note?.hsbCalls ?? 0, replayed: note?.replayed, durationMs: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  app.addHook('onClose', async () => {
    if (ownStore) store.close();
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unexpected error');
    const message = status === 413 ? '请求内容过大' : undefined;
    return send(reply, answer(status, fail(status === 500 ? 'INTERNAL' : 'INVALID_INPUT', message)));
  });

  // Open to the load balancer, so it says only that the process is up: the numbers are behind the signature (GET /metrics).
  app.get('/health', async () => ({ ok: true, version: FRONT_MACHINE_VERSION }));

  app.all('/*', async (request, reply) => {
    const note: RequestNote = { outcome: 'refused', hsbCalls: 0 };
    notes.set(request, note);
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);

    const verdict = verifyRequest({ method: request.method, path: request.url, headers: request.headers, body }, options.hmacKey, clock(), store);
    if (!verdict.ok) {
      metrics.recordRefusal(verdict.reason);
      note.outcome = verdict.reason;
      return send(reply, answer(401, { ...fail('UNAUTHENTICATED', REFUSAL_MESSAGES[verdict.reason]), reason: verdict.reason }));
    }

    if (request.method === 'GET' && request.url === '/metrics') {
      note.outcome = 'ok';
      return send(reply, answer(200, { ok: true, data: metrics.snapshot() }));
    }
    const match = request.method === 'POST' ? OPERATION_PATH.exec(request.url) : null;
    const name = match?.[1];
    const operation = name !== undefined && Object.hasOwn(operations, name) ? operations[name] : undefined;
    if (name === undefined || operation === undefined) {
      note.outcome = 'NOT_FOUND';
      return send(reply, answer(404, fail('NOT_FOUND', '未找到该接口')));
    }
    note.operation = name;

    const run = () =>
      requestContext.run(note, () => execute(name, operation, body, request.headers[FM_HEADERS.idempotencyKey] as string | undefined, note, request.log));
    const result = operation.write ? await idempotent(name, body, request, note, run) : await run();
    return send(reply, result);
  });

  /** Parses, checks and runs one operation; business failures answer 200. */
  async function execute(name: string, operation: Operation, body: Buffer, idempotencyKey: string | undefined, note: RequestNote, log: OperationLog): Promise<Answer> {
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        note.outcome = 'INVALID_INPUT';
        return answer(400, fail('INVALID_INPUT', '请求内容不是有效的 JSON', 'body'));
      }
    }
    const checked = operation.check(input);
    if (!checked.ok) {
      note.outcome = checked.code;
      return answer(200, checked);
    }
    try {
      const data = await operation.handle(checked.value, { hospital: options.hospital, idempotencyKey, log });
      note.outcome = 'ok';
      return answer(200, { ok: true, data });
    } catch (e) {
      if (e instanceof AppError) {
        note.outcome = e.code;
        return answer(200, e.toFailure());
      }
      note.outcome = 'INTERNAL';
      log.error({ err: e, operation: name }, 'operation failed unexpectedly');
      return answer(500, fail('INTERNAL'));
    }
  }

  /** A write: the first success per (key, operation) is kept and replayed; another body under the same key is a conflict. */
  async function idempotent(name: string, body: Buffer, request: FastifyRequest, note: RequestNote, run: () => Promise<Answer>): Promise<Answer> {
    const key = request.headers[FM_HEADERS.idempotencyKey];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      note.outcome = 'INVALID_INPUT';
      return answer(400, fail('INVALID_INPUT', '缺少有效的幂等键（Idempotency-Key）', FM_HEADERS.idempotencyKey));
    }
    const bodyHash = sha256(body);
    const conflict = () => {
      note.outcome = 'CONFLICT';
      return answer(409, fail('CONFLICT', '该幂等键已用于另一个请求'));
    };
    const kept = store.findIdempotent(key, name, clock());
    if (kept !== undefined) {
      if (kept.bodyHash !== bodyHash) return conflict();
      note.outcome = 'replayed';
      note.replayed = true;
      return { status: kept.httpStatus, json: kept.answer };
    }
    const slot = `${name}\n${key}`;
    const running = writesInFlight.get(slot);
    if (running !== undefined) {
      if (running.bodyHash !== bodyHash) return conflict();
      note.replayed = true;
      const a = await running.done;
      note.outcome = 'replayed';
      return a;
    }
    const done = run();
    writesInFlight.set(slot, { bodyHash, done });
    try {
      const a = await done;
      if (isFinal(a)) store.saveIdempotent(key, name, { bodyHash, httpStatus: a.status, answer: a.json }, clock(), clock() + IDEMPOTENCY_KEEP_MS);
      return a;
    } finally {
      writesInFlight.delete(slot);
    }
  }

  return app;
}

/**
 * Whether an answer is kept for replay: successes only. A refusal changed nothing at the hospital, and
 * what it refused may change (a slot frees up), so a later attempt with the same key must be asked
 * again, never answered with the old "no"; an unreachable hospital or a bug leaves the outcome open.
 * The hospital's own writes are idempotent (the same patient and slot, the same trade number), so a
 * retry after a success whose answer was lost meets the first write. In flight, a retry waits for the
 * first attempt's answer, whatever it is.
 */
function isFinal(a: Answer): boolean {
  if (a.status !== 200) return false;
  return (JSON.parse(a.json) as Result<unknown>).ok;
}
