/**
 * The scheduler's push job (ARCHITECTURE §9): hospital events → subscription messages.
 *
 * One run holds the lease on `cursors/push` (another run finds it held and does nothing), pulls the
 * front machine's outbox after the cursor, settles the money of stopped sessions, finds the accounts
 * bound to each event's patient and records one delivery per (event, account) — `deliveries/<seq>_<openid>`,
 * created only if absent — before sending where the account has a quota; the cursor moves past an
 * event only after all its deliveries are recorded.
 *
 * **At-most-once.** A delivery is written `sending` (its one-time quota taken) in the transaction
 * that creates it, then sent, then recorded `sent`. A run that dies between WeChat's answer and the
 * record leaves `sending`; the next run marks it `unconfirmed` and never sends it again: a patient
 * may miss that one message, never get it twice (a second copy would also spend a quota they gave
 * for a later event). Transient WeChat failures (system busy, rate limits, the network) are known
 * not to have been delivered, so those are retried with backoff.
 *
 * Refunds WeChat finished (退款到账) are seen by the cloud only: the run first publishes them into the
 * outbox (refund-notices.ts), so they are told like the hospital's events.
 */
import type { HospitalEvent } from '../../../typings/events';
import type { AccountDoc, PatientBinding } from '../../../typings/db';
import type { DeliveryDoc, PushCursorDoc } from '../../../typings/push';
import type { Clock } from '../../../miniprogram/core/time';
import { ACCOUNTS } from '../accounts';
import type { FrontMachineClient } from '../frontmachine';
import type { Logger } from '../logger';
import type { KindTemplate, PushConfig } from './config';
import { publishRefunds } from './refund-notices';
import { settleStoppedBooking, type StopRefunds } from './refunds';
import { renderMessage } from './render';
import { body, CONSENTS, CURSORS, deliveryId, DELIVERIES, PUSH_CURSOR, readConsent, type PushDatabase } from './store';

/** The run's hold on the cursor; renewed per event, so a run that stalls this long loses it. */
export const PUSH_LEASE_MS = 2 * 60_000;
/** Events read per outbox call; a run reads until the outbox is empty or MAX_EVENTS_PER_RUN. */
const BATCH = 50;
const MAX_EVENTS_PER_RUN = 500;
/** Send attempts before a transient failure becomes 发送失败. */
export const MAX_SEND_ATTEMPTS = 5;
/** WeChat's answers that say "not now" (system busy, too frequent, concurrent sends); anything negative is the cloud itself. */
const TRANSIENT_ERRCODES = new Set([-1, 45009, 45011, 43108]);

/** What `cloud.openapi.subscribeMessage.send` takes. */
export interface SubscribeSendParams {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: 'developer' | 'trial' | 'formal';
  lang: 'zh_CN';
}

export interface PushDeps {
  db: PushDatabase;
  frontMachine: FrontMachineClient;
  config: PushConfig;
  clock: Clock;
  log: Logger;
  /** `cloud.openapi.subscribeMessage.send`: resolves when delivered, rejects with WeChat's errCode. */
  send(params: SubscribeSendParams): Promise<unknown>;
  payments: StopRefunds;
  miniprogramState: SubscribeSendParams['miniprogramState'];
  /** Tests: runs after WeChat accepted a message and before it is recorded (where a crash matters). */
  afterSend?: (delivery: DeliveryDoc) => Promise<void> | void;
}

export interface PushReport {
  /** Another run holds the cursor: this one did nothing. */
  leased?: true;
  events: number;
  sent: number;
  unsubscribed: number;
  retrying: number;
  failed: number;
  unconfirmed: number;
  refunds: number;
  cursor: number;
}

class LeaseLost extends Error {}

function errCodeOf(e: unknown): number | undefined {
  const code = (e as { errCode?: unknown } | null)?.errCode;
  return typeof code === 'number' ? code : undefined;
}

function retryDelay(attempts: number): number {
  return Math.min(2 ** (attempts - 1), 30) * 60_000;
}

export async function runPush(deps: PushDeps, owner: string): Promise<PushReport> {
  const { db, clock } = deps;
  const report: PushReport = { events: 0, sent: 0, unsubscribed: 0, retrying: 0, failed: 0, unconfirmed: 0, refunds: 0, cursor: 0 };

  /** Takes or renews the lease; answers the cursor, or null when another live run holds it. */
  const hold = () =>
    db.runTransaction(async (tx) => {
      const ref = tx.collection(CURSORS).doc(PUSH_CURSOR);
      const now = clock();
      const cur = ((await ref.get()).data ?? { seq: 0, lease: null }) as Omit<PushCursorDoc, '_id'>;
      if (cur.lease && cur.lease.owner !== owner && cur.lease.until > now) return null;
      await ref.set({ data: { seq: cur.seq, lease: { owner, until: now + PUSH_LEASE_MS } } });
      return cur.seq;
    });
  /** Moves the cursor past `seq`, only while this run still holds it. */
  const advance = (seq: number, release: boolean) =>
    db.runTransaction(async (tx) => {
      const ref = tx.collection(CURSORS).doc(PUSH_CURSOR);
      const cur = ((await ref.get()).data ?? { seq: 0, lease: null }) as Omit<PushCursorDoc, '_id'>;
      if (cur.lease?.owner !== owner) throw new LeaseLost('push cursor lease lost');
      await ref.set({ data: { seq: Math.max(cur.seq, seq), lease: release ? null : { owner, until: clock() + PUSH_LEASE_MS } } });
    });

  const start = await hold();
  if (start === null) return { ...report, leased: true };
  report.cursor = start;

  try {
    await markUnconfirmed(deps, report);
    await retryDue(deps, report);
    // 退款到账 joins the outbox first, so this run tells it too.
    await publishRefunds(deps);
    let after = start;
    while (report.events < MAX_EVENTS_PER_RUN) {
      const { events } = await deps.frontMachine.call('event.list', { after, limit: BATCH });
      for (const event of events) {
        if (event.kind === 'session.stopped') {
          // Money first: a refund the engine cannot start now stops the run here, and the event is read again.
          if ((await settleStoppedBooking(deps.payments, event)) !== 'none') report.refunds += 1;
        }
        await deliverEvent(deps, event, report);
        await advance(event.seq, false);
        after = event.seq;
        report.cursor = event.seq;
        report.events += 1;
      }
      if (events.length < BATCH) break;
    }
  } finally {
    // Let the next run in at once; a lost lease is the other run's now.
    await advance(report.cursor, true).catch((e: unknown) => {
      if (!(e instanceof LeaseLost)) throw e;
    });
  }
  return report;
}

/** The accounts bound to a patient, with that binding (guardians of a shared child each get it). */
async function boundAccounts(db: PushDatabase, patientId: string): Promise<{ openid: string; binding: PatientBinding }[]> {
  const out: { openid: string; binding: PatientBinding }[] = [];
  for (let skip = 0; ; skip += 100) {
    const { data } = await db.collection(ACCOUNTS).where({ 'patients.patientId': patientId }).orderBy('_id', 'asc').skip(skip).limit(100).get();
    for (const a of data as AccountDoc[]) {
      const binding = a.patients.find((p) => p.patientId === patientId);
      if (binding) out.push({ openid: a._id, binding });
    }
    if (data.length < 100) return out;
  }
}

async function deliverEvent(deps: PushDeps, event: HospitalEvent, report: PushReport): Promise<void> {
  const template = deps.config.kinds[event.kind];
  if (!template) {
    deps.log.warn('event kind without a template: nobody is told', { kind: event.kind, seq: event.seq });
    return;
  }
  for (const { openid, binding } of await boundAccounts(deps.db, event.patientId)) {
    const delivery = await claimDelivery(deps, event, openid, template);
    if (delivery === null) continue;
    if (delivery.state === 'unsubscribed') {
      report.unsubscribed += 1;
      continue;
    }
    await attemptSend(deps, delivery, event, binding, template, report);
  }
}

/**
 * Creates the delivery of (event, account) unless it exists (then null: recorded before), taking a
 * one-time quota in the same transaction: `sending` with a quota, `unsubscribed` without.
 */
function claimDelivery(deps: PushDeps, event: HospitalEvent, openid: string, template: KindTemplate): Promise<DeliveryDoc | null> {
  const now = deps.clock();
  return deps.db.runTransaction(async (tx) => {
    const ref = tx.collection(DELIVERIES).doc(deliveryId(event.seq, openid));
    if ((await ref.get()).data) return null;
    const consent = await readConsent(tx, openid);
    const quota = consent.templates[template.templateId];
    const allowed = template.longTerm ? quota?.longTerm === true : (quota?.oneTime ?? 0) > 0;
    if (allowed && !template.longTerm && quota) {
      consent.templates[template.templateId] = { ...quota, oneTime: quota.oneTime - 1, updatedAt: now };
      await tx.collection(CONSENTS).doc(openid).set({ data: body(consent) });
    }
    const delivery: DeliveryDoc = {
      _id: deliveryId(event.seq, openid),
      seq: event.seq,
      openid,
      patientId: event.patientId,
      kind: event.kind,
      templateId: template.templateId,
      state: allowed ? 'sending' : 'unsubscribed',
      attempts: allowed ? 1 : 0,
      nextAttemptAt: null,
      errcode: null,
      occurredAt: Date.parse(event.occurredAt),
      createdAt: now,
      updatedAt: now,
      readAt: null,
    };
    await ref.set({ data: body(delivery) });
    return delivery;
  });
}

/** Records a delivery's new state (and, where WeChat's answer says so, the account's quota). */
async function record(deps: PushDeps, d: DeliveryDoc, patch: Partial<DeliveryDoc>, quota?: 'reset' | 'restore'): Promise<void> {
  const now = deps.clock();
  await deps.db.runTransaction(async (tx) => {
    const ref = tx.collection(DELIVERIES).doc(d._id);
    // Merged onto what is stored now, so a read mark made meanwhile (message.read) is kept.
    const current = ((await ref.get()).data as DeliveryDoc | null) ?? d;
    await ref.set({ data: body({ ...current, ...patch, _id: d._id, updatedAt: now }) });
    if (!quota) return;
    const consent = await readConsent(tx, d.openid);
    const q = consent.templates[d.templateId] ?? { oneTime: 0, longTerm: false, updatedAt: now };
    // 43101: WeChat holds no quota, whatever we counted; a refused message never used the one it took.
    consent.templates[d.templateId] = quota === 'reset' ? { oneTime: 0, longTerm: false, updatedAt: now } : { ...q, oneTime: q.oneTime + 1, updatedAt: now };
    await tx.collection(CONSENTS).doc(d.openid).set({ data: body(consent) });
  });
}

async function attemptSend(deps: PushDeps, d: DeliveryDoc, event: HospitalEvent, binding: PatientBinding, template: KindTemplate, report: PushReport): Promise<void> {
  const message = renderMessage(template, event, binding.nameMasked);
  try {
    await deps.send({ touser: d.openid, templateId: message.templateId, page: message.page, data: message.data, miniprogramState: deps.miniprogramState, lang: 'zh_CN' });
  } catch (e) {
    const errcode = errCodeOf(e);
    if (errcode === 43101) {
      await record(deps, d, { state: 'unsubscribed', errcode }, 'reset');
      report.unsubscribed += 1;
      return;
    }
    const transient = errcode === undefined || errcode < -1 || TRANSIENT_ERRCODES.has(errcode);
    if (transient && d.attempts < MAX_SEND_ATTEMPTS) {
      await record(deps, d, { state: 'retry', errcode: errcode ?? null, nextAttemptAt: deps.clock() + retryDelay(d.attempts) });
      report.retrying += 1;
      deps.log.warn('subscription message not sent: will retry', { seq: d.seq, kind: d.kind, errcode, attempts: d.attempts });
      return;
    }
    await record(deps, d, { state: 'failed', errcode: errcode ?? null, nextAttemptAt: null }, template.longTerm ? undefined : 'restore');
    report.failed += 1;
    deps.log.error('subscription message refused by WeChat', { seq: d.seq, kind: d.kind, templateId: d.templateId, errcode });
    return;
  }
  await deps.afterSend?.(d);
  await record(deps, d, { state: 'sent', errcode: 0, nextAttemptAt: null });
  report.sent += 1;
}

/** A delivery left `sending` by a run that died: WeChat may or may not have it, so it is never sent again. */
async function markUnconfirmed(deps: PushDeps, report: PushReport): Promise<void> {
  const { data } = await deps.db.collection(DELIVERIES).where({ state: 'sending' }).limit(100).get();
  for (const d of data as DeliveryDoc[]) {
    await record(deps, d, { state: 'unconfirmed', nextAttemptAt: null });
    report.unconfirmed += 1;
    deps.log.warn('delivery left sending by a run that stopped: not sent again (at-most-once)', { seq: d.seq, kind: d.kind });
  }
}

/** Deliveries whose transient failure is due for another attempt, with the events they tell (read again from the outbox). */
async function retryDue(deps: PushDeps, report: PushReport): Promise<void> {
  const now = deps.clock();
  const { data } = await deps.db.collection(DELIVERIES).where({ state: 'retry', nextAttemptAt: deps.db.command.lte(now) }).limit(50).get();
  const due = data as DeliveryDoc[];
  if (due.length === 0) return;
  const { events } = await deps.frontMachine.call('event.get', { seqs: [...new Set(due.map((d) => d.seq))] });
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  for (const d of due) {
    const event = bySeq.get(d.seq);
    const template = deps.config.kinds[d.kind];
    const account = (await deps.db.collection(ACCOUNTS).doc(d.openid).get()).data as AccountDoc | null;
    const binding = account?.patients.find((p) => p.patientId === d.patientId);
    if (!event || !template || !binding) {
      // The patient was unbound meanwhile (or the event is gone): nothing to tell that account any more.
      await record(deps, d, { state: 'failed', nextAttemptAt: null });
      report.failed += 1;
      continue;
    }
    const attempt = { ...d, state: 'sending' as const, attempts: d.attempts + 1 };
    await record(deps, d, { state: 'sending', attempts: attempt.attempts });
    await attemptSend(deps, attempt, event, binding, template, report);
  }
}
