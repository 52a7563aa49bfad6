import { database, resetDatabase, runWithContext } from '../../../sandbox/cloud/wx-server-sdk';
import { FM_HEADERS } from '../../../protocol/signature';
import { failure, ok, startFakeFrontMachine, type FakeFrontMachine } from '../../testing/fake-front-machine';
import { idCard } from '../../testing/patient-hospital';
import { main } from './index';

// The function as the cloud runs it: identity from getWXContext, accounts in the (emulated) cloud
// database, a signed front machine over HTTP, configuration from the environment.
const KEY = 'index-test-key';
const ID = idCard('19800101', 123);
let fm: FakeFrontMachine;
let saved: NodeJS.ProcessEnv;

beforeEach(async () => {
  resetDatabase();
  saved = { ...process.env };
  fm = await startFakeFrontMachine({
    key: KEY,
    responders: {
      'patient.register': () => ok({ patientId: 'P7001', sex: 'M', birthDate: '1980-01-01', isNew: true, hasGuardian: false }),
      'patient.qrcode': () => ok({ code: 'HQR1.P7001.1', expiresAt: '2026-03-09T02:05:00.000Z' }),
      'card.get': () => failure('NOT_FOUND', '未找到该就诊卡', 'cardNo'),
    },
  });
  Object.assign(process.env, { FRONT_MACHINE_URL: fm.url, FRONT_MACHINE_KEY: KEY, LOG_LEVEL: 'silent', ID_HMAC_KEY: 'index-test-id-key' });
});
afterEach(async () => {
  process.env = saved;
  await fm.close();
});

const as = (openid: string, event: unknown) => runWithContext({ OPENID: openid }, () => main(event, {}));

test('add as A, stored in accounts/<OPENID>; B is FORBIDDEN from A’s patient without reaching the front machine', async () => {
  const added = await as('o-a', { action: 'patient.add', data: { name: '张小明', idCardNo: ID, phone: '13812345678', relation: '本人' } });
  expect(added).toMatchObject({ ok: true, data: { patientId: 'P7001', patient: { name: '张*明', isDefault: true } } });
  expect(fm.calls.map((c) => c.op)).toEqual(['patient.register']);
  expect(fm.calls[0]?.headers[FM_HEADERS.idempotencyKey]).toMatch(/^patient\.register:[0-9a-f]{64}$/);

  const { data } = await database({ throwOnNotFound: false }).collection('accounts').doc('o-a').get();
  expect(data).toMatchObject({ _id: 'o-a', patients: [{ patientId: 'P7001', nameMasked: '张*明' }] });
  expect(JSON.stringify(data)).not.toContain(ID);

  expect(await as('o-b', { action: 'patient.qrcode', data: { patientId: 'P7001' } })).toEqual({ ok: false, code: 'FORBIDDEN', message: '无权访问该就诊人信息', field: 'patientId' });
  expect(await as('o-a', { action: 'patient.qrcode', data: { patientId: 'P7001' } })).toEqual({ ok: true, data: { code: 'HQR1.P7001.1', expiresAt: '2026-03-09T02:05:00.000Z' } });
  expect(fm.calls.map((c) => c.op)).toEqual(['patient.register', 'patient.qrcode']);
  expect(await as('o-b', { action: 'patient.list', data: {} })).toEqual({ ok: true, data: { patients: [], limit: 5 } });
});

test('without a caller identity nothing runs', async () => {
  expect(await main({ action: 'patient.list', data: {} }, {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
});

test('in production without ID_HMAC_KEY every call is INTERNAL (and logged), never a default key', async () => {
  process.env.NODE_ENV = 'production';
  delete process.env.ID_HMAC_KEY;
  expect(await as('o-a', { action: 'patient.list', data: {} })).toEqual({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
  expect(fm.calls).toEqual([]);
});
