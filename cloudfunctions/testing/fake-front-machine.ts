/**
 * Test support: a small fake front machine that verifies request signatures with the real
 * signature.ts and answers canned `Result` JSON per operation. Never bundled (nothing imports it
 * from a function's src/index.ts).
 */
import Fastify from 'fastify';
import { signatureMatches } from '../../protocol/signature';
import type { OperationName, OperationRequest } from '../../typings/frontmachine';
import { FM_HEADERS } from '../../protocol/signature';

/** A canned answer: HTTP status (default 200) and a raw body (a string is sent as is). */
export interface CannedAnswer {
  status?: number;
  body: unknown;
}

export type Responder = (req: unknown, headers: Record<string, string | string[] | undefined>) => CannedAnswer | Promise<CannedAnswer>;

export interface ReceivedCall {
  op: string;
  path: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface FakeFrontMachine {
  url: string;
  calls: ReceivedCall[];
  /** Replaces or adds the answer for one operation. */
  answer<O extends OperationName>(op: O, responder: (req: OperationRequest<O>) => CannedAnswer | Promise<CannedAnswer>): void;
  close(): Promise<void>;
}

/** `{ok: true, data}` with HTTP 200. */
export function ok(data: unknown): CannedAnswer {
  return { body: { ok: true, data } };
}

/** A business failure as the front machine sends it (HTTP 200). */
export function failure(code: string, message: string, field?: string): CannedAnswer {
  return { body: { ok: false, code, message, ...(field ? { field } : {}) } };
}

export async function startFakeFrontMachine(opts: { key: string; responders?: Partial<Record<OperationName, Responder>> }): Promise<FakeFrontMachine> {
  const responders = new Map<string, Responder>(Object.entries(opts.responders ?? {}) as [string, Responder][]);
  const calls: ReceivedCall[] = [];
  const app = Fastify({ logger: false, forceCloseConnections: true });
  // Keep the raw body: the signature covers the exact bytes sent.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post<{ Params: { op: string } }>('/v1/:op', async (req, reply) => {
    const raw = typeof req.body === 'string' ? req.body : '';
    const h = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const timestamp = h(FM_HEADERS.timestamp);
    const nonce = h(FM_HEADERS.nonce);
    const signature = h(FM_HEADERS.signature);
    if (!timestamp || !nonce || !signature) {
      return reply.code(401).send({ ok: false, code: 'UNAUTHENTICATED', message: '请求未签名', reason: 'unsigned' });
    }
    if (!signatureMatches(opts.key, { method: req.method, path: req.url, timestamp, nonce, body: raw }, signature)) {
      return reply.code(401).send({ ok: false, code: 'UNAUTHENTICATED', message: '签名无效', reason: 'bad_signature' });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw) as unknown;
    } catch {
      body = undefined;
    }
    calls.push({ op: req.params.op, path: req.url, body, headers: req.headers });
    const responder = responders.get(req.params.op);
    if (!responder) return reply.code(404).send({ ok: false, code: 'NOT_FOUND', message: '未知的操作' });
    const answer = await responder(body, req.headers);
    const payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return reply.code(answer.status ?? 200).type('application/json').send(payload);
  });

  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    calls,
    answer(op, responder) {
      responders.set(op, responder as Responder);
    },
    close: () => app.close(),
  };
}
