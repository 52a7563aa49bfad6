/**
 * 排队叫号 (issue 16: the right family member's check-in code, the screen kept on and bright, the
 * last code kept when the network drops; updates announced to screen readers): the patient's number,
 * the number being called, how many are ahead and the room,
 * asked again every 15 s while the page shows (never while hidden or after leaving). Before
 * check-in it says how to check in; when called, where to go, in large type.
 */
import type { QueueStatus } from '../../../../typings/booking';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { brightScreenBehavior } from '../../../behaviors/bright-screen';
import { formatHospital } from '../../../core/time';
import { loadQueue } from '../../../services/booking';
import { CHECK_IN_HINT, QUEUE_REFRESH_MS, queueView, type QueueView } from '../../../view-models/booking';
import { showLoadError } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { mayPollAgain, pollingBehavior, stopPolling, type PollingPage } from '../../../behaviors/poll';
import { routes } from '../../../routes';
import { askConsent } from '../../../services/subscribe';
import { deepLinkQuery, landOnPatient } from '../../../services/deep-link';

/** Non-render state. */
interface QueuePageState extends PollingPage {
  registrationId: string;
}

export const MISSING_REGISTRATION_MESSAGE = '未找到该挂号记录，请在“我的挂号”中重新选择';

pageComponent<QueuePageState>()({
  behaviors: [elderModeBehavior, pollingBehavior, brightScreenBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    /** The registration's patient (from 我的挂号): their code is shown here. */
    patientId: '',
    queue: null as QueueView | null,
    updatedText: '',
    /** The kiosk and the triage desk scan the QR code on the home tab's patient card. */
    checkInHint: `${CHECK_IN_HINT}（就诊码在首页就诊人卡片上）`,
  },
  lifetimes: {
    attached() {
      this.registrationId = '';
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      void landOnPatient(query);
      const link = deepLinkQuery(query);
      this.registrationId = link.registrationId ?? '';
      const patientId = link.patientId ?? '';
      // With the registration's patient known, their code is on this page.
      this.setData({ patientId, ...(patientId === '' ? {} : { checkInHint: `${CHECK_IN_HINT}（就诊码见下方）` }) });
      if (this.registrationId === '') {
        this.setData({ state: 'error', errorMessage: MISSING_REGISTRATION_MESSAGE });
        return;
      }
      void this.refresh();
    },
    /** Shown again after being hidden (pollingBehavior): ask now. */
    resumePolling() {
      if (this.registrationId !== '') void this.refresh();
    },
    async refresh() {
      stopPolling(this);
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
      // After the visit nothing moves any more.
      if (!mayPollAgain(this) || this.data.queue?.state === 'done') return;
      this.pollTimer = setTimeout(() => void this.refresh(), QUEUE_REFRESH_MS);
    },
    onRefresh() {
      void this.refresh();
    },
    onRetry() {
      this.setData({ state: 'loading' });
      void this.refresh();
    },
    onSubscribe() {
      // push: 候诊提醒 (long-term where the hospital has it), asked on this tap.
      void askConsent('queue');
    },
    onShowCode() {
      // The check-in QR code is on the home tab's patient card.
      void wx.switchTab({ url: routes.home() });
    },
  },
});
