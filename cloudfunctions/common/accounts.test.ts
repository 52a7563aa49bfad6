import type { PatientBinding } from '../../typings/db';
import { AppError } from '../../miniprogram/core/errors';
import { database, resetDatabase } from '../../sandbox/cloud/wx-server-sdk';
import { COLLECTION_NAMES } from './collections';
import { cloudAccountStore } from './accounts';
import { idCardHmac } from './privacy';

const db = () => database({ throwOnNotFound: false });
const binding = (patientId: string): PatientBinding => ({
  patientId,
  nameMasked: '张*',
  idCardMasked: '110***********002X',
  idCardHmac: patientId,
  phoneMasked: '138****1234',
  relation: '其他',
  sex: 'M',
  isDefault: false,
  card: null,
  hasGuardian: false,
  boundAt: 1,
});

beforeEach(() => resetDatabase({ collections: COLLECTION_NAMES }));

test('a missing account loads as null; the first update creates it with createdAt', async () => {
  const store = cloudAccountStore(db());
  expect(await store.load('o-a')).toBeNull();
  expect(await store.update('o-a', 1000, (cur) => ({ patients: [...(cur?.patients ?? []), binding('P1')], answer: 'done' }))).toBe('done');
  expect(await store.load('o-a')).toEqual({ _id: 'o-a', patients: [binding('P1')], createdAt: 1000, updatedAt: 1000 });
  await store.update('o-a', 2000, (cur) => ({ patients: [...(cur?.patients ?? []), binding('P2')], answer: null }));
  expect(await store.load('o-a')).toMatchObject({ createdAt: 1000, updatedAt: 2000, patients: [{ patientId: 'P1' }, { patientId: 'P2' }] });
});

test('a refusal is thrown and nothing is written', async () => {
  const store = cloudAccountStore(db());
  await expect(store.update('o-a', 1, () => ({ refusal: new AppError('LIMIT_REACHED', '每个账号最多绑定5位就诊人') }))).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
  expect(await store.load('o-a')).toBeNull();
});

test('concurrent updates never lose one another', async () => {
  const store = cloudAccountStore(db());
  await Promise.all(Array.from({ length: 8 }, (_, i) => store.update('o-a', i, (cur) => ({ patients: [...(cur?.patients ?? []), binding(`P${i}`)], answer: i }))));
  expect((await store.load('o-a'))?.patients).toHaveLength(8);
});

test('the ID HMAC is keyed and ignores how the number was typed', () => {
  const a = idCardHmac('k1', '11010519491231002X');
  expect(idCardHmac('k1', ' 11010519491231002x ')).toBe(a);
  expect(idCardHmac('k2', '11010519491231002X')).not.toBe(a);
  expect(a).toMatch(/^[0-9a-f]{64}$/);
});
