import type { QuerySchedulesResponse } from '../../typings/hsb';
import { startHospital } from './server';
import type { RunningHospital } from './server';
import { buildRequest, parseEnvelope } from './xml';

const DAY = 24 * 60 * 60 * 1000;

describe('the sandbox hospital over HTTP', () => {
  let running: RunningHospital;
  beforeEach(async () => {
    running = await startHospital({ port: 0, now: '2026-11-26T01:30:00Z' });
  });
  afterEach(() => running.close());

  const postXml = (xml: string, contentType = 'application/xml') =>
    fetch(`${running.url}/hsb`, { method: 'POST', headers: { 'content-type': contentType }, body: xml });
  const json = (method: string, path: string, body?: unknown) =>
    fetch(`${running.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('listens on 127.0.0.1 at a random port and answers /health', async () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${running.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', seed: 20221, today: '2026-11-26' });
  });

  it('answers POST /hsb with an XML envelope as application/xml; charset=utf-8', async () => {
    const res = await postXml(buildRequest('QueryDepartments', 'http-1', '2026-11-26 09:30:00'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const envelope = parseEnvelope(await res.text());
    expect(envelope.Header).toMatchObject({ ServiceName: 'QueryDepartments', MessageId: 'http-1', ResultCode: '0', SourceSystem: 'HSB' });
  });

  it.each([['text/xml'], ['text/plain'], ['application/octet-stream']])('reads the envelope whatever the content type (%s)', async (type) => {
    const res = await postXml(buildRequest('GetHospitalInfo', 'ct', '2026-11-26 09:30:00'), type);
    expect(parseEnvelope(await res.text()).Header.ResultCode).toBe('0');
  });

  it.each([
    ['malformed XML', '<Message><Header>', 'application/xml'],
    ['JSON', '{"ServiceName":"GetHospitalInfo"}', 'application/json'],
    ['an unknown service', buildRequest('DropTables', 'x', '2026-11-26 09:30:00'), 'application/xml'],
  ])('answers %s with HTTP 200 and a 1002 envelope, never a stack trace', async (_label, body, type) => {
    const res = await postXml(body, type);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.ts|Error:/);
    expect(parseEnvelope(text).Header.ResultCode).toBe('1002');
  });

  it('answers an oversized message with a 1002 envelope', async () => {
    const res = await postXml(`<Message>${'x'.repeat(1_100_000)}</Message>`);
    expect(res.status).toBe(200);
    expect(parseEnvelope(await res.text()).Header.ResultCode).toBe('1002');
  });

  describe('clock control', () => {
    it('shows and sets the clock; frozen stays put, advanceMs moves the window', async () => {
      expect(await (await json('GET', '/sandbox/clock')).json()).toMatchObject({ today: '2026-11-26', frozen: false });
      const set = await json('POST', '/sandbox/clock', { now: '2026-12-01T02:00:00Z', freeze: true });
      expect(set.status).toBe(200);
      expect(await set.json()).toEqual({ now: '2026-12-01T02:00:00.000Z', today: '2026-12-01', hospitalTime: '2026-12-01 10:00:00', frozen: true });
      expect(await (await json('POST', '/sandbox/clock', { advanceMs: DAY })).json()).toMatchObject({ today: '2026-12-02', frozen: true });
      expect(await (await json('POST', '/sandbox/clock', { now: Date.UTC(2026, 11, 5, 16, 30) })).json()).toMatchObject({ today: '2026-12-06', frozen: true });
      const res = await postXml(buildRequest('QuerySchedules', 'w', 'x', { DeptCode: '0100', BeginDate: '2026-01-01', EndDate: '2027-01-01' }));
      const body = parseEnvelope(await res.text()).Body as QuerySchedulesResponse;
      const dates = new Set(body.Schedules.Schedule.map((s) => s.ClinicDate));
      expect([...dates].sort()[0]).toBe('2026-12-06');
      expect(await (await json('POST', '/sandbox/clock', { freeze: false })).json()).toMatchObject({ frozen: false, today: '2026-12-06' });
    });

    it.each([
      [{ now: 'next tuesday' }, 'now'],
      [{ now: '2026-11-26T01:30:00Z', advanceMs: 5 }, 'advanceMs'],
      [{ advanceMs: 1.5 }, 'advanceMs'],
      [{ freeze: 'yes' }, 'freeze'],
      [{}, 'now'],
      [{ when: 'now' }, 'when'],
      [[1, 2], 'body'],
    ])('refuses %j with 400 naming the field in Chinese', async (body, field) => {
      const res = await json('POST', '/sandbox/clock', body);
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { message: string; field: string };
      expect(answer.field).toBe(field);
      expect(answer.message).toMatch(/[\u4e00-\u9fa5]/);
      if (field !== 'body') expect(answer.message).toContain(field);
    });

    it('refuses a body that is not JSON with 400 in Chinese', async () => {
      const res = await json('POST', '/sandbox/clock', '{now:');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ message: '请求体不是有效的JSON', field: 'body' });
    });
  });

  describe('fault control', () => {
    it('sets, lists and clears faults, which then shape /hsb answers', async () => {
      const set = await json('POST', '/sandbox/faults', { service: 'GetHospitalInfo', mode: 'error' });
      expect(await set.json()).toEqual({ faults: [{ service: 'GetHospitalInfo', mode: 'error', rate: 1, delayMs: 3000 }] });
      await json('POST', '/sandbox/faults', { service: '*', mode: 'slow', rate: 0.25, delayMs: 10 });
      expect(((await (await json('GET', '/sandbox/faults')).json()) as { faults: unknown[] }).faults).toHaveLength(2);
      const faulted = await postXml(buildRequest('GetHospitalInfo', 'f', 'x'));
      expect(parseEnvelope(await faulted.text()).Header).toMatchObject({ ResultCode: '9999', ResultMessage: '系统繁忙' });
      expect(await (await json('DELETE', '/sandbox/faults')).json()).toEqual({ faults: [] });
      expect(parseEnvelope(await (await postXml(buildRequest('GetHospitalInfo', 'g', 'x'))).text()).Header.ResultCode).toBe('0');
    });

    it.each([
      [{ service: 'Nope', mode: 'error' }, 'service'],
      [{ mode: 'error' }, 'service'],
      [{ service: '*', mode: 'explode' }, 'mode'],
      [{ service: '*', mode: 'error', rate: 1.5 }, 'rate'],
      [{ service: '*', mode: 'slow', delayMs: -1 }, 'delayMs'],
    ])('refuses %j with 400 naming the field', async (body, field) => {
      const res = await json('POST', '/sandbox/faults', body);
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { message: string; field: string };
      expect(answer.field).toBe(field);
      expect(answer.message).toContain(field);
    });

    it('timeout: the request hangs until close, which ends it', async () => {
      await json('POST', '/sandbox/faults', { service: 'QueryDepartments', mode: 'timeout' });
      const hanging = postXml(buildRequest('QueryDepartments', 't', 'x')).then(
        () => 'answered',
        () => 'connection ended',
      );
      while ((running.hospital.stats.snapshot().calls.QueryDepartments ?? 0) === 0) await new Promise((r) => setTimeout(r, 5));
      await running.close();
      expect(await hanging).toBe('connection ended');
    });
  });

  it('counts calls in /sandbox/stats and resets them', async () => {
    await postXml(buildRequest('QueryDepartments', 's1', 'x'));
    await postXml(buildRequest('QueryDepartments', 's2', 'x'));
    await postXml(buildRequest('QueryDoctors', 's3', 'x', { DeptCode: '0101' }));
    expect(await (await json('GET', '/sandbox/stats')).json()).toEqual({ calls: { QueryDepartments: 2, QueryDoctors: 1 } });
    expect(await (await json('POST', '/sandbox/stats/reset')).json()).toEqual({ calls: {} });
    expect(await (await json('GET', '/sandbox/stats')).json()).toEqual({ calls: {} });
  });

  it('answers unknown routes with 404 in Chinese', async () => {
    const res = await json('GET', '/sandbox/nothing');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toContain('接口不存在');
  });
});
