/**
 * The sandbox controls of the after-the-visit area: the sampling point scanning a test code, the
 * lab reporting, the hospital's test terms, and what a survey's answers were (staff's view).
 * Registered by server.ts; JSON in, 400 `{message, field}` in Chinese for bad input.
 */
import type { FastifyInstance } from 'fastify';
import type { Hospital } from '../hospital';
import { findSurvey, surveyAnswers } from './surveys';
import { readNatTerms, reportNat, sampleNat, writeNatTerms, type NatApplicationRow, type NatTermsRow } from './nat';

type Input<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

function fields(body: unknown, allowed: readonly string[]): Input<Record<string, unknown>> {
  if (body === undefined || body === null || body === '') return { ok: true, value: {} };
  if (typeof body !== 'object' || Array.isArray(body)) return { ok: false, field: 'body', message: '请求体应为JSON对象' };
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown !== undefined) return { ok: false, field: unknown, message: `不支持的参数：${unknown}` };
  return { ok: true, value: body as Record<string, unknown> };
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** `POST /sandbox/nat/terms` body: any of `{payMode: 'online' | 'onsite', singleFee, mixedFee}` (fen). */
export function readNatTermsInput(body: unknown): Input<Partial<NatTermsRow>> {
  const read = fields(body, ['payMode', 'singleFee', 'mixedFee']);
  if (!read.ok) return read;
  const { payMode, singleFee, mixedFee } = read.value;
  const value: Partial<NatTermsRow> = {};
  if (payMode !== undefined) {
    if (payMode !== 'online' && payMode !== 'onsite') return { ok: false, field: 'payMode', message: 'payMode 只能是 online（申请时在线缴费）或 onsite（采样时现场缴费）' };
    value.payMode = payMode === 'online' ? 'ONLINE' : 'ONSITE';
  }
  for (const [key, v] of [['singleFee', singleFee], ['mixedFee', mixedFee]] as const) {
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 1_000_000) return { ok: false, field: key, message: `${key} 应为 1 到 1000000 之间的整数（分）` };
    value[key] = v;
  }
  return { ok: true, value };
}

function termsView(t: NatTermsRow): { payMode: 'online' | 'onsite'; singleFee: number; mixedFee: number } {
  return { payMode: t.payMode === 'ONLINE' ? 'online' : 'onsite', singleFee: t.singleFee, mixedFee: t.mixedFee };
}

function applicationView(a: NatApplicationRow): Record<string, unknown> {
  return {
    applicationId: a.applicationNo,
    patientId: a.patientId,
    mode: a.mode === 1 ? 'single' : 'mixed',
    fee: a.fee,
    payMode: a.payMode === 'ONLINE' ? 'online' : 'onsite',
    status: ['unpaid', 'waiting', 'sampled', 'reported'][a.status],
    result: a.result === null ? null : a.result === 1 ? 'negative' : 'positive',
    receiptNo: a.receiptNo,
    sampledAt: a.sampleTime,
    reportedAt: a.reportTime,
  };
}

export function registerAfterVisitControls(app: FastifyInstance, hospital: Hospital): void {
  app.get('/sandbox/nat/terms', async () => termsView(readNatTerms(hospital.db)));
  app.post('/sandbox/nat/terms', async (request, reply) => {
    const input = readNatTermsInput(request.body);
    if (!input.ok) return reply.code(400).send({ message: input.message, field: input.field });
    return termsView(writeNatTerms(hospital.db, input.value));
  });

  // The sampling point scans the code shown in the app; where the fee is paid on site, it is taken now.
  app.post('/sandbox/nat/sample', async (request, reply) => {
    const read = fields(request.body, ['code']);
    if (!read.ok) return reply.code(400).send({ message: read.message, field: read.field });
    const code = text(read.value.code);
    if (code === undefined) return reply.code(400).send({ message: '请提供 code（检测码）', field: 'code' });
    const sampled = sampleNat(hospital.db, code, hospital.clock.now());
    if (!sampled.ok) return reply.code(sampled.reason === 'not_found' ? 404 : 409).send({ message: sampled.message, field: 'code' });
    return { ...applicationView(sampled.application), paidOnsite: sampled.paidOnsite };
  });

  // The lab reports a sampled test.
  app.post('/sandbox/nat/result', async (request, reply) => {
    const read = fields(request.body, ['applicationId', 'result']);
    if (!read.ok) return reply.code(400).send({ message: read.message, field: read.field });
    const applicationId = text(read.value.applicationId);
    if (applicationId === undefined) return reply.code(400).send({ message: '请提供 applicationId（申请单号）', field: 'applicationId' });
    const result = read.value.result;
    if (result !== 'negative' && result !== 'positive') return reply.code(400).send({ message: 'result 只能是 negative（阴性）或 positive（阳性）', field: 'result' });
    const reported = reportNat(hospital.db, applicationId, result, hospital.clock.now());
    if (!reported.ok) return reply.code(reported.reason === 'not_found' ? 404 : 409).send({ message: reported.message, field: 'applicationId' });
    return applicationView(reported.application);
  });

  // What the patient answered (staff's view of the hospital's own record).
  app.get<{ Params: { surveyId: string } }>('/sandbox/surveys/:surveyId', async (request, reply) => {
    const survey = findSurvey(hospital.db, request.params.surveyId);
    if (survey === undefined) return reply.code(404).send({ message: '问卷不存在', field: 'surveyId' });
    return {
      surveyId: survey.surveyNo,
      visitId: survey.visitNo,
      patientId: survey.patientId,
      inviteAt: survey.inviteAt,
      deadline: survey.deadline,
      answeredAt: survey.answeredAt,
      answers: surveyAnswers(hospital.db, survey.surveyNo),
    };
  });
}
