/**
 * Subscription messages (ARCHITECTURE §9): the actions `subscribe.templates`, `subscribe.record`,
 * `message.list`, and the cloud DB documents `consents/<openid>`, `deliveries/<seq>_<openid>`,
 * `cursors/push`. Types only.
 */
import type { HospitalEventKind } from './events';

/** The taps before an event where the patient is asked to consent. */
export type SubscribeMoment = 'booking' | 'pay' | 'takeNumber' | 'queue' | 'patient' | 'deposit';

/** What wx.requestSubscribeMessage answers per template id. */
export type SubscribeResult = 'accept' | 'acceptWithAudio' | 'reject' | 'ban' | 'filter';

/** A template the hospital uses, as the mini program needs it to ask. */
export interface SubscribeTemplateView {
  kind: HospitalEventKind;
  templateId: string;
  title: string;
  longTerm: boolean;
}

export interface SubscribeTemplatesResponse {
  templates: SubscribeTemplateView[];
  /** Per tap, the kinds to ask for (the mini program picks at most 3 ids of one sort). */
  moments: Record<SubscribeMoment, HospitalEventKind[]>;
}

export interface SubscribeRecordRequest {
  /** wx.requestSubscribeMessage's answer: template id → result (errMsg left out). */
  results: Record<string, SubscribeResult>;
}
export interface SubscribeRecordResponse {
  /** What the cloud now counts per template: one-time sends left, long-term on. */
  consents: { templateId: string; kind: HospitalEventKind; oneTime: number; longTerm: boolean }[];
}

/** Where a message is: 已推送 · 未订阅，点此订阅 · 发送失败 (· 发送中, retried · 结果未知 after a crash). */
export type DeliveryState = 'sending' | 'sent' | 'unsubscribed' | 'retry' | 'failed' | 'unconfirmed';

export interface MessageView {
  /** The delivery's id (`<seq>_<openid>` is never shown; this is the event's outbox seq). */
  seq: number;
  kind: HospitalEventKind;
  title: string;
  patientId: string;
  patientName: string;
  /** One line for 消息中心, from the same keywords the message carried. */
  summary: string;
  occurredAt: string;
  state: DeliveryState;
  stateLabel: string;
  /** The page the message opens, with its query (deep link). */
  page: string;
  /** Its template id, to ask consent again from 未订阅，点此订阅. */
  templateId: string;
  longTerm: boolean;
  read: boolean;
}

export type MessageListRequest = Record<string, never>;
export interface MessageListResponse {
  messages: MessageView[];
  /** Messages not yet seen in 消息中心 (the badge on 我的). */
  unread: number;
}

/** `consents/<openid>`: the quotas the cloud counts from subscribe.record (WeChat keeps the real ones). */
export interface ConsentDoc {
  _id: string;
  templates: Record<string, { oneTime: number; longTerm: boolean; updatedAt: number }>;
  updatedAt: number;
}

/** `deliveries/<seq>_<openid>`: one per (event, account), written before anything is sent. Ids only, no content. */
export interface DeliveryDoc {
  _id: string;
  seq: number;
  openid: string;
  patientId: string;
  kind: HospitalEventKind;
  templateId: string;
  state: DeliveryState;
  /** Send attempts made (a retry reuses the quota its first attempt claimed). */
  attempts: number;
  nextAttemptAt: number | null;
  errcode: number | null;
  occurredAt: number;
  createdAt: number;
  updatedAt: number;
  readAt: number | null;
}

/** `cursors/push`: the last outbox seq whose deliveries are all recorded, and the run working it. */
export interface PushCursorDoc {
  _id: string;
  seq: number;
  lease: { owner: string; until: number } | null;
}
