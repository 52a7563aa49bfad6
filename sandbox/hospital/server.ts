/**
 * The sandbox hospital over HTTP: `POST /hsb` (one XML envelope in, one out), `GET /health`, and
 * the JSON controls under `/sandbox/` (clock, faults, stats, and the kiosk: cards and check-in codes).
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { HsbResultCode } from '../../typings/hsb';
import { maskIdCard } from '../../miniprogram/core/mask';
import { formatHospital } from '../../miniprogram/core/time';
import type { ControlInput } from './controls';
import { readCardInput, readClockInput, readFaultInput, readQrVerifyInput } from './controls';
import type { Hospital, HospitalCoreOptions } from './hospital';
import { createHospital } from './hospital';
import type { CardChange, CardRow } from './patients';
import { CardState, cancelCard, findOrCreatePatient, findPatient, issueCard, verifyCard } from './patients';
import { buildResponse } from './xml';

export interface HospitalOptions extends HospitalCoreOptions {
  /** Default 7101; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Fastify's request log to stdout (never message bodies). Default off. */
  logger?: boolean;
}

export interface RunningHospital {
  /** e.g. http://127.0.0.1:7101 */
  url: string;
  hospital: Hospital;
  /** Ends held requests, stops listening, closes the database. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 7101;
export const DEFAULT_HOST = '127.0.0.1';
const XML_TYPE = 'application/xml; charset=utf-8';

/** `/sandbox/cards/9100000001/verify` → `/sandbox/cards/910***0001/verify`. */
export function maskCardInUrl(url: string): string {
  return url.replace(/^(\/sandbox\/cards\/)([^/?]+)/, (_all, prefix: string, cardNo: string) => prefix + maskIdCard(decodeURIComponentSafe(cardNo)));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A card as the kiosk controls answer it. */
function cardView(card: CardRow): { cardNo: string; patientId: string; state: 'verified' | 'unverified' | 'cancelled' } {
  const state = card.state === CardState.VERIFIED ? 'verified' : card.state === CardState.CANCELLED ? 'cancelled' : 'unverified';
  return { cardNo: card.cardNo, patientId: card.patientId, state };
}

/** Answers a card state change: the card, 404 for an unknown card, 409 for a cancelled one. */
function cardChange(reply: FastifyReply, change: CardChange): unknown {
  if (change.ok) return cardView(change.card);
  if (change.reason === 'not_found') return reply.code(404).send({ message: '就诊卡不存在', field: 'cardNo' });
  return reply.code(409).send({ message: '就诊卡已注销，请到窗口补办', field: 'cardNo' });
}

/** Maps a control refusal to 400 `{message, field}`, or runs the change and answers its result. */
function control<T>(reply: FastifyReply, input: ControlInput<T>, apply: (value: T) => unknown): unknown {
  if (!input.ok) return reply.code(400).send({ message: input.message, field: input.field });
  return apply(input.value);
}

export function buildServer(hospital: Hospital, opts: { logger?: boolean } = {}): FastifyInstance {
  // Request lines carry the URL, and a kiosk URL carries a card number: it is logged masked.
  const logger = opts.logger ? { serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: maskCardInUrl(req.url) }) } } : false;
  const app = Fastify({ logger });


  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'sandbox hospital error');
    if (request.url.split('?')[0] === '/hsb') {
      const code = status >= 500 ? HsbResultCode.SYSTEM_ERROR : HsbResultCode.INVALID_PARAMETER;
      const message = status >= 500 ? '系统错误，请稍后重试' : '报文无法读取（请使用 application/xml，且不超过1MB）';
      return reply.code(200).type(XML_TYPE).send(buildResponse({ ServiceName: '', MessageId: '' }, formatHospital(hospital.clock.now()), code, message));
    }
    const message = status >= 500 ? '系统错误' : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? '请求体为空：请发送JSON对象，或不带 Content-Type' : '请求体不是有效的JSON';
    return reply.code(status >= 500 ? 500 : 400).send({ message, field: 'body' });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ message: `接口不存在：${request.method} ${request.url}` }));

  // Its own scope: every body reaches /hsb as text (XML or not), so the envelope check judges it.
  void app.register(async (hsb) => {
    hsb.removeAllContentTypeParsers();
    hsb.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    hsb.post('/hsb', async (request, reply) => {
      const answer = await hospital.answer(typeof request.body === 'string' ? request.body : '');
      if (answer.dropped) {
        // A timeout fault: the hospital never answers; the connection just ends when it closes.
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
      return reply.type(XML_TYPE).send(answer.xml);
    });
  });

  app.get('/health', async () => ({ status: 'ok', service: 'sandbox-hospital', seed: hospital.seed, today: hospital.today() }));

  app.get('/sandbox/clock', async () => hospital.clock.snapshot());
  app.post('/sandbox/clock', async (request, reply) =>
    control(reply, readClockInput(request.body), (input) => {
      if (input.now !== undefined) hospital.clock.set(input.now, input.freeze);
      else if (input.advanceMs !== undefined) hospital.clock.set(hospital.clock.now() + input.advanceMs, input.freeze);
      else if (input.freeze) hospital.clock.freeze();
      else hospital.clock.resume();
      hospital.publishedDates();
      return hospital.clock.snapshot();
    }),
  );

  app.get('/sandbox/faults', async () => ({ faults: hospital.faults.list() }));
  app.post('/sandbox/faults', async (request, reply) =>
    control(reply, readFaultInput(request.body), (setting) => {
      hospital.faults.set(setting);
      return { faults: hospital.faults.list() };
    }),
  );
  app.delete('/sandbox/faults', async () => {
    hospital.faults.clear();
    return { faults: [] };
  });

  // The kiosk: issues a card after finding or creating the patient by real name (no phone needed).
  app.post('/sandbox/cards', async (request, reply) =>
    control(reply, readCardInput(request.body, hospital.clock.now()), (input) => {
      const nowMs = hospital.clock.now();
      const registration = findOrCreatePatient(hospital.db, { name: input.name, idCard: input.idCard, phone: input.phone }, nowMs);
      if (!registration.ok) return reply.code(409).send({ message: registration.message, field: 'name' });
      return cardView(issueCard(hospital.db, registration.patient.patientId, input.verified, nowMs));
    }),
  );
  app.post<{ Params: { cardNo: string } }>('/sandbox/cards/:cardNo/verify', async (request, reply) =>
    cardChange(reply, verifyCard(hospital.db, request.params.cardNo)),
  );
  app.post<{ Params: { cardNo: string } }>('/sandbox/cards/:cardNo/cancel', async (request, reply) =>
    cardChange(reply, cancelCard(hospital.db, request.params.cardNo)),
  );
  // Kiosk and clinic check-in: reads a scanned code against the hospital's key and clock.
  app.post('/sandbox/qrcode/verify', async (request, reply) =>
    control(reply, readQrVerifyInput(request.body), ({ code }) => {
      const verdict = hospital.qrCodes.verify(code, hospital.clock.now());
      if (!verdict.valid) return { valid: false, reason: verdict.reason };
      if (findPatient(hospital.db, verdict.patientId) === undefined) return { valid: false, reason: 'unknown_patient' };
      return { valid: true, patientId: verdict.patientId, expiresAt: new Date(verdict.expiresAtMs).toISOString() };
    }),
  );

  app.get('/sandbox/stats', async () => hospital.stats.snapshot());
  app.post('/sandbox/stats/reset', async () => {
    hospital.stats.reset();
    return hospital.stats.snapshot();
  });

  return app;
}

/** Creates the hospital and serves it; `close()` also ends requests held by a timeout fault. */
export async function startHospital(opts: HospitalOptions = {}): Promise<RunningHospital> {
  const host = opts.host ?? DEFAULT_HOST;
  // The server's logger reports service exceptions; the server needs the hospital first.
  const logTo: { app?: FastifyInstance } = {};
  const hospital = createHospital({
    ...opts,
    onError: opts.onError ?? ((error, service) => logTo.app?.log.error({ err: error, service }, 'HSB service failed')),
  });
  const server = buildServer(hospital, { logger: opts.logger });
  logTo.app = server;
  try {
    await server.listen({ port: opts.port ?? DEFAULT_PORT, host });
  } catch (error) {
    hospital.close();
    throw error;
  }
  const { port } = server.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    hospital,
    close() {
      // Release held requests first, or the server would wait on them forever.
      closing ??= (async () => {
        hospital.close();
        await server.close();
      })();
      return closing;
    },
  };
}
