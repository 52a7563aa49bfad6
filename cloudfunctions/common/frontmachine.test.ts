import { createServer, type Server } from 'node:net';
import { AppError } from '../../miniprogram/core/errors';
import { FM_HEADERS } from '../../protocol/signature';
import { DEV_ID_HMAC_KEY, loadCloudConfig } from './config';
import { createFrontMachineClient } from './frontmachine';
import { createLogger } from './logger';
import { failure, ok, startFakeFrontMachine, type FakeFrontMachine } from '../testing/fake-front-machine';

const KEY = 'test-hmac-key';
const UNAVAILABLE = { code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' };

let fm: FakeFrontMachine;
let lines: string[];

beforeEach(async () => {
  lines = [];
  fm = await startFakeFrontMachine({ key: KEY });
});
afterEach(() => fm.close());

function client(env: Record<string, string | undefined> = {}) {
  const config = loadCloudConfig({ PALM_DEV: '1', FRONT_MACHINE_URL: fm.url, FRONT_MACHINE_KEY: KEY, ...env });
  return createFrontMachineClient(config, createLogger({ sink: (l) => lines.push(l) }));
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

test('a signed call is accepted by a verifier using signature.ts and answers the data', async () => {
  fm.answer('doctor.get', (req) => ok({ doctorId: req.doctorId, name: '王医生' }));
  await expect(client().call('doctor.get', { doctorId: 'D001' })).resolves.toEqual({ doctorId: 'D001', name: '王医生' });
  expect(fm.calls).toHaveLength(1);
  expect(fm.calls[0]).toMatchObject({ op: 'doctor.get', path: '/v1/doctor.get', body: { doctorId: 'D001' } });
  // Signed with real time, whatever the business clock says.
  const ts = Number(fm.calls[0]?.headers[FM_HEADERS.timestamp]);
  expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(60);
});

test('a base URL with a path prefix is signed over the full path', async () => {
  const config = loadCloudConfig({ PALM_DEV: '1', FRONT_MACHINE_URL: `${fm.url}/`, FRONT_MACHINE_KEY: KEY });
  fm.answer('hospital.info', () => ok({ name: 'x' }));
  await expect(createFrontMachineClient(config, createLogger({ sink: () => undefined })).call('hospital.info', {})).resolves.toEqual({ name: 'x' });
});

test('the idempotency key travels in its header', async () => {
  fm.answer('dept.list', () => ok({ departments: [] }));
  await client().call('dept.list', {}, { idempotencyKey: 'order-42' });
  expect(fm.calls[0]?.headers[FM_HEADERS.idempotencyKey]).toBe('order-42');
});

test('business failures pass through as the front machine answered them', async () => {
  fm.answer('doctor.get', () => failure('NOT_FOUND', '未找到该医生', 'doctorId'));
  const e = await caught(client().call('doctor.get', { doctorId: 'NOPE' }));
  expect(e.toFailure()).toEqual({ ok: false, code: 'NOT_FOUND', message: '未找到该医生', field: 'doctorId' });
});

test('a wrong key (401) is HOSPITAL_UNAVAILABLE and logged loudly as a misconfiguration', async () => {
  fm.answer('hospital.info', () => ok({}));
  const e = await caught(client({ FRONT_MACHINE_KEY: 'wrong-key' }).call('hospital.info', {}));
  expect(e).toMatchObject(UNAVAILABLE);
  const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(logged.some((l) => l.level === 'error' && String(l.msg).includes('misconfigured') && l.outage === 'unauthorized')).toBe(true);
  expect(lines.join('\n')).not.toContain('wrong-key');
});

test('a missing key fails every call loudly without sending anything', async () => {
  const e = await caught(client({ FRONT_MACHINE_KEY: '' }).call('hospital.info', {}));
  expect(e).toMatchObject(UNAVAILABLE);
  expect(fm.calls).toHaveLength(0);
  expect(lines.some((l) => l.includes('"level":"error"') && l.includes('not_configured'))).toBe(true);
});

test('a timeout is HOSPITAL_UNAVAILABLE', async () => {
  let release: () => void = () => undefined;
  fm.answer('hospital.info', () => new Promise((r) => (release = () => r(ok({}))) as never));
  const e = await caught(client({ FRONT_MACHINE_TIMEOUT_MS: '100' }).call('hospital.info', {}));
  expect(e).toMatchObject(UNAVAILABLE);
  expect(lines.some((l) => l.includes('"outage":"timeout"'))).toBe(true);
  release();
});

test('a refused connection is HOSPITAL_UNAVAILABLE', async () => {
  // Take a free port and close it again, so nothing listens there.
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  const e = await caught(client({ FRONT_MACHINE_URL: `http://127.0.0.1:${port}` }).call('hospital.info', {}));
  expect(e).toMatchObject(UNAVAILABLE);
  expect(lines.some((l) => l.includes('"outage":"connection"'))).toBe(true);
});

test.each([
  ['a 5xx', { status: 502, body: { ok: false, code: 'INTERNAL', message: 'x' } }],
  ['an unparsable body', { status: 200, body: '<html>gateway</html>' }],
  ['a body that is not a Result', { status: 200, body: { hello: 'world' } }],
  ['an unknown error code', { status: 200, body: { ok: false, code: 'TEAPOT', message: 'x' } }],
  ['UNAUTHENTICATED without 401', { status: 200, body: { ok: false, code: 'UNAUTHENTICATED', message: 'x' } }],
])('%s is HOSPITAL_UNAVAILABLE', async (_name, answer) => {
  fm.answer('hospital.info', () => answer);
  await expect(caught(client().call('hospital.info', {}))).resolves.toMatchObject(UNAVAILABLE);
});

test('configuration defaults', () => {
  expect(loadCloudConfig({ PALM_DEV: '1' })).toEqual({ frontMachineUrl: 'http://127.0.0.1:7102', frontMachineKey: undefined, frontMachineTimeoutMs: 8000, idHmacKey: DEV_ID_HMAC_KEY });
  expect(loadCloudConfig({ PALM_DEV: '1', FRONT_MACHINE_TIMEOUT_MS: 'abc' }).frontMachineTimeoutMs).toBe(8000);
  expect(loadCloudConfig({ PALM_DEV: '1', FRONT_MACHINE_URL: 'https://fm.example/api/' }).frontMachineUrl).toBe('https://fm.example/api');
});

test('a call waits no longer than the function’s budget leaves, and none starts without time left', async () => {
  fm.answer('doctor.get', () => new Promise(() => undefined));
  const config = loadCloudConfig({ PALM_DEV: '1', FRONT_MACHINE_URL: fm.url, FRONT_MACHINE_KEY: KEY });
  const budgeted = createFrontMachineClient(config, createLogger({ sink: (l) => lines.push(l) }), { deadlineAt: Date.now() + 800, minMs: 100 });
  expect(await caught(budgeted.call('doctor.get', { doctorId: 'D001' }))).toMatchObject({ code: 'HOSPITAL_UNAVAILABLE' });
  // The call's own timeout was what the budget left (under 0.8 s), not the configured 8 s.
  const waited = Number(/no answer within (\d+) ms/.exec(lines.join('\n'))?.[1]);
  expect(waited).toBeGreaterThan(0);
  expect(waited).toBeLessThanOrEqual(800);
  const calls = fm.calls.length;
  expect(await caught(budgeted.call('doctor.get', { doctorId: 'D002' }))).toMatchObject({ code: 'HOSPITAL_UNAVAILABLE' });
  expect(fm.calls.length).toBe(calls);
  expect(lines.some((l) => l.includes("no time left in the function's budget"))).toBe(true);
});
