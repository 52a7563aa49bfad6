/**
 * 消息中心: every message for the account's patients with where it is (已推送 · 未订阅，点此订阅 ·
 * 发送失败); tapping one opens its page on its patient, 未订阅 first asks for that template. Opening
 * the center marks the messages read (the badge on 我的 clears). Accepts a deep link's `patientId`.
 */
import type { MessageView } from '../../../../typings/push';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { formatHospital } from '../../../core/time';
import { landOnPatient } from '../../../services/deep-link';
import { loadMessages, markMessagesRead, showUnreadBadge } from '../../../services/messages';
import { askConsentForTemplate, prefetchSubscribe } from '../../../services/subscribe';
import { loadLatest } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';

/** This page, as messages name it. */
export const CENTER_PAGE = 'packages/message/center/index';

/** One row as the page shows it. */
export interface MessageRow {
  key: string;
  title: string;
  summary: string;
  patientName: string;
  timeText: string;
  state: MessageView['state'];
  stateLabel: string;
  tagType: 'success' | 'warning' | 'danger' | 'primary';
  read: boolean;
}

const TAG_TYPES: Record<MessageView['state'], MessageRow['tagType']> = {
  sent: 'success',
  unsubscribed: 'warning',
  failed: 'danger',
  unconfirmed: 'danger',
  retry: 'primary',
  sending: 'primary',
};

export function messageRow(m: MessageView): MessageRow {
  return {
    key: `${m.seq}`,
    title: m.title,
    summary: m.summary,
    patientName: m.patientName,
    timeText: formatHospital(Date.parse(m.occurredAt), 'MM-DD HH:mm'),
    state: m.state,
    stateLabel: m.stateLabel,
    tagType: TAG_TYPES[m.state],
    read: m.read,
  };
}

pageComponent<{ loadedOnce: boolean; request: number; messages: MessageView[] }>()({
  behaviors: [elderModeBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    messages: [] as MessageRow[],
  },
  lifetimes: {
    attached() {
      this.loadedOnce = false;
      this.request = 0;
      this.messages = [];
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      void landOnPatient(query);
      void prefetchSubscribe();
      void this.load();
    },
    async load(showLoading = true) {
      const data = await loadLatest(this, loadMessages, showLoading, true);
      if (!data) return;
      this.messages = data.messages;
      this.setData({ state: data.messages.length === 0 ? 'empty' : 'ready', messages: data.messages.map(messageRow) });
      if (data.unread > 0) void markMessagesRead().then((answer) => answer.ok && showUnreadBadge(0));
    },
    onRetry() {
      void this.load();
    },
    onOpen(event: { currentTarget: { dataset: { index?: number } } }) {
      const message = this.messages[event.currentTarget.dataset.index ?? -1];
      if (!message) return;
      // 未订阅，点此订阅: the dialog needs this tap; the page opens either way.
      if (message.state === 'unsubscribed') void askConsentForTemplate(message.templateId);
      // Some messages (取药提醒 …) have no page but this one.
      if (!message.page.startsWith(CENTER_PAGE)) void wx.navigateTo({ url: `/${message.page}` });
    },
  },
});
