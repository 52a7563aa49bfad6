/**
 * The push controls of the sandbox hospital (ARCHITECTURE §9): a doctor stopping a session, the
 * pharmacy having medicine ready, and a look at the events the hospital published.
 */
import type { FastifyInstance } from 'fastify';
import { CODE_PATTERN } from '../../miniprogram/core/validate';
import { eventsSince } from './events';
import type { Hospital } from './hospital';
import { DEFAULT_PHARMACY_WINDOW, medicineReady, settleEvents, stopSession } from './notices';

function bodyOf(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function registerPushControls(app: FastifyInstance, hospital: Hospital): void {
  // 停诊: the session's appointments are cancelled and paid registrations refunded at the hospital.
  app.post<{ Params: { scheduleId: string } }>('/sandbox/schedules/:scheduleId/stop', async (request, reply) => {
    const stopped = stopSession(hospital.db, request.params.scheduleId, hospital.clock.now());
    if (!stopped.ok && stopped.reason === 'not_found') return reply.code(404).send({ message: '排班不存在', field: 'scheduleId' });
    if (!stopped.ok) return reply.code(409).send({ message: '该时段已结束，不能停诊', field: 'scheduleId' });
    return stopped;
  });

  // The pharmacy: a patient's medicine is ready at a window (取药提醒).
  app.post('/sandbox/pharmacy/ready', async (request, reply) => {
    const { patientId, window } = bodyOf(request.body);
    if (typeof patientId !== 'string' || !CODE_PATTERN.test(patientId)) return reply.code(400).send({ message: '请提供正确的患者编号', field: 'patientId' });
    if (window !== undefined && (typeof window !== 'string' || window.trim() === '' || window.length > 20)) return reply.code(400).send({ message: '取药窗口应为1-20个字', field: 'window' });
    const ready = medicineReady(hospital.db, patientId, typeof window === 'string' ? window.trim() : DEFAULT_PHARMACY_WINDOW, hospital.clock.now());
    if (!ready.ok) return reply.code(404).send({ message: '患者不存在', field: 'patientId' });
    return { patientId, seq: ready.seq };
  });

  // For people: what the hospital published after `after` (what the clock made due first).
  app.get<{ Querystring: { after?: string } }>('/sandbox/events', async (request, reply) => {
    const after = request.query.after ?? '0';
    if (!/^\d{1,15}$/.test(after)) return reply.code(400).send({ message: 'after 应为非负整数', field: 'after' });
    hospital.db.transaction(() => settleEvents(hospital.db, hospital.clock.now())).immediate();
    return { events: eventsSince(hospital.db, Number(after), 200) };
  });
}
