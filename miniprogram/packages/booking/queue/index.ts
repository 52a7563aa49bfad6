/**
 * 排队叫号: the patient's number, the number being called, how many are ahead and the room,
 * asked again every 15 s while the page shows (never while hidden or after leaving). Before
 * check-in it says how to check in; when called, where to go, in large type.
 */
import type { QueueStatus } from '../../../../typings/booking';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { formatHospital } from '../../../core/time';
import { loadQueue } from '../../../services/booking';
import { CHECK_IN_HINT, QUEUE_REFRESH_MS, queueView, type QueueView } from '../../../utils/booking';
import { showLoadError } from '../../../utils/load';
import { pageComponent } from '../../../utils/page';

/** Non-render state. */
interface QueuePageState {
  registrationId: string;
  timer?: ReturnType<typeof setTimeout>;
  /** Bumped per request and on leaving, so a late answer is dropped. */
  request: number;
  hidden: boolean;
  gone: boolean;
}

export const MISSING_REGISTRATION_MESSAGE = '未找到该挂号记录，请在“我的挂号”中重新选择';

pageComponent<QueuePageState>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    queue: null as QueueView | null,
    updatedText: '',
    /** The kiosk and the triage desk scan the QR code on the home tab's patient card. */
    checkInHint: `${CHECK_IN_HINT}（就诊码在首页就诊人卡片上）`,
  },
  lifetimes: {
    attached() {
      this.registrationId = '';
      this.request = 0;
      this.hidden = false;
      this.gone = false;
    },
    detached() {
      this.leave();
    },
  },
  pageLifetimes: {
    show() {
      if (!this.hidden) return;
      this.hidden = false;
      if (this.registrationId !== '') void this.refresh();
    },
    hide() {
      this.hidden = true;
      this.stop();
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.registrationId = decodeURIComponent(query.registrationId ?? '');
      if (this.registrationId === '') {
        this.setData({ state: 'error', errorMessage: MISSING_REGISTRATION_MESSAGE });
        return;
      }
      void this.refresh();
    },
    onUnload() {
      this.leave();
    },
    leave() {
      this.gone = true;
      this.request += 1;
      this.stop();
    },
    async refresh() {
      this.stop();
      this.request += 1;
      const request = this.request;
      const answer = await loadQueue(this.registrationId);
      if (request !== this.request || this.gone) return;
      if (answer.ok) this.show(answer.data);
      // Nothing shown yet: the error state with 重试. Later failures keep the last numbers on screen.
      else if (this.data.state !== 'ready') {
        showLoadError(this, answer);
        return;
      }
      this.schedule();
    },
    show(status: QueueStatus) {
      this.setData({ state: 'ready', queue: queueView(status), updatedText: `更新于 ${formatHospital(Date.now(), 'HH:mm:ss')}` });
    },
    schedule() {
      this.stop();
      // After the visit nothing moves any more.
      if (this.hidden || this.gone || this.data.queue?.state === 'done') return;
      this.timer = setTimeout(() => void this.refresh(), QUEUE_REFRESH_MS);
    },
    stop() {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
    },
    onRefresh() {
      void this.refresh();
    },
    onRetry() {
      this.setData({ state: 'loading' });
      void this.refresh();
    },
    onShowCode() {
      // The check-in QR code is on the home tab's patient card.
      void wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
