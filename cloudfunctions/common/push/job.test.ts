/**
 * The push job against the emulated cloud DB and WeChat (subscribeMessage.send with quotas), an
 * outbox in memory: once per (event, account), the cursor only after recording, overlapping runs,
 * at-most-once across a crash between sending and recording, transient retries, 43101, 停诊 money.
 */
import cloud, { configureDatabase, resetDatabase } from '../../../sandbox/cloud/wx-server-sdk';
import type { HospitalEvent } from '../../../typings/events';
import type { AccountDoc, PatientBinding } from '../../../typings/db';
import type { DeliveryDoc } from '../../../typings/push';
import { keywordType, keywordValid } from '../../../miniprogram/core/keywords';
import { configureSubscribe, failNextSends, receivedMessages, recordSubscription } from '../../../sandbox/cloud/wx-server-sdk/subscribe';
import type { FrontMachineClient } from '../frontmachine';
import { createLogger } from '../logger';
import { loadPushConfig } from './config';
import { recordConsents } from './consents';
import { runPush, type PushDeps } from './job';
import type { StopRefunds } from './refunds';
import type { PushDatabase } from './store';
import { COLLECTION_NAMES } from '../collections';

const NOW = Date.parse('2026-11-26T02:00:00Z');
const config = loadPushConfig({ PALM_DEV: '1' });
const BOOKED = config.kinds['appointment.booked']?.templateId as string;
const db = () => cloud.database({ throwOnNotFound: false } as never) as unknown as PushDatabase;

function binding(patientId: string, nameMasked = '林*燕'): PatientBinding {
  return { patientId, nameMasked, idCardMasked: '340***********123X', idCardHmac: 'h', phoneMasked: '139****5678', relation: '本人', sex: 'F', isDefault: true, card: null, hasGuardian: false, boundAt: NOW };
}

async function bind(openid: string, ...patientIds: string[]): Promise<void> {
  const doc: Omit<AccountDoc, '_id'> = { patients: patientIds.map((p) => binding(p)), createdAt: NOW, updatedAt: NOW };
  await cloud.database().collection('accounts').doc(openid).set({ data: doc as never });
}

/** Both sides of a consent: WeChat's dialog and subscribe.record. */
async function consent(openid: string, templateId: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    await recordSubscription(openid, { [templateId]: 'accept' });
    await recordConsents(db(), config, openid, { [templateId]: 'accept' }, NOW);
  }
}

let outbox: HospitalEvent[];
const booked = (seq: number, patientId = 'P1'): HospitalEvent => ({
  seq,
  kind: 'appointment.booked',
  patientId,
  occurredAt: new Date(NOW).toISOString(),
  fields: { appointmentId: `YY${seq}`, deptName: '儿童呼吸内科（专家门诊）第二诊区东侧特需门诊', doctorName: '王医生', visitTime: '2026-11-27 08:30', location: '门诊楼3层', takeNumberFrom: '07:00' },
});

const fm: FrontMachineClient = {
  async call(op: string, req: unknown) {
    await new Promise((r) => setTimeout(r, 2));
    if (op === 'event.list') {
      const { after, limit = 50 } = req as { after: number; limit?: number };
      return { events: outbox.filter((e) => e.seq > after).slice(0, limit) };
    }
    if (op === 'event.get') return { events: outbox.filter((e) => (req as { seqs: number[] }).seqs.includes(e.seq)) };
    throw new Error(`unexpected ${op}`);
  },
} as FrontMachineClient;

const refunds: string[] = [];
const payments: StopRefunds = {
  ledger: { get: async (no: string) => (no === 'TRADE1' ? ({ _id: no, patientId: 'P1', status: 'confirmed' } as never) : null) } as never,
  abandon: async (no) => void refunds.push(`abandon:${no}`),
  confirm: async (no) => (refunds.push(`confirm:${no}`), 'refunding'),
  refundConfirmed: async (no, cause) => (refunds.push(`refund:${no}:${cause}`), {} as never),
};

function deps(over: Partial<PushDeps> = {}): PushDeps {
  return {
    db: db(),
    frontMachine: fm,
    config,
    clock: () => NOW,
    log: createLogger({ level: 'silent' as never }),
    send: (p) => cloud.openapi.subscribeMessage.send(p),
    payments,
    miniprogramState: 'formal',
    ...over,
  };
}

const deliveries = async () => (await db().collection('deliveries').orderBy('seq', 'asc').limit(100).get()).data as DeliveryDoc[];
const cursor = async () => ((await db().collection('cursors').doc('push').get()).data as { seq: number; lease: unknown } | null);

beforeAll(() => configureDatabase({ path: ':memory:' }));
beforeEach(() => {
  resetDatabase({ collections: COLLECTION_NAMES });
  configureSubscribe({ clock: () => NOW });
  outbox = [];
  refunds.length = 0;
});

test('a consented event reaches WeChat once, with keywords WeChat accepts and the deep link; without consent nothing is sent but the delivery is recorded', async () => {
  await bind('o-a', 'P1');
  await bind('o-b', 'P1');
  await consent('o-a', BOOKED);
  outbox = [booked(1)];
  const report = await runPush(deps(), 'run-1');
  expect(report).toMatchObject({ events: 1, sent: 1, unsubscribed: 1, cursor: 1 });
  const [message, ...more] = await receivedMessages();
  expect(more).toEqual([]);
  expect(message).toMatchObject({ openid: 'o-a', templateId: BOOKED, errcode: 0, page: 'packages/booking/appointments/index?patientId=P1' });
  for (const [key, { value }] of Object.entries(message?.data ?? {})) expect({ key, ok: keywordValid(keywordType(key) ?? 'thing', value) }).toEqual({ key, ok: true });
  expect(message?.data.thing2?.value).toBe('儿童呼吸内科（专家门诊）第二诊区东侧特…');
  expect(message?.data.time4?.value).toBe('2026年11月27日 08:30');
  expect((await deliveries()).map((d) => [d.openid, d.state])).toEqual([
    ['o-a', 'sent'],
    ['o-b', 'unsubscribed'],
  ]);
  expect(await runPush(deps(), 'run-2')).toMatchObject({ events: 0, sent: 0 });
  expect(await receivedMessages()).toHaveLength(1);
  expect(await cursor()).toMatchObject({ seq: 1, lease: null });
});

test('two overlapping runs never send one event twice', async () => {
  await bind('o-a', 'P1');
  await consent('o-a', BOOKED, 10);
  outbox = [1, 2, 3, 4, 5].map((s) => booked(s));
  const [r1, r2] = await Promise.all([runPush(deps(), 'run-1'), runPush(deps(), 'run-2')]);
  expect([r1.sent + r2.sent, [r1.leased, r2.leased].filter(Boolean).length]).toEqual([5, 1]);
  const sent = (await receivedMessages('o-a')).filter((m) => m.errcode === 0);
  expect(sent).toHaveLength(5);
});

test('even when the lease lapsed mid-run, the (event, account) delivery is created once: the second run skips it', async () => {
  await bind('o-a', 'P1');
  await consent('o-a', BOOKED, 2);
  outbox = [booked(1)];
  await runPush(deps(), 'run-1');
  // Another run replays the same event after a cursor reset (a restored backup, say): nothing goes out again.
  await db().collection('cursors').doc('push').set({ data: { seq: 0, lease: null } });
  expect(await runPush(deps(), 'run-2')).toMatchObject({ events: 1, sent: 0 });
  expect((await receivedMessages('o-a')).filter((m) => m.errcode === 0)).toHaveLength(1);
});

test('at-most-once: a crash between WeChat accepting and the record leaves the message unconfirmed, never sent again', async () => {
  await bind('o-a', 'P1');
  await consent('o-a', BOOKED, 3);
  outbox = [booked(1), booked(2)];
  let crashed = false;
  const crashing = deps({
    afterSend: () => {
      if (!crashed) {
        crashed = true;
        throw new Error('function instance killed');
      }
    },
  });
  await expect(runPush(crashing, 'run-1')).rejects.toThrow('killed');
  expect(await cursor()).toMatchObject({ seq: 0 });
  const report = await runPush(deps(), 'run-2');
  expect(report).toMatchObject({ unconfirmed: 1, events: 2, sent: 1 });
  const states = (await deliveries()).map((d) => [d.seq, d.state]);
  expect(states).toEqual([
    [1, 'unconfirmed'],
    [2, 'sent'],
  ]);
  // WeChat got event 1 once (before the crash) and event 2 once.
  expect((await receivedMessages('o-a')).filter((m) => m.errcode === 0).map((m) => m.data.thing5?.value)).toHaveLength(2);
});

test('WeChat busy: retried later with the same quota; 43101 (WeChat holds no quota) records 未订阅 and resets ours', async () => {
  await bind('o-a', 'P1');
  await consent('o-a', BOOKED);
  outbox = [booked(1)];
  failNextSends(1);
  expect(await runPush(deps(), 'run-1')).toMatchObject({ retrying: 1, sent: 0, cursor: 1 });
  expect(await runPush(deps({ clock: () => NOW + 30_000 }), 'run-2')).toMatchObject({ sent: 0 });
  expect(await runPush(deps({ clock: () => NOW + 61_000 }), 'run-3')).toMatchObject({ sent: 1 });
  expect((await deliveries())[0]).toMatchObject({ state: 'sent', attempts: 2 });

  // The cloud counted a consent WeChat never saw (a forged subscribe.record): WeChat says 43101.
  await recordConsents(db(), config, 'o-a', { [BOOKED]: 'accept' }, NOW);
  outbox.push(booked(2));
  expect(await runPush(deps(), 'run-4')).toMatchObject({ unsubscribed: 1 });
  expect((await deliveries())[1]).toMatchObject({ state: 'unsubscribed', errcode: 43101 });
  const consentDoc = (await db().collection('consents').doc('o-a').get()).data as { templates: Record<string, { oneTime: number }> };
  expect(consentDoc.templates[BOOKED]?.oneTime).toBe(0);
});

test('停诊: the money of each stopped booking goes through the payment engine before the patient is told', async () => {
  await bind('o-a', 'P1');
  outbox = [{ seq: 1, kind: 'session.stopped', patientId: 'P1', occurredAt: new Date(NOW).toISOString(), fields: { outTradeNo: 'TRADE1', amount: '2500', deptName: '儿科', doctorName: '王医生', visitTime: '2026-11-27 08:30', reason: '医生停诊' } }];
  expect(await runPush(deps(), 'run-1')).toMatchObject({ refunds: 1, unsubscribed: 1 });
  expect(refunds).toEqual(['refund:TRADE1:停诊退款']);
});

test('an event kind without a template tells nobody and the cursor moves on', async () => {
  await bind('o-a', 'P1');
  outbox = [{ ...booked(1), kind: 'unknown.kind' as never }];
  expect(await runPush(deps(), 'run-1')).toMatchObject({ events: 1, cursor: 1 });
  expect(await deliveries()).toEqual([]);
});
