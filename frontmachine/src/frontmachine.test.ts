/** The whole front machine on a port, in front of a fake HSB: signed JSON in, HSB XML out. */
import { createLogger } from './logger';
import { loadConfig, startFrontMachine, type RunningFrontMachine } from './index';
import { fields, startFakeHsb, type FakeHsb } from '../testing/fake-hsb';
import { request } from '../testing/http';
import { signHeaders, TEST_KEY } from '../testing/signed';

const HOSPITAL_XML = `<Hospital>${fields({ HospitalName: '星河儿童医院', Level: '三级甲等', Address: '星河路1号', Phone: '020-1', Intro: '简介', Hours: '全天', Traffic: '地铁' })}</Hospital>`;
const DEPTS_XML = `<Departments><Department>${fields({ DeptCode: '01', DeptName: '儿内科', ParentCode: '', Intro: '', Location: '门诊楼2楼' })}</Department></Departments>`;

describe('front machine', () => {
  let fake: FakeHsb;
  let fm: RunningFrontMachine;
  let lines: Array<Record<string, unknown>>;

  beforeEach(async () => {
    fake = await startFakeHsb((call) => {
      if (call.service === 'GetHospitalInfo') return { bodyXml: HOSPITAL_XML };
      if (call.service === 'QueryDepartments') return { bodyXml: DEPTS_XML };
      if (call.service === 'QueryDoctors') return { code: '1001', message: '科室不存在' };
      return { code: '9999', message: '系统繁忙' };
    });
    lines = [];
    const logger = createLogger('info', { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
    const config = loadConfig({ PALM_DEV: '1', FM_PORT: '0', FM_HMAC_KEY: TEST_KEY, HSB_URL: fake.url, HSB_TIMEOUT_MS: '1000' }, () => {});
    fm = await startFrontMachine(config, { logger });
  });
  afterEach(async () => {
    await fm.close();
    await fake.close();
  });

  const call = (operation: string, data: unknown = {}) => {
    const path = `/v1/${operation}`;
    const body = JSON.stringify(data);
    return request(fm.url, 'POST', path, signHeaders(path, body, Date.now()), body);
  };

  it('listens on 127.0.0.1 at a random port', () => {
    expect(fm.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fm.url).not.toMatch(/:7102$/);
  });

  it('answers an operation from the HSB, then from its cache', async () => {
    const first = await call('hospital.info');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      ok: true,
      data: {
        name: '星河儿童医院',
        level: '三级甲等',
        address: '星河路1号',
        phone: '020-1',
        intro: '简介',
        hours: '全天',
        traffic: '地铁',
        // An HSB that says nothing of its booking rules gets the default booking rules (docs/architecture.md#booking-rules).
        bookingRules: { payAtBooking: false, maxActiveAppointments: 3, holdMinutes: 10 },
      },
    });
    const second = await call('hospital.info');
    expect(second.text).toBe(first.text);
    expect(fake.calls.map((c) => c.service)).toEqual(['GetHospitalInfo']);
    expect(fm.metrics.snapshot()).toMatchObject({ hsb: { calls: 1, errors: 0 }, cache: { hits: 1, misses: 1 } });
  });

  it('lists departments flat', async () => {
    expect((await call('dept.list')).json()).toEqual({
      ok: true,
      data: { departments: [{ deptId: '01', name: '儿内科', parentId: null, intro: '', location: '门诊楼2楼' }] },
    });
  });

  it('passes NOT_FOUND through with its field, as a business answer (HTTP 200)', async () => {
    const res = await call('doctor.list', { deptId: 'X9' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: false, code: 'NOT_FOUND', message: '科室不存在', field: 'deptId' });
  });

  it('answers HOSPITAL_UNAVAILABLE for 9999 and counts the error', async () => {
    const res = await call('schedule.list', { deptId: '01', from: '2026-11-26', to: '2026-11-26' });
    expect(res.json()).toEqual({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' });
    expect(fm.metrics.snapshot().hsb).toMatchObject({ calls: 1, errors: 1 });
  });

  it('answers HOSPITAL_UNAVAILABLE after HSB_TIMEOUT_MS and counts the timeout', async () => {
    fake.script = () => ({ hang: true });
    const res = await call('dept.list');
    expect(res.json()).toMatchObject({ ok: false, code: 'HOSPITAL_UNAVAILABLE' });
    expect(fm.metrics.snapshot().hsb).toMatchObject({ calls: 1, errors: 1, timeouts: 1 });
    fake.releaseHanging();
  });

  describe('input checks', () => {
    const cases: Array<[string, unknown, string, RegExp]> = [
      ['doctor.list', {}, 'deptId', /请填写科室编号/],
      ['doctor.list', { deptId: '' }, 'deptId', /请填写/],
      ['doctor.list', { deptId: 'a b' }, 'deptId', /格式不正确/],
      ['doctor.list', { deptId: 'x'.repeat(41) }, 'deptId', /格式不正确/],
      ['doctor.list', { deptId: 42 }, 'deptId', /应为文字/],
      ['doctor.get', { doctorId: '../etc' }, 'doctorId', /格式不正确/],
      ['doctor.get', { doctorId: 'D1', extra: 1 }, 'extra', /不支持的参数/],
      ['dept.list', { deptId: '01' }, 'deptId', /不支持的参数/],
      ['schedule.list', { from: '2026-11-26', to: '2026-11-26' }, 'deptId', /请选择科室或医生/],
      ['schedule.list', { deptId: '01', doctorId: 'D1', from: '2026-11-26', to: '2026-11-26' }, 'doctorId', /只能选择其一/],
      ['schedule.list', { deptId: '01', to: '2026-11-26' }, 'from', /请填写开始日期/],
      ['schedule.list', { deptId: '01', from: '2026-02-30', to: '2026-03-01' }, 'from', /有效日期/],
      ['schedule.list', { deptId: '01', from: '2026-11-26', to: '26/11/2026' }, 'to', /有效日期/],
      ['schedule.list', { deptId: '01', from: '2026-11-26', to: '2026-11-25' }, 'to', /不能早于/],
      ['schedule.list', { deptId: '01', from: '2026-11-26', to: '2026-12-03' }, 'to', /最多查询7天/],
    ];
    it.each(cases)('%s %j → INVALID_INPUT on %s', async (operation, data, field, message) => {
      const res = await call(operation, data);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { ok: boolean; code: string; field: string; message: string };
      expect(body).toMatchObject({ ok: false, code: 'INVALID_INPUT', field });
      expect(body.message).toMatch(message);
      expect(fake.calls).toHaveLength(0);
    });

    it('accepts a 7-day range, across a month end', async () => {
      fake.script = () => ({ bodyXml: '<Schedules/>' });
      const res = await call('schedule.list', { doctorId: 'D1', from: '2026-11-27', to: '2026-12-03' });
      expect(res.json()).toEqual({ ok: true, data: { schedules: [] } });
    });

    it('refuses a body that is not JSON', async () => {
      const path = '/v1/dept.list';
      const res = await request(fm.url, 'POST', path, signHeaders(path, '{oops', Date.now()), '{oops');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'body' });
    });

    it('refuses a body over the size limit before reading it', async () => {
      const path = '/v1/dept.list';
      const big = JSON.stringify({ pad: 'x'.repeat(300 * 1024) });
      const res = await request(fm.url, 'POST', path, signHeaders(path, big, Date.now()), big);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请求内容过大' });
    });

    it('takes an empty body as no parameters', async () => {
      const path = '/v1/dept.list';
      const res = await request(fm.url, 'POST', path, signHeaders(path, '', Date.now()), '');
      expect(res.json()).toMatchObject({ ok: true });
    });
  });

  describe('GET /health and GET /metrics', () => {
    it('/health needs no signature and says only {ok, version}', async () => {
      const res = await request(fm.url, 'GET', '/health');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    });

    it('/metrics needs the signature and reports the operators’ numbers', async () => {
      await call('hospital.info');
      await call('hospital.info');
      await request(fm.url, 'POST', '/v1/hospital.info', {}, '{}');
      expect((await request(fm.url, 'GET', '/metrics')).statusCode).toBe(401);
      const res = await request(fm.url, 'GET', '/metrics', signHeaders('/metrics', '', Date.now(), { method: 'GET' }));
      expect(res.statusCode).toBe(200);
      const health = (res.json() as { data: Record<string, unknown> }).data;
      expect(health).toMatchObject({
        status: 'ok',
        hsb: { calls: 1, errors: 0, timeouts: 0 },
        cache: { hits: 1, misses: 1 },
        refusals: { unsigned: 2, bad_signature: 0, stale_timestamp: 0, replayed_nonce: 0 },
      });
      expect(typeof health.uptimeS).toBe('number');
      const hsb = health.hsb as { p50Ms: number; p99Ms: number };
      expect(hsb.p50Ms).toBeGreaterThanOrEqual(0);
      expect(hsb.p99Ms).toBeGreaterThanOrEqual(hsb.p50Ms);
      expect(health).toEqual(JSON.parse(JSON.stringify(fm.metrics.snapshot())));
    });

    it('answers HEAD for load balancers', async () => {
      expect((await request(fm.url, 'HEAD', '/health')).statusCode).toBe(200);
    });
  });

  describe('logs', () => {
    it('writes one line per request and one per HSB call, without bodies or the key', async () => {
      await call('hospital.info');
      await call('doctor.list', { deptId: 'X9' });
      await request(fm.url, 'POST', '/v1/dept.list', {}, '{}');
      const requests = lines.filter((l) => l.msg === 'request');
      expect(requests.map((l) => [l.operation, l.status, l.outcome, l.hsbCalls])).toEqual([
        ['hospital.info', 200, 'ok', 1],
        ['doctor.list', 200, 'NOT_FOUND', 1],
        [undefined, 401, 'unsigned', 0],
      ]);
      for (const l of requests) expect(typeof l.durationMs).toBe('number');
      const hsbCalls = lines.filter((l) => l.msg === 'hsb call');
      expect(hsbCalls.map((l) => [l.service, l.resultCode])).toEqual([
        ['GetHospitalInfo', '0'],
        ['QueryDoctors', '1001'],
      ]);
      for (const l of hsbCalls) expect(typeof l.durationMs).toBe('number');
      const all = JSON.stringify(lines);
      expect(all).not.toContain(TEST_KEY);
      expect(all).not.toContain('星河儿童医院');
    });

    it('masks personal fields wherever they appear, and hides guardians and check-in codes', () => {
      const captured: string[] = [];
      const logger = createLogger('info', { write: (s: string) => void captured.push(s) });
      logger.info(
        {
          patient: { name: '张小明', idCardNo: '11010519491231002X', phone: '13812341234', cardNo: '9100000001' },
          phone: '13900000000',
          hsb: { Body: { PatientName: '李华', IdCardNo: '440305201506150024', Phone: '13700001111', GuardianName: '李大山' } },
          deep: { a: { b: { guardian: { name: '王五', idCardNo: '110105199003071239' }, qrCode: 'PHQR1.P1.1.sig' } } },
        },
        'x',
      );
      const text = captured.join('');
      const secrets = ['张小明', '11010519491231002X', '13812341234', '9100000001', '13900000000', '李华', '440305201506150024', '13700001111', '李大山', '王五', '110105199003071239', 'PHQR1'];
      for (const secret of secrets) expect(text).not.toContain(secret);
      const line = JSON.parse(text) as Record<string, Record<string, unknown>>;
      expect(line.patient).toEqual({ name: '张*明', idCardNo: '110***********002X', phone: '138****1234', cardNo: '910***0001' });
      expect(line.phone).toBe('139****0000');
      expect(line.hsb).toEqual({ Body: { PatientName: '李*', IdCardNo: '440***********0024', Phone: '137****1111', GuardianName: '李*山' } });
      expect(line.deep).toEqual({ a: { b: { guardian: '[REDACTED]', qrCode: '[REDACTED]' } } });
    });

    it('hides bill items (health data), in the app’s shape and the HSB’s', () => {
      const captured: string[] = [];
      createLogger('info', { write: (s: string) => void captured.push(s) }).info(
        {
          bill: { billId: 'SF10000001', items: [{ name: '布洛芬混悬液', spec: '100ml:2g' }] },
          result: { bills: [{ billId: 'SF10000002', items: [{ name: '血常规' }] }] },
          hsb: { Body: { Bills: { Bill: { Items: { Item: [{ ItemName: '胸部正位片' }] } } } } },
          line: { itemName: '孟鲁司特钠咀嚼片', ItemName: '蒙脱石散' },
        },
        'x',
      );
      const text = captured.join('');
      for (const secret of ['布洛芬', '血常规', '胸部正位片', '孟鲁司特', '蒙脱石']) expect(text).not.toContain(secret);
      expect(JSON.parse(text)).toEqual({
        ...JSON.parse(text),
        bill: { billId: 'SF10000001', items: '[REDACTED]' },
        result: { bills: '[REDACTED]' },
        hsb: { Body: { Bills: '[REDACTED]' } },
        line: { itemName: '[REDACTED]', ItemName: '[REDACTED]' },
      });
    });

    it('hides a personal key whose value is not text', () => {
      const captured: string[] = [];
      createLogger('info', { write: (s: string) => void captured.push(s) }).info({ idCardNo: 11010519491231, name: { given: '小明' } }, 'x');
      expect(JSON.parse(captured.join(''))).toMatchObject({ idCardNo: '[REDACTED]', name: '[REDACTED]' });
    });
  });
});
