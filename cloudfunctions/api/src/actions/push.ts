/**
 * push actions: `subscribe.templates` (what to ask on each tap), `subscribe.record` (what the patient
 * answered WeChat's dialog) and `message.list` (消息中心). All 'account': the caller's own consents
 * and messages; a message of a patient not bound to the caller is never listed.
 */
import type { SubscribeResult, SubscribeTemplateView } from '../../../../typings/push';
import type { HospitalEventKind } from '../../../../typings/events';
import { pushConfig, pushDatabase } from '../../../common/push/cloud';
import { recordConsents } from '../../../common/push/consents';
import { listMessages, markAllRead } from '../../../common/push/messages';
import type { ActionDefinition } from '../action';

const RESULTS: readonly SubscribeResult[] = ['accept', 'acceptWithAudio', 'reject', 'ban', 'filter'];

export const subscribeTemplates: ActionDefinition<'subscribe.templates', 'account'> = {
  schema: {},
  scope: 'account',
  async handler() {
    const config = pushConfig();
    const templates = (Object.entries(config.kinds) as [HospitalEventKind, NonNullable<(typeof config.kinds)[HospitalEventKind]>][]).map(
      ([kind, t]): SubscribeTemplateView => ({ kind, templateId: t.templateId, title: t.title, longTerm: t.longTerm }),
    );
    return { templates, moments: config.moments };
  },
};

export const subscribeRecord: ActionDefinition<'subscribe.record', 'account'> = {
  schema: {
    results: {
      type: 'object',
      label: '订阅结果',
      required: true,
      fields: {},
      entries: {
        key: { type: 'string', label: '模板ID', pattern: /^[A-Za-z0-9_-]{1,64}$/ },
        value: { type: 'enum', label: '订阅结果', values: RESULTS },
        maxEntries: 5,
      },
    },
  },
  scope: 'account',
  async handler(ctx, input) {
    return recordConsents(pushDatabase(), pushConfig(), ctx.openid, input.results, ctx.clock());
  },
};

export const messageList: ActionDefinition<'message.list', 'account'> = {
  schema: {},
  scope: 'account',
  async handler(ctx) {
    return listMessages({ db: pushDatabase(), frontMachine: ctx.frontMachine, config: pushConfig(), clock: ctx.clock }, ctx.openid, ctx.account?.patients ?? []);
  },
};

export const messageRead: ActionDefinition<'message.read', 'account'> = {
  schema: {},
  scope: 'account',
  async handler(ctx) {
    await markAllRead(pushDatabase(), ctx.openid, ctx.clock());
    return { unread: 0 };
  },
};
