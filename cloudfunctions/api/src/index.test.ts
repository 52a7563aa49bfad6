import { database, resetDatabase, runWithContext } from '../../../sandbox/cloud/wx-server-sdk';
import { COLLECTION_NAMES } from '../../common/collections';
import { FM_HEADERS } from '../../../protocol/signature';
import { failure, ok, startFakeFrontMachine, type FakeFrontMachine } from '../../testing/fake-front-machine';
import { idCard } from '../../testing/patient-hospital';
import { main } from './index';
import { PRIVACY_GUIDE_VERSION } from '../../../miniprogram/core/privacy';

// The function as the cloud runs it: identity from getWXContext, accounts in the (emulated) cloud
// database, a signed front machine over HTTP, configuration from the environment.
const KEY = 'index-test-key';
const ID = idCard('19800101', 123);
let fm: FakeFrontMachine;
let saved: NodeJS.ProcessEnv;

beforeEach(async () => {
  resetDatabase({ collections: COLLECTION_NAMES });
  saved = { ...process.env };
  fm = await startFakeFrontMachine({
    key: KEY,
    responders: {
      'patient.sendCode': () => ok({ challengeId: 'VC1001', sentTo: '138****5678', expiresAt: '2099-03-09T02:05:00.000Z', resendAfter: '2099-03-09T02:01:00.000Z' }),
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
  const person = { name: '张小明', idCardNo: ID, phone: '13812345678' };
  expect(await as('o-a', { action: 'privacy.consent', data: { version: PRIVACY_GUIDE_VERSION } })).toMatchObject({ ok: true });
  expect(await as('o-a', { action: 'patient.sendCode', data: person })).toMatchObject({ ok: true, data: { challengeId: 'VC1001', sentTo: '138****5678' } });
  const added = await as('o-a', { action: 'patient.add', data: { ...person, relation: '本人', challengeId: 'VC1001', smsCode: '123456' } });
  expect(added).toMatchObject({ ok: true, data: { patientId: 'P7001', patient: { name: '张*明', isDefault: true } } });
  expect(fm.calls.map((c) => c.op)).toEqual(['patient.sendCode', 'patient.register']);
  expect(fm.calls[1]?.headers[FM_HEADERS.idempotencyKey]).toMatch(/^patient\.register:[0-9a-f]{64}$/);

  const { data } = await database({ throwOnNotFound: false }).collection('accounts').doc('o-a').get();
  expect(data).toMatchObject({ _id: 'o-a', patients: [{ patientId: 'P7001', nameMasked: '张*明' }] });
  expect(JSON.stringify(data)).not.toContain(ID);

  expect(await as('o-b', { action: 'patient.qrcode', data: { patientId: 'P7001' } })).toEqual({ ok: false, code: 'FORBIDDEN', message: '无权访问该就诊人信息', field: 'patientId' });
  expect(await as('o-a', { action: 'patient.qrcode', data: { patientId: 'P7001' } })).toEqual({ ok: true, data: { code: 'HQR1.P7001.1', expiresAt: '2026-03-09T02:05:00.000Z' } });
  expect(fm.calls.map((c) => c.op)).toEqual(['patient.sendCode', 'patient.register', 'patient.qrcode']);
  expect(await as('o-b', { action: 'patient.list', data: {} })).toEqual({ ok: true, data: { patients: [], limit: 5 } });
});

test('without a caller identity nothing runs', async () => {
  expect(await main({ action: 'patient.list', data: {} }, {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
});

test('without PALM_DEV=1 (production: WeChat sets no NODE_ENV) a missing key or an http:// front machine makes every call INTERNAL, never a default', async () => {
  delete process.env.PALM_DEV;
  delete process.env.ID_HMAC_KEY;
  expect(await as('o-a', { action: 'patient.list', data: {} })).toEqual({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
  expect(fm.calls).toEqual([]);
});
