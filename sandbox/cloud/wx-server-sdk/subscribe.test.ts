/** The emulated subscribeMessage.send: WeChat's quotas (one-time adds up, long-term until rejected) and its errcodes. */
import cloud, { configureDatabase, resetDatabase } from './index';
import { configureSubscribe, failNextSends, receivedMessages, recordSubscription } from './subscribe';

const BOOKED = 'sbx-T01-yuyuechenggong';
const QUEUE = 'sbx-T04-houzhentixing';
const REMIND = 'sbx-T02-jiuzhentixing';
const bookedData = { name1: { value: '林*燕' }, thing2: { value: '儿童呼吸科' }, thing3: { value: '王医生' }, time4: { value: '2026年11月27日 08:30' }, thing5: { value: '07:00起可取号' } };
const send = (p: Record<string, unknown>) => cloud.openapi.subscribeMessage.send(p);
const errCodeOf = async (p: Promise<unknown>) => p.then(() => 0, (e: { errCode: number }) => e.errCode);

beforeAll(() => configureDatabase({ path: ':memory:' }));
beforeEach(() => {
  resetDatabase();
  configureSubscribe({ clock: () => Date.parse('2026-11-26T02:00:00Z') });
});

test('one-time accepts add up, one send each; acceptWithAudio counts; reject adds nothing; 43101 without quota', async () => {
  await recordSubscription('o1', { [BOOKED]: 'accept' });
  await recordSubscription('o1', { [BOOKED]: 'acceptWithAudio', [REMIND]: 'reject' });
  const ok = await send({ touser: 'o1', templateId: BOOKED, page: 'packages/booking/appointments/index?patientId=P1', data: bookedData });
  expect(ok).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
  expect(await errCodeOf(send({ touser: 'o1', templateId: BOOKED, page: '', data: bookedData }))).toBe(0);
  await expect(send({ touser: 'o1', templateId: BOOKED, data: bookedData })).rejects.toMatchObject({ errCode: 43101, errMsg: expect.stringContaining('user refuse to accept the msg') });
  expect(await errCodeOf(send({ touser: 'o2', templateId: BOOKED, data: bookedData }))).toBe(43101);
  expect((await receivedMessages('o1')).map((m) => m.errcode)).toEqual([0, 0, 43101]);
});

test('long-term: sends until rejected; one-time and long-term never in one dialog', async () => {
  const queueData = { name1: { value: '林*燕' }, thing2: { value: '呼吸科2诊室' }, number3: { value: '2' }, phrase4: { value: '即将就诊' } };
  await recordSubscription('o1', { [QUEUE]: 'accept' });
  expect(await errCodeOf(send({ touser: 'o1', templateId: QUEUE, data: queueData }))).toBe(0);
  expect(await errCodeOf(send({ touser: 'o1', templateId: QUEUE, data: queueData }))).toBe(0);
  await recordSubscription('o1', { [QUEUE]: 'reject' });
  expect(await errCodeOf(send({ touser: 'o1', templateId: QUEUE, data: queueData }))).toBe(43101);
  expect(await recordSubscription('o1', { [QUEUE]: 'accept', [BOOKED]: 'accept' })).toMatchObject({ ok: false, field: 'results' });
  expect(await recordSubscription('o1', { nope: 'accept' })).toMatchObject({ ok: false, field: 'results.nope' });
  expect(await recordSubscription('o1', { [BOOKED]: 'maybe' })).toMatchObject({ ok: false, field: `results.${BOOKED}` });
});

test('40037 unknown template, 41030 page not in app.json, 47003 naming the keyword (empty or against its rule); -1 when busy', async () => {
  await recordSubscription('o1', { [BOOKED]: 'accept' });
  await expect(send({ touser: 'o1', templateId: 'nope', data: bookedData })).rejects.toMatchObject({ errCode: 40037 });
  await expect(send({ touser: 'o1', templateId: BOOKED, page: 'pages/nowhere/index', data: bookedData })).rejects.toMatchObject({ errCode: 41030 });
  await expect(send({ touser: 'o1', templateId: BOOKED, data: { ...bookedData, thing2: { value: '' } } })).rejects.toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.thing2.value is empty') });
  await expect(send({ touser: 'o1', templateId: BOOKED, data: { ...bookedData, thing3: { value: '很长很长很长很长很长很长很长很长很长很长的医生名' } } })).rejects.toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.thing3.value invalid') });
  failNextSends(1);
  await expect(send({ touser: 'o1', templateId: BOOKED, data: bookedData })).rejects.toMatchObject({ errCode: -1 });
  // None of the refused sends used the quota.
  expect(await errCodeOf(send({ touser: 'o1', templateId: BOOKED, data: bookedData }))).toBe(0);
});
