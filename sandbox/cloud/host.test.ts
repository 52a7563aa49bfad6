import Fastify, { type FastifyInstance } from 'fastify';
import { hospitalInstant } from '../../miniprogram/core/time';
import { ok, startFakeFrontMachine, type FakeFrontMachine } from '../../cloudfunctions/testing/fake-front-machine';
import Module from 'node:module';
import { join } from 'node:path';
import { installSdkAlias, startLocalCloud, type RunningLocalCloud } from './host';
import * as cloud from './wx-server-sdk';

const KEY = 'host-test-key';

let fm: FakeFrontMachine;
let hospital: FastifyInstance;
let hospitalUrl: string;
let clockBodies: unknown[];
let hospitalAccepts: boolean;
let host: RunningLocalCloud;

beforeEach(async () => {
  fm = await startFakeFrontMachine({ key: KEY });
  clockBodies = [];
  hospitalAccepts = true;
  hospital = Fastify({ logger: false });
  hospital.post('/sandbox/clock', async (req, reply) => {
    clockBodies.push(req.body);
    return hospitalAccepts ? { now: 'whatever', frozen: false } : reply.code(400).send({ message: 'now 无效' });
  });
  hospitalUrl = await hospital.listen({ port: 0, host: '127.0.0.1' });
  host = await startLocalCloud({
    port: 0,
    env: { FRONT_MACHINE_URL: fm.url, FRONT_MACHINE_KEY: KEY, LOG_LEVEL: 'silent', HOST_TEST_MARKER: 'set' },
    hospitalUrl,
    functions: {
      boom: {
        main: async () => {
          throw new TypeError('kaboom\n    at secret (/srv/internal.js:1:1)');
        },
      },
      whoami: { main: async () => cloud.getWXContext() },
      nothing: { main: async () => undefined },
      counter: {
        main: async () => {
          const db = cloud.database();
          await db.collection('visits').add({ data: { at: db.serverDate() } });
          return (await db.collection('visits').count()).total;
        },
      },
    },
  });
});

afterEach(async () => {
  await host.close();
  await fm.close();
  await hospital.close();
});

async function callFunction(name: string, body: unknown, openid?: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${host.url}/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid !== undefined ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function postClock(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${host.url}/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

test('GET /health', async () => {
  await expect((await fetch(`${host.url}/health`)).json()).resolves.toEqual({ status: 'ok' });
});

test('a missing or empty openid header is 401 UNAUTHENTICATED', async () => {
  for (const openid of [undefined, '', '   ']) {
    const r = await callFunction('api', { action: 'hospital.info' }, openid);
    expect(r).toEqual({ status: 401, json: { ok: false, code: 'UNAUTHENTICATED', message: '缺少用户身份' } });
  }
});

test('the openid header becomes getWXContext().OPENID of that invocation only', async () => {
  const [a, b] = await Promise.all([callFunction('whoami', {}, 'o-alice'), callFunction('whoami', {}, 'o-bob')]);
  expect(a.json).toMatchObject({ OPENID: 'o-alice', ENV: 'local', SOURCE: 'wx_client' });
  expect(b.json).toMatchObject({ OPENID: 'o-bob' });
});

test('an unknown function is 404 with an errMsg like callFunction’s', async () => {
  for (const name of ['nope', 'common', '..%2Fetc']) {
    const r = await callFunction(name, {}, 'o1');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ errCode: -501000, errMsg: expect.stringContaining('cloud.callFunction:fail') });
  }
});

test('a thrown error is 500 with errMsg and never a stack trace', async () => {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const r = await callFunction('boom', {}, 'o1');
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail. TypeError: kaboom' });
    expect(JSON.stringify(r.json)).not.toContain('/srv/internal.js');
  } finally {
    spy.mockRestore();
  }
});

test('a function answering undefined answers null', async () => {
  expect(await callFunction('nothing', {}, 'o1')).toEqual({ status: 200, json: null });
});

test('functions share the emulated database', async () => {
  cloud.resetDatabase({ collections: 'any' });
  expect((await callFunction('counter', {}, 'o1')).json).toBe(1);
  expect((await callFunction('counter', {}, 'o1')).json).toBe(2);
});

test('the real api function runs against the front machine, signed with the configured key', async () => {
  fm.answer('doctor.get', (req) => ok({ doctorId: req.doctorId, name: '王医生', title: '主任医师', deptId: 'NK', deptName: '儿内科', specialty: '', fee: 2500, intro: '', gender: 'M' }));
  const r = await callFunction('api', { action: 'doctor.get', data: { doctorId: 'DR1' } }, 'o1');
  expect(r).toMatchObject({ status: 200, json: { ok: true, data: { doctorId: 'DR1', name: '王医生' } } });
  const bad = await callFunction('api', { action: 'nope' }, 'o1');
  expect(bad).toEqual({ status: 200, json: { ok: false, code: 'INVALID_INPUT', message: '未知的操作', field: 'action' } });
});

describe('the business clock', () => {
  test('GET answers the current clock, running', async () => {
    const state = (await (await fetch(`${host.url}/sandbox/clock`)).json()) as Record<string, unknown>;
    expect(state.frozen).toBe(false);
    expect(Math.abs(Date.parse(String(state.now)) - Date.now())).toBeLessThan(5000);
  });

  test('POST sets the functions’ clock and forwards the same body to the hospital', async () => {
    const now = hospitalInstant('2026-03-09 23:59:59');
    const r = await postClock({ now, freeze: true });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ now: '2026-03-09T15:59:59.000Z', today: '2026-03-09', frozen: true });
    expect(clockBodies).toEqual([{ now, freeze: true }]);

    fm.answer('schedule.list', () => ok({ schedules: [] }));
    await callFunction('api', { action: 'schedule.list', data: { deptId: 'NK' } }, 'o1');
    expect(fm.calls.at(-1)?.body).toEqual({ deptId: 'NK', from: '2026-03-09', to: '2026-03-15' });

    await postClock({ now: '2026-03-10T00:00:00+08:00', freeze: true });
    await callFunction('api', { action: 'schedule.list', data: { deptId: 'NK' } }, 'o1');
    expect(fm.calls.at(-1)?.body).toEqual({ deptId: 'NK', from: '2026-03-10', to: '2026-03-16' });
  });

  test('without freeze the clock keeps running from the time set', async () => {
    const r = await postClock({ now: '2030-01-01T00:00:00Z' });
    expect(r.json).toMatchObject({ frozen: false, today: '2030-01-01' });
    const later = (await (await fetch(`${host.url}/sandbox/clock`)).json()) as { now: string };
    expect(Date.parse(later.now)).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00Z'));
  });

  test('invalid input is 400 with a Chinese message, and nothing is forwarded', async () => {
    expect(await postClock({ now: 'yesterday-ish' })).toMatchObject({ status: 400, json: { message: expect.stringMatching(/[\u4e00-\u9fff]/) } });
    expect(await postClock({ now: 1, freeze: 'yes' })).toMatchObject({ status: 400 });
    expect(clockBodies).toEqual([]);
  });

  test('when the hospital refuses, the cloud clock stays as it was', async () => {
    hospitalAccepts = false;
    const r = await postClock({ now: '2030-01-01T00:00:00Z', freeze: true });
    expect(r.status).toBe(502);
    const state = (await (await fetch(`${host.url}/sandbox/clock`)).json()) as { frozen: boolean };
    expect(state.frozen).toBe(false);
  });
});

test('close restores the process environment it set', async () => {
  expect(process.env.HOST_TEST_MARKER).toBe('set');
  await host.close();
  expect(process.env.HOST_TEST_MARKER).toBeUndefined();
  host = await startLocalCloud({ port: 0, env: {} });
});

test('under Node’s own resolver (tsx), wx-server-sdk resolves to the emulation', () => {
  installSdkAlias();
  const resolveFilename = (Module as unknown as { _resolveFilename(request: string, parent: unknown, isMain: boolean): string })._resolveFilename;
  expect(resolveFilename('wx-server-sdk', null, false)).toBe(join(__dirname, 'wx-server-sdk', 'index.ts'));
  expect(resolveFilename('node:path', null, false)).toBe('node:path');
});
