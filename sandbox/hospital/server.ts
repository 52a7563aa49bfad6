/**
 * The sandbox hospital over HTTP: `POST /hsb` (one XML envelope in, one out), `GET /health`, and
 * the JSON controls under `/sandbox/` (clock, faults, stats, the kiosk: cards and check-in codes, and
 * billing: visits that leave bills, and one-sided payment cases for reconciliation).
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { HsbResultCode } from '../../typings/hsb';
import { maskIdCard } from '../../miniprogram/core/mask';
import { formatHospital } from '../../miniprogram/core/time';
import type { ControlInput } from './controls';
import { createVisit, forgetPayment, recordPhantomPayment, voidBill } from './billing';
import { readCallNextInput, readCheckInInput, readCardInput, readClockInput, readFaultInput, readForgetInput, readPhantomInput, readQrVerifyInput, readRulesInput, readVisitInput } from './controls';
import { readPhoneChangeInput, readSmsQuery } from './controls';
import type { Hospital, HospitalCoreOptions } from './hospital';
import { createHospital } from './hospital';
import type { CardChange, CardRow } from './patients';
import { CardState, NAME_MISMATCH_MESSAGE, cancelCard, changePhone, findOrCreatePatient, findPatient, idCardDocument, issueCard, verifyCard } from './patients';
import { callNext, checkIn, readBookingRules, writeBookingRules } from './booking';
import { finishReports } from './report-finishing';
import { buildResponse } from './xml';
import { registerInpatientControls } from './inpatient-routes';
import { registerAfterVisitControls } from './after-visit/routes';
import { registerPushControls } from './push-controls';
import { readNotice, readNoticeInput, writeNotice } from './notice';

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

  app.get('/sandbox/rules', async () => readBookingRules(hospital.db));
  app.post('/sandbox/rules', async (request, reply) => control(reply, readRulesInput(request.body), (rules) => writeBookingRules(hospital.db, rules)));

  // Issue 16: the notice strip the hospital shows on the mini program's home page.
  app.get('/sandbox/notice', async () => ({ notice: readNotice(hospital.db) }));
  app.post('/sandbox/notice', async (request, reply) => control(reply, readNoticeInput(request.body), (text) => writeNotice(hospital.db, text)));

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
      const registration = findOrCreatePatient(hospital.db, { name: input.name, doc: idCardDocument(input.idCard), phone: input.phone }, nowMs);
      if (!registration.ok) return reply.code(409).send({ message: NAME_MISMATCH_MESSAGE, field: 'name' });
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

  // A finished consultation: the doctor's orders leave pending bills for the patient to pay.
  app.post('/sandbox/visits', async (request, reply) =>
    control(reply, readVisitInput(request.body), ({ patientId }) => {
      const created = createVisit(hospital.db, hospital.seed, patientId, hospital.clock.now());
      if (!created.ok) return reply.code(404).send({ message: '患者不存在', field: 'patientId' });
      return created.visit;
    }),
  );
  // The lab, imaging and pathology finish the patient's paid orders (records.ts).
  app.post('/sandbox/reports/finish', async (request, reply) =>
    control(reply, readVisitInput(request.body), ({ patientId }) => {
      const finished = finishReports(hospital.db, hospital.seed, patientId, hospital.clock.now());
      if (!finished.ok) return reply.code(404).send({ message: '患者不存在', field: 'patientId' });
      return { reports: finished.reports };
    }),
  );
  // One-sided accounts on purpose, for reconciliation: the hospital loses a payment it recorded …
  app.post('/sandbox/payments/forget', async (request, reply) =>
    control(reply, readForgetInput(request.body), ({ tradeNo }) => {
      const forgotten = forgetPayment(hospital.db, tradeNo);
      if (!forgotten.ok) return reply.code(404).send({ message: '未找到该支付记录', field: 'tradeNo' });
      return { tradeNo, billIds: forgotten.billIds };
    }),
  );
  // … or records a payment WeChat never took.
  app.post('/sandbox/payments/phantom', async (request, reply) =>
    control(reply, readPhantomInput(request.body), (input) => {
      const payTime = formatHospital(input.payTimeMs ?? hospital.clock.now());
      const recorded = recordPhantomPayment(hospital.db, { patientId: input.patientId, amount: input.amount, tradeNo: input.tradeNo, payTime });
      if (!recorded.ok && recorded.reason === 'unknown_patient') return reply.code(404).send({ message: '患者不存在', field: 'patientId' });
      if (!recorded.ok) return reply.code(409).send({ message: '该商户订单号已有支付记录', field: 'tradeNo' });
      const p = recorded.payment;
      return { tradeNo: p.tradeNo, transactionId: p.transactionId, patientId: p.patientId, amount: p.totalFee, payTime: p.payTime, receiptNo: p.receiptNo };
    }),
  );
  // The hospital voids a pending bill (orders changed): the next confirmation of it fails with 2001.
  app.post<{ Params: { billNo: string } }>('/sandbox/bills/:billNo/void', async (request, reply) => {
    const voided = voidBill(hospital.db, request.params.billNo);
    if (!voided.ok && voided.reason === 'not_found') return reply.code(404).send({ message: '缴费单不存在', field: 'billNo' });
    if (!voided.ok) return reply.code(409).send({ message: '该缴费单已缴费，不能作废', field: 'billNo' });
    return { billId: voided.billId, status: 'voided' };
  });

  // The kiosk scan at the clinic: checks in a registration of today, by number or by the patient's QR code.
  app.post('/sandbox/queue/checkin', async (request, reply) =>
    control(reply, readCheckInInput(request.body), (input) => {
      const nowMs = hospital.clock.now();
      let by: { registrationNo: string } | { patientId: string };
      if ('code' in input) {
        const verdict = hospital.qrCodes.verify(input.code, nowMs);
        if (!verdict.valid) return reply.code(400).send({ message: '就诊码无效或已过期，请刷新后重新出示', field: 'code', reason: verdict.reason });
        by = { patientId: verdict.patientId };
      } else {
        by = { registrationNo: input.registrationId };
      }
      const done = checkIn(hospital.db, by, nowMs);
      if (!done.ok) return reply.code(done.code === '1001' ? 404 : 409).send({ message: done.message });
      const r = done.registration;
      return { registrationId: r.registrationNo, patientId: r.patientId, scheduleId: r.scheduleCode, queueNo: r.queueNo, checkedInAt: r.checkedInAt };
    }),
  );
  // The doctor calls the next checked-in patient of a session.
  app.post('/sandbox/queue/next', async (request, reply) =>
    control(reply, readCallNextInput(request.body), ({ scheduleId }) => {
      const called = callNext(hospital.db, scheduleId, hospital.clock.now());
      if ('ok' in called) return reply.code(404).send({ message: called.message, field: 'scheduleId' });
      return { scheduleId, currentNo: called.currentNo, calledRegistrationId: called.calledRegistrationNo };
    }),
  );

  registerAfterVisitControls(app, hospital); // tests (核酸) sampling and results, test terms, survey answers
  // push: stopping a session, the pharmacy, the events published
  registerPushControls(app, hospital);

  // Binding proves possession: the patient's phone (what the SMS gateway delivered) and the counter changing the phone on file.
  app.get('/sandbox/sms', async (request, reply) =>
    control(reply, readSmsQuery(request.query), ({ phone }) => ({
      messages: hospital.codes.messages(phone).map((m) => ({ phone: m.phone, text: m.text, sentAt: new Date(m.sentAt).toISOString() })),
    })),
  );
  app.post<{ Params: { patientId: string } }>('/sandbox/patients/:patientId/phone', async (request, reply) =>
    control(reply, readPhoneChangeInput(request.body), ({ phone }) => {
      if (!changePhone(hospital.db, request.params.patientId, phone)) return reply.code(404).send({ message: '患者不存在', field: 'patientId' });
      return { patientId: request.params.patientId, phone };
    }),
  );
  // The ward: admission, discharge and settlement.
  registerInpatientControls(app, hospital);

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
