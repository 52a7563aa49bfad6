import type { FastifyInstance } from 'fastify';
import { FM_HEADERS } from '../../protocol/signature';
import { createApp } from './app';
import { NONCE_KEEP_MS } from './auth';
import { Metrics } from './metrics';
import { SqliteStore } from './store';
import { listen, request } from '../testing/http';
import { signHeaders, TEST_KEY } from '../testing/signed';
import { StubHospital } from '../testing/stub-hospital';

// A fixed "real" clock: tests move it instead of waiting.
const T0 = Date.UTC(2026, 10, 26, 1, 30, 0);

describe('authentication', () => {
  let now: number;
  let app: FastifyInstance;
  let store: SqliteStore;
  let metrics: Metrics;
  let hospital: StubHospital;
  let url: string;

  beforeEach(async () => {
    now = T0;
    store = new SqliteStore(':memory:');
    metrics = new Metrics();
    hospital = new StubHospital();
    app = createApp({ hmacKey: TEST_KEY, hospital, clock: () => now, store, metrics });
    url = await listen(app);
  });
  afterEach(async () => {
    await app.close();
    store.close();
  });

  const PATH = '/v1/hospital.info';
  const post = (headers: Record<string, string>, payload = '{}', path = PATH, method: 'POST' | 'GET' = 'POST') =>
    request(url, method, path, headers, payload);

  function expectRefused(res: { statusCode: number; json(): unknown }, reason: string) {
    expect(res.statusCode).toBe(401);
    const body = res.json() as { ok: boolean; code: string; message: string; reason: string };
    expect(body).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', reason });
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
  }

  it('accepts a valid signature and answers the operation', async () => {
    const res = await post(signHeaders(PATH, '{}', now));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, data: { name: '星河儿童医院' } });
    expect(hospital.calls).toEqual(['hospitalInfo']);
  });

  it('refuses a request without any signature headers as unsigned', async () => {
    expectRefused(await post({ 'content-type': 'application/json' }), 'unsigned');
    expect(hospital.calls).toEqual([]);
  });

  it.each([FM_HEADERS.timestamp, FM_HEADERS.nonce, FM_HEADERS.signature])('refuses a request missing %s as unsigned', async (name) => {
    const headers = signHeaders(PATH, '{}', now);
    delete headers[name];
    expectRefused(await post(headers), 'unsigned');
  });

  it('refuses a garbage signature', async () => {
    expectRefused(await post({ ...signHeaders(PATH, '{}', now), [FM_HEADERS.signature]: 'ab'.repeat(32) }), 'bad_signature');
    expectRefused(await post({ ...signHeaders(PATH, '{}', now), [FM_HEADERS.signature]: 'not-hex' }), 'bad_signature');
  });

  it('refuses a request signed with another key', async () => {
    expectRefused(await post(signHeaders(PATH, '{}', now, { key: 'some-other-key-0123456789' })), 'bad_signature');
  });

  it('refuses a tampered body', async () => {
    const headers = signHeaders('/v1/doctor.get', '{"doctorId":"D001"}', now);
    expectRefused(await post(headers, '{"doctorId":"D002"}', '/v1/doctor.get'), 'bad_signature');
    // Even whitespace counts: the signature covers the bytes, not the JSON meaning.
    expectRefused(await post(headers, '{"doctorId": "D001"}', '/v1/doctor.get'), 'bad_signature');
  });

  it('refuses a signature made for another path or another method', async () => {
    expectRefused(await post(signHeaders('/v1/dept.list', '{}', now)), 'bad_signature');
    expectRefused(await post(signHeaders(`${PATH}?x=1`, '{}', now)), 'bad_signature');
    expectRefused(await post(signHeaders(PATH, '{}', now, { method: 'PUT' })), 'bad_signature');
  });

  it('signs the query string as part of the path', async () => {
    const res = await post(signHeaders('/v1/nope?x=1', '{}', now), '{}', '/v1/nope?x=1');
    expect(res.statusCode).toBe(404); // authenticated, then not found
  });

  it.each([301, -301, 100_000])('refuses a timestamp %i s away from the server clock', async (skew) => {
    const timestamp = String(Math.floor(now / 1000) + skew);
    expectRefused(await post(signHeaders(PATH, '{}', now, { timestamp })), 'stale_timestamp');
  });

  it('refuses a timestamp that is not a number as stale', async () => {
    expectRefused(await post(signHeaders(PATH, '{}', now, { timestamp: '2026-11-26T01:30:00Z' })), 'stale_timestamp');
  });

  it.each([299, -299, 300, -300])('accepts a timestamp %i s away', async (skew) => {
    const timestamp = String(Math.floor(now / 1000) + skew);
    expect((await post(signHeaders(PATH, '{}', now, { timestamp }))).statusCode).toBe(200);
  });

  it('refuses a replayed nonce, even with a fresh timestamp and a valid signature', async () => {
    expect((await post(signHeaders(PATH, '{}', now, { nonce: 'n-1' }))).statusCode).toBe(200);
    expectRefused(await post(signHeaders(PATH, '{}', now, { nonce: 'n-1' })), 'replayed_nonce');
    now += 200_000;
    expectRefused(await post(signHeaders(PATH, '{}', now, { nonce: 'n-1' })), 'replayed_nonce');
    expect(hospital.calls).toEqual(['hospitalInfo']);
  });

  it('does not burn the nonce of a refused request', async () => {
    expectRefused(await post({ ...signHeaders(PATH, '{}', now, { nonce: 'n-2' }), [FM_HEADERS.signature]: 'ab'.repeat(32) }), 'bad_signature');
    const stale = String(Math.floor(now / 1000) - 400);
    expectRefused(await post(signHeaders(PATH, '{}', now, { nonce: 'n-2', timestamp: stale })), 'stale_timestamp');
    expect((await post(signHeaders(PATH, '{}', now, { nonce: 'n-2' }))).statusCode).toBe(200);
  });

  it('remembers nonces for twice the window, then prunes them', async () => {
    expect((await post(signHeaders(PATH, '{}', now, { nonce: 'n-3' }))).statusCode).toBe(200);
    expect(store.nonceCount()).toBe(1);
    now += NONCE_KEEP_MS - 1;
    store.prune(now);
    expect(store.nonceCount()).toBe(1);
    now += 1;
    store.prune(now);
    expect(store.nonceCount()).toBe(0);
    expect(NONCE_KEEP_MS).toBeGreaterThanOrEqual(2 * 300 * 1000);
  });

  it('authenticates before routing: unknown paths are refused when unsigned, 404 when signed', async () => {
    expectRefused(await post({}, '{}', '/v1/no.such.operation'), 'unsigned');
    expectRefused(await post({}, '', '/admin', 'GET'), 'unsigned');
    const res = await post(signHeaders('/v1/no.such.operation', '{}', now), '{}', '/v1/no.such.operation');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const proto = await post(signHeaders('/v1/toString', '{}', now), '{}', '/v1/toString');
    expect(proto.statusCode).toBe(404);
  });

  it('serves GET /health without authentication and counts refusals by reason', async () => {
    await post({});
    await post(signHeaders(PATH, '{}', now, { key: 'wrong-key-wrong-key' }));
    await post(signHeaders(PATH, '{}', now, { timestamp: '1' }));
    await post(signHeaders(PATH, '{}', now, { nonce: 'n-4' }));
    await post(signHeaders(PATH, '{}', now, { nonce: 'n-4' }));
    const res = await request(url, 'GET', '/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, version: expect.any(String) });
    expect(metrics.snapshot().refusals).toEqual({ unsigned: 1, bad_signature: 1, stale_timestamp: 1, replayed_nonce: 1 });
  });
});
