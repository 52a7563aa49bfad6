/**
 * 我的挂号: the account's registrations (当日挂号 and numbers taken for appointments), latest first,
 * with the queue number. 退号 while the cloud allows it (after a confirmation; the fee goes back the
 * way it was paid) and 排队叫号 for a visit still ahead.
 */
import type { RegistrationView } from '../../../../typings/booking';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { filteredPatientId, patientFilterBehavior, showPatientFilters } from '../../../behaviors/patient-filter';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { loadRegistrations, refundRegistration } from '../../../services/booking';
import { latestFirst, REFUND_NOTE, registrationRow, type RegistrationRow } from '../../../view-models/booking';
import { askToConfirm, confirmBehavior, takeConfirmed, type ConfirmingPage } from '../../../behaviors/confirm';
import { patientMessage } from '../../../view-models/format';
import { loadLatest, reloadingListBehavior, type ReloadingPage } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { routes } from '../../../routes';

/** Non-render state (`pending`: the registration 退号 asks about; `busy`: a refund in flight). */
interface RegistrationsPageState extends Omit<ReloadingPage, 'setData' | 'data' | 'load' | 'busy'>, Omit<ConfirmingPage, 'setData'> {
  registrations: RegistrationView[];
}

pageComponent<RegistrationsPageState>()({
  behaviors: [elderModeBehavior, reloadingListBehavior, confirmBehavior, pullDownRefreshBehavior, patientFilterBehavior],
  data: {
    rows: [] as RegistrationRow[],
    busyId: '',
    /** The row the refusal in `actionError` is about: it shows beside that row. */
    actionErrorId: '',
  },
  lifetimes: {
    attached() {
      this.registrations = [];
    },
  },
  methods: {
    // Loading, 重试 and the quiet reload on coming back from the queue (checked in, visited): reloadingListBehavior.
    async load(showLoading = true) {
      void showPatientFilters(this);
      const patientId = filteredPatientId(this);
      const data = await loadLatest(this, () => loadRegistrations(patientId), showLoading);
      if (data) this.show(data.registrations);
    },
    show(registrations: RegistrationView[]) {
      this.registrations = latestFirst(registrations);
      const rows = this.registrations.map(registrationRow);
      // A refusal stays beside its row; if the row is gone, it moves to the top.
      const errorRowShown = rows.some((r) => r.registrationId === this.data.actionErrorId);
      this.setData({ state: rows.length === 0 ? 'empty' : 'ready', rows, ...(errorRowShown ? {} : { actionErrorId: '' }) });
    },
    onBook() {
      void wx.navigateTo({ url: routes.departments() });
    },
    onOpenQueue(event: { currentTarget: { dataset: { registrationId?: string } } }) {
      const registrationId = event.currentTarget.dataset.registrationId ?? '';
      // The queue page shows this registration's patient's code, whoever is current.
      const patientId = this.registrations.find((r) => r.registrationId === registrationId)?.patientId;
      if (registrationId !== '') void wx.navigateTo({ url: routes.queue({ registrationId, patientId }) });
    },
    onAskRefund(event: { currentTarget: { dataset: { registrationId?: string } } }) {
      const row = this.data.rows.find((r) => r.registrationId === event.currentTarget.dataset.registrationId);
      if (!row?.canRefund || this.busy) return;
      askToConfirm(this, row.registrationId, row.refundQuestion);
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
        this.setData({ actionError: patientMessage(answer), actionErrorId: registrationId });
        // Refused because the visit moved on (checked in, started): show it as it is now.
        void this.load(false);
        return;
      }
      this.show(this.registrations.map((r) => (r.registrationId === registrationId ? answer.data : r)));
      void wx.showModal({ title: '退号成功', content: REFUND_NOTE, showCancel: false, confirmText: '知道了' });
    },
  },
});
