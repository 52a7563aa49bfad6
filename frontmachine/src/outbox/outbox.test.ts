/**
 * The event outbox against the sandbox hospital: events enter with our own sequence numbers, a
 * cursor reads them in order, a pull repeated or overlapping keeps each event once, an unreachable
 * hospital still answers what is kept, and off-protocol answers are refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HospitalEvent } from '../../../typings/events';
import type { Result } from '../../../typings/result';
import { AppError } from '../../../miniprogram/core/errors';
import { hospitalInstant } from '../../../miniprogram/core/time';
import { createLogger } from '../logger';
import { sandboxControl, signedCall, startAgainstSandbox, type AgainstSandbox } from '../../testing/against-sandbox';
import type { EventFeed, FedEvent } from './feed';
import { toFedEvents } from './feed';
import { Outbox } from './outbox';

const NOW = hospitalInstant('2026-11-26 10:00:00');
const silent = createLogger('silent');

describe('event.list / event.get against the sandbox hospital', () => {
  let s: AgainstSandbox;
  beforeAll(async () => {
    s = await startAgainstSandbox(NOW, { captureLog: false, env: { FM_EVENT_POLL_S: '0' } });
  });
  afterAll(() => s.close());

  const list = async (after: number, limit?: number) =>
    (await signedCall<Result<{ events: HospitalEvent[] }>>(s.fm.url, 'event.list', { after, ...(limit ? { limit } : {}) }, NOW)).body;

  test('the hospital events arrive in order with outbox sequence numbers; the cursor reads after them; get by seqs', async () => {
    const card = await sandboxControl(s.sandbox.url, '/sandbox/cards', { idCardNo: '11010519491231002X', name: '赵一', verified: true });
    const patientId = card.patientId as string;
    await sandboxControl(s.sandbox.url, '/sandbox/visits', { patientId });
    await sandboxControl(s.sandbox.url, '/sandbox/pharmacy/ready', { patientId, window: '2号窗口' });
    const all = await list(0);
    expect(all).toEqual({
      ok: true,
      data: {
        events: [
          expect.objectContaining({ seq: 1, kind: 'bills.pending', patientId, occurredAt: new Date(NOW).toISOString() }),
          expect.objectContaining({ seq: 2, kind: 'medicine.ready', patientId, fields: expect.objectContaining({ window: '2号窗口' }) }),
        ],
      },
    });
    expect(await list(1)).toEqual({ ok: true, data: { events: [expect.objectContaining({ seq: 2 })] } });
    expect(await list(0, 1)).toEqual({ ok: true, data: { events: [expect.objectContaining({ seq: 1 })] } });
    expect(await list(2)).toEqual({ ok: true, data: { events: [] } });
    const got = await signedCall<Result<{ events: HospitalEvent[] }>>(s.fm.url, 'event.get', { seqs: [2, 99] }, NOW);
    expect(got.body).toEqual({ ok: true, data: { events: [expect.objectContaining({ seq: 2, kind: 'medicine.ready' })] } });
  });

  test('event.publish: the cloud’s 退款到账 joins the outbox once by key; hospital kinds cannot be published', async () => {
    const event = { kind: 'refund.done', patientId: 'P1', key: 'refund:RX1', occurredAt: '2026-11-26T02:00:00Z', fields: { amount: '2500', reason: '停诊退款' } };
    const first = await signedCall<Result<{ seq: number }>>(s.fm.url, 'event.publish', event, NOW, 'refund:RX1');
    const again = await signedCall<Result<{ seq: number }>>(s.fm.url, 'event.publish', event, NOW, 'refund:RX1-again');
    expect(first.body).toEqual({ ok: true, data: { seq: expect.any(Number) } });
    expect(again.body).toEqual(first.body);
    const seq = (first.body as { data: { seq: number } }).data.seq;
    expect(await list(seq - 1)).toEqual({ ok: true, data: { events: [expect.objectContaining({ seq, kind: 'refund.done', patientId: 'P1', fields: event.fields })] } });
    const forged = await signedCall<Result<unknown>>(s.fm.url, 'event.publish', { ...event, kind: 'session.stopped', key: 'x' }, NOW, 'forged');
    expect(forged.body).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'kind' });
  });

  test('bad input names the field', async () => {
    expect(await list(-1)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'after' });
    expect(await list(0, 101)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'limit' });
    const bad = await signedCall<Result<unknown>>(s.fm.url, 'event.get', { seqs: [1, 'x'] }, NOW);
    expect(bad.body).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'seqs.1' });
  });
});

describe('Outbox', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A hospital whose events are `published`, answering after `since`, counting its calls. */
  function hospital(published: FedEvent[]): EventFeed & { calls: number; down: boolean } {
    const feed = {
      calls: 0,
      down: false,
      async fetch(since: number, max: number) {
        feed.calls += 1;
        await new Promise((r) => setTimeout(r, 5));
        if (feed.down) throw new AppError('HOSPITAL_UNAVAILABLE');
        return published.filter((e) => e.hospitalSeq > since).slice(0, max);
      },
    };
    return feed;
  }
  const event = (hospitalSeq: number): FedEvent => ({ hospitalSeq, kind: 'medicine.ready', patientId: 'P1', occurredAt: '2026-11-26T02:00:00.000Z', fields: { window: 'A' } });

  test('overlapping and repeated pulls keep each event once; a restart keeps them (durable) and continues the numbering', async () => {
    const path = join(dir, 'fm.db');
    const feed = hospital([event(7), event(9)]);
    const outbox = new Outbox(path, feed, silent);
    await Promise.all([outbox.list(0, 50), outbox.list(0, 50), outbox.pull()]);
    expect(feed.calls).toBe(1);
    expect((await outbox.list(0, 50)).map((e) => e.seq)).toEqual([1, 2]);
    await outbox.close();
    const more = hospital([event(7), event(9), event(12)]);
    const again = new Outbox(path, more, silent);
    expect((await again.list(0, 50)).map((e) => [e.seq, e.kind])).toEqual([
      [1, 'medicine.ready'],
      [2, 'medicine.ready'],
      [3, 'medicine.ready'],
    ]);
    await again.close();
  });

  test('an unreachable hospital: the events kept are still answered', async () => {
    const feed = hospital([event(1)]);
    const outbox = new Outbox(':memory:', feed, silent);
    await outbox.pull();
    feed.down = true;
    expect((await outbox.list(0, 50)).map((e) => e.seq)).toEqual([1]);
    await outbox.close();
  });

  test('off-protocol QueryEvents answers are refused, naming the tag', () => {
    const ok = { Events: { Event: [{ Seq: '3', Kind: 'queue.near', PatientId: 'P1', OccurredAt: '2026-11-26 10:00:00', Fields: { Field: [{ Name: 'ahead', Value: '2' }] } }] } };
    expect(toFedEvents(ok)).toEqual([{ hospitalSeq: 3, kind: 'queue.near', patientId: 'P1', occurredAt: '2026-11-26T02:00:00.000Z', fields: { ahead: '2' } }]);
    expect(toFedEvents({ Events: '' })).toEqual([]);
    const broken = (patch: Record<string, unknown>) => ({ Events: { Event: [{ ...ok.Events.Event[0], ...patch }] } });
    expect(() => toFedEvents(broken({ Seq: 'x' }))).toThrow('<Seq>');
    expect(() => toFedEvents(broken({ Kind: 'DROP TABLE' }))).toThrow('<Kind>');
    expect(() => toFedEvents(broken({ OccurredAt: '2026-11-26T10:00:00Z' }))).toThrow('<OccurredAt>');
    expect(() => toFedEvents({})).toThrow('<Events>');
  });
});
