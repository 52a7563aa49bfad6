/**
 * The local cloud's WeChat side of subscription messages, and the console's timer test button:
 * `GET /sandbox/templates` (the template library), `POST /sandbox/subscribe` (the patient's taps on
 * WeChat's consent dialog), `GET /sandbox/subscribe-messages?openid=` (what WeChat received),
 * `POST /sandbox/subscribe/faults` (WeChat busy for the next sends), `POST /sandbox/timers/run`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { businessClock } from '../../cloudfunctions/common/clock';
import type { CloudFunctionModule } from './host';
import { readTimerTriggers } from './timers';
import { LOCAL_ENV, runWithContext } from './wx-server-sdk';
import { configureSubscribe, failNextSends, receivedMessages, recordSubscription, templateLibrary } from './wx-server-sdk/subscribe';

export interface SubscribeControlsOptions {
  loadFunction(name: string): CloudFunctionModule | undefined;
  functionsDir: string;
  appId: string;
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export function registerSubscribeControls(app: FastifyInstance, o: SubscribeControlsOptions): void {
  // WeChat's clock is the functions' business clock, as for cloudPay.
  configureSubscribe({ clock: businessClock });

  app.get('/sandbox/templates', async () => ({ templates: templateLibrary() }));

  app.post('/sandbox/subscribe', async (req, reply) => {
    const body = (req.body ?? {}) as { openid?: unknown; results?: unknown };
    if (typeof body.openid !== 'string' || !OPENID.test(body.openid)) return reply.code(400).send({ message: '请提供 openid', field: 'openid' });
    if (body.results === null || typeof body.results !== 'object' || Array.isArray(body.results)) return reply.code(400).send({ message: 'results 应为 {模板ID: 订阅结果}', field: 'results' });
    const outcome = await recordSubscription(body.openid, body.results as Record<string, string>);
    if (!outcome.ok) return reply.code(400).send({ message: outcome.message, field: outcome.field });
    return { openid: body.openid, quotas: outcome.quotas };
  });

  app.get<{ Querystring: { openid?: string } }>('/sandbox/subscribe-messages', async (req, reply) => {
    const { openid } = req.query;
    if (openid !== undefined && !OPENID.test(openid)) return reply.code(400).send({ message: 'openid 格式不正确', field: 'openid' });
    const messages = await receivedMessages(openid);
    return { messages: messages.map((m) => ({ openid: m.openid, templateId: m.templateId, page: m.page, data: m.data, errcode: m.errcode, sentAt: new Date(m.sentAt).toISOString() })) };
  });

  app.post('/sandbox/subscribe/faults', async (req, reply) => {
    const { failNext, errcode } = (req.body ?? {}) as { failNext?: unknown; errcode?: unknown };
    if (typeof failNext !== 'number' || !Number.isInteger(failNext) || failNext < 0 || failNext > 100) return reply.code(400).send({ message: 'failNext 应为 0-100 的整数', field: 'failNext' });
    if (errcode !== undefined && (typeof errcode !== 'number' || !Number.isInteger(errcode))) return reply.code(400).send({ message: 'errcode 应为整数', field: 'errcode' });
    failNextSends(failNext, errcode ?? -1);
    return { failNext, errcode: errcode ?? -1 };
  });

  // The console's 测试 button of a timer trigger: the function's first timer runs now, as a timer run (no OPENID).
  app.post('/sandbox/timers/run', async (req, reply) => {
    const { function: name, trigger } = (req.body ?? {}) as { function?: unknown; trigger?: unknown };
    if (typeof name !== 'string' || name === '') return reply.code(400).send({ message: '请提供云函数名 function', field: 'function' });
    const triggers = readTimerTriggers(o.functionsDir).filter((t) => t.functionName === name && (trigger === undefined || t.name === trigger));
    const t = triggers[0];
    if (!t) return reply.code(404).send({ message: '该云函数没有定时触发器', field: 'function' });
    const fn = o.loadFunction(name);
    if (!fn) return reply.code(404).send({ message: '云函数不存在', field: 'function' });
    const now = businessClock();
    const event = { Type: 'Timer', TriggerName: t.name, Time: new Date(now).toISOString(), Message: '' };
    const context = { request_id: randomUUID(), function_name: name, function_version: '$LATEST', namespace: LOCAL_ENV, memory_limit_in_mb: 256, time_limit_in_ms: 20000 };
    const result = await runWithContext({ APPID: o.appId, ENV: LOCAL_ENV, SOURCE: 'wx_trigger' }, () => Promise.resolve(fn.main(event, context)));
    return { function: name, trigger: t.name, result: result ?? null };
  });
}
