/**
 * 消息中心 (`message.list`): the caller's deliveries (ids only in the cloud DB) for the patients bound
 * now, each rendered from its event at the front machine (the content stays in the hospital's DMZ),
 * with where it is: 已推送 · 未订阅，点此订阅 · 发送失败.
 */
import type { HospitalEvent } from '../../../typings/events';
import type { PatientBinding } from '../../../typings/db';
import type { DeliveryState, MessageListResponse, MessageView } from '../../../typings/push';
import type { FrontMachineClient } from '../frontmachine';
import type { PushConfig } from './config';
import { renderMessage, summaryOf } from './render';
import { allDeliveries, DELIVERIES, type PushDatabase } from './store';

/** The newest this many messages are listed. */
export const MESSAGE_LIST_MAX = 100;

export const STATE_LABELS: Record<DeliveryState, string> = {
  sent: '已推送',
  unsubscribed: '未订阅，点此订阅',
  failed: '发送失败',
  unconfirmed: '发送失败',
  retry: '发送中',
  sending: '发送中',
};

export async function listMessages(
  deps: { db: PushDatabase; frontMachine: FrontMachineClient; config: PushConfig; clock: () => number },
  openid: string,
  patients: readonly PatientBinding[],
): Promise<MessageListResponse> {
  const bound = new Map(patients.map((p) => [p.patientId, p]));
  const deliveries = (await allDeliveries(deps.db, { openid }, 'desc', MESSAGE_LIST_MAX)).filter((d) => bound.has(d.patientId));
  const unread = deliveries.filter((d) => d.readAt === null).length;
  if (deliveries.length === 0) return { messages: [], unread: 0 };
  const { events } = await deps.frontMachine.call('event.get', { seqs: [...new Set(deliveries.map((d) => d.seq))] });
  const bySeq = new Map<number, HospitalEvent>(events.map((e) => [e.seq, e]));
  const messages: MessageView[] = [];
  for (const d of deliveries) {
    const event = bySeq.get(d.seq);
    const template = deps.config.kinds[d.kind];
    const patient = bound.get(d.patientId) as PatientBinding;
    if (!event || !template) continue;
    const rendered = renderMessage(template, event, patient.nameMasked);
    messages.push({
      seq: d.seq,
      kind: d.kind,
      title: template.title,
      patientId: d.patientId,
      patientName: patient.nameMasked,
      summary: summaryOf(rendered),
      occurredAt: event.occurredAt,
      state: d.state,
      stateLabel: STATE_LABELS[d.state],
      page: rendered.page,
      templateId: template.templateId,
      longTerm: template.longTerm,
      read: d.readAt !== null,
    });
  }
  return { messages, unread };
}

/** 消息中心 opened: every message of the account counts as read (the badge on 我的 clears). */
export async function markAllRead(db: PushDatabase, openid: string, now: number): Promise<void> {
  await db.collection(DELIVERIES).where({ openid, readAt: null }).update({ data: { readAt: now } });
}
