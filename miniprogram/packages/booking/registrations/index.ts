/**
 * 我的挂号: the account's registrations (当日挂号 and numbers taken for appointments), latest first,
 * with the queue number. 退号 while the cloud allows it (after a confirmation; the fee goes back the
 * way it was paid) and 排队叫号 for a visit still ahead.
 */
import type { RegistrationView } from '../../../../typings/booking';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { loadRegistrations, refundRegistration } from '../../../services/booking';
import { DEPARTMENTS_URL, latestFirst, QUEUE_URL, REFUND_NOTE, registrationRow, type RegistrationRow } from '../../../utils/booking';
import { askToConfirm, dismissConfirm, takeConfirmed } from '../../../utils/confirm';
import { patientMessage } from '../../../utils/format';
import { loadLatest } from '../../../utils/load';
import { pageComponent } from '../../../utils/page';

/** Non-render state. */
interface RegistrationsPageState {
  registrations: RegistrationView[];
  /** The registration the open confirmation (退号) is about. */
  pending: string;
  busy: boolean;
  request: number;
  loadedOnce: boolean;
  gone: boolean;
}

pageComponent<RegistrationsPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    rows: [] as RegistrationRow[],
    busyId: '',
    actionError: '',
    confirmShown: false,
    confirmMessage: '',
  },
  lifetimes: {
    attached() {
      this.registrations = [];
      this.pending = '';
      this.busy = false;
      this.request = 0;
      this.loadedOnce = false;
      this.gone = false;
    },
    detached() {
      this.gone = true;
      this.request += 1;
    },
  },
  pageLifetimes: {
    show() {
      // Back from the queue or a payment: the status may have moved on (checked in, visited).
      if (this.loadedOnce && !this.busy) void this.load(false);
    },
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load(showLoading = true) {
      const data = await loadLatest(this, loadRegistrations, showLoading);
      if (data) this.show(data.registrations);
    },
    show(registrations: RegistrationView[]) {
      this.registrations = latestFirst(registrations);
      this.setData({ state: this.registrations.length === 0 ? 'empty' : 'ready', rows: this.registrations.map(registrationRow) });
    },
    onRetry() {
      void this.load();
    },
    onBook() {
      void wx.navigateTo({ url: DEPARTMENTS_URL });
    },
    onOpenQueue(event: { currentTarget: { dataset: { registrationId?: string } } }) {
      const registrationId = event.currentTarget.dataset.registrationId ?? '';
      if (registrationId !== '') void wx.navigateTo({ url: `${QUEUE_URL}?registrationId=${encodeURIComponent(registrationId)}` });
    },
    onAskRefund(event: { currentTarget: { dataset: { registrationId?: string } } }) {
      const row = this.data.rows.find((r) => r.registrationId === event.currentTarget.dataset.registrationId);
      if (!row?.canRefund || this.busy) return;
      askToConfirm(this, row.registrationId, row.refundQuestion);
    },
    onKeep() {
      dismissConfirm(this);
    },
    async onConfirmRefund() {
      const registrationId = takeConfirmed(this);
      if (registrationId === '') return;
      this.busy = true;
      this.setData({ busyId: registrationId });
      const answer = await refundRegistration(registrationId);
      this.busy = false;
      if (this.gone) return;
      this.setData({ busyId: '' });
      if (!answer.ok) {
        this.setData({ actionError: patientMessage(answer) });
        // Refused because the visit moved on (checked in, started): show it as it is now.
        void this.load(false);
        return;
      }
      this.show(this.registrations.map((r) => (r.registrationId === registrationId ? answer.data : r)));
      void wx.showModal({ title: '退号成功', content: REFUND_NOTE, showCancel: false, confirmText: '知道了' });
    },
  },
});
