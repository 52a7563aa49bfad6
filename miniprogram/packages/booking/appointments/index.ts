/**
 * 我的预约: the account's appointments, upcoming first, each with its status. 取消预约 while the
 * cloud says it can be cancelled (after a confirmation naming the doctor and the time; a fee paid at
 * booking goes back); 去支付 while an appointment is held unpaid (where the hospital charges at
 * booking); 取号缴费 while the take-number window is open (then pay, then the payment result page),
 * or 取号 without payment when the fee was paid at booking. When nothing is possible any more, the
 * row says why and where to go instead.
 */
import type { AppointmentView } from '../../../../typings/booking';
import type { OrderView, WxPaymentParams } from '../../../../typings/payment';
import type { Failure, Result } from '../../../../typings/result';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { filteredPatientId, patientFilterBehavior, showPatientFilters } from '../../../behaviors/patient-filter';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { cancelAppointment, loadAppointments, payAppointment, takeNumber } from '../../../services/booking';
import { payOrder } from '../../../services/pay';
import { appointmentRow, upcomingFirst, type AppointmentRow } from '../../../view-models/booking';
import { askToConfirm, confirmBehavior, takeConfirmed, type ConfirmingPage } from '../../../behaviors/confirm';
import { patientMessage } from '../../../view-models/format';
import { loadLatest, reloadingListBehavior, type ReloadingPage } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { routes } from '../../../routes';
import { askConsent } from '../../../services/subscribe';
import { landOnPatient } from '../../../services/deep-link';

/** Non-render state (`pending`: the appointment 取消预约 asks about; `busy`: a cancel, take-number or payment in flight). */
interface AppointmentsPageState extends Omit<ReloadingPage, 'setData' | 'data' | 'load' | 'busy'>, Omit<ConfirmingPage, 'setData'> {
  appointments: AppointmentView[];
}

pageComponent<AppointmentsPageState>()({
  behaviors: [elderModeBehavior, reloadingListBehavior, confirmBehavior, pullDownRefreshBehavior, patientFilterBehavior],
  data: {
    rows: [] as AppointmentRow[],
    /** The appointment whose action is in flight (its button shows loading). */
    busyId: '',
    busyAction: '' as '' | 'cancel' | 'take' | 'pay',
    /** The row the refusal in `actionError` is about: it shows beside that row. */
    actionErrorId: '',
  },
  lifetimes: {
    attached() {
      this.appointments = [];
    },
  },
  methods: {
    // Loading, 重试 and the quiet reload on coming back from paying (the row then reads 已取号): reloadingListBehavior.
    onLoad(query: Record<string, string | undefined> = {}) {
      void landOnPatient(query);
      void this.load();
    },
    async load(showLoading = true) {
      void showPatientFilters(this);
      const patientId = filteredPatientId(this);
      const data = await loadLatest(this, () => loadAppointments(patientId), showLoading);
      if (data) this.show(data.appointments);
    },
    show(appointments: AppointmentView[]) {
      const now = Date.now();
      this.appointments = upcomingFirst(appointments, now);
      const rows = this.appointments.map((a) => appointmentRow(a, now));
      // A refusal stays beside its row; if the row is gone, it moves to the top.
      const errorRowShown = rows.some((r) => r.appointmentId === this.data.actionErrorId);
      this.setData({ state: rows.length === 0 ? 'empty' : 'ready', rows, ...(errorRowShown ? {} : { actionErrorId: '' }) });
    },
    /** Puts one appointment's new state in place (the cloud answers the updated view). */
    replace(updated: AppointmentView) {
      this.show(this.appointments.map((a) => (a.appointmentId === updated.appointmentId ? updated : a)));
    },
    onBook() {
      void wx.navigateTo({ url: routes.departments() });
    },
    onOpenRegistrations() {
      void wx.navigateTo({ url: routes.registrations() });
    },
    onAskCancel(event: { currentTarget: { dataset: { appointmentId?: string } } }) {
      const row = this.data.rows.find((r) => r.appointmentId === event.currentTarget.dataset.appointmentId);
      if (!row?.canCancel || this.busy) return;
      askToConfirm(this, row.appointmentId, row.cancelQuestion);
    },
    async onConfirmCancel() {
      const appointmentId = takeConfirmed(this);
      if (appointmentId === '') return;
      this.busy = true;
      this.setData({ busyId: appointmentId, busyAction: 'cancel' });
      const answer = await cancelAppointment(appointmentId);
      this.busy = false;
      if (this.gone) return;
      this.setData({ busyId: '', busyAction: '' });
      if (!answer.ok) {
        this.refuse(answer, appointmentId);
        return;
      }
      this.replace(answer.data);
      void wx.showToast({ title: '已取消预约', icon: 'success' });
    },
    onTakeNumber(event: { currentTarget: { dataset: { appointmentId?: string } } }) {
      // push: 诊室位置 / 缴费提醒 / 检查注意事项, asked on this tap.
      void askConsent('takeNumber');
      void this.act(event.currentTarget.dataset.appointmentId, 'take', takeNumber, async (taken) => {
        if (!('registration' in taken)) return this.pay(taken);
        // Paid at booking: the number is taken, nothing more to pay.
        void wx.showToast({ title: '取号成功', icon: 'success' });
        await this.load(false);
      });
    },
    onPay(event: { currentTarget: { dataset: { appointmentId?: string } } }) {
      void this.act(event.currentTarget.dataset.appointmentId, 'pay', payAppointment, (payable) => this.pay(payable));
    },
    /** One row's 取号 or 去支付 while the row offers it: the button loads, a refusal is shown, `then` follows a success. */
    async act<T>(appointmentId: string | undefined, action: 'take' | 'pay', call: (id: string) => Promise<Result<T>>, then: (data: T) => Promise<void>) {
      const row = this.data.rows.find((r) => r.appointmentId === appointmentId);
      if (!row || !(action === 'take' ? row.canTakeNow : row.canPay) || this.busy) return;
      this.busy = true;
      this.setData({ busyId: row.appointmentId, busyAction: action, actionError: '', actionErrorId: '' });
      const answer = await call(row.appointmentId);
      if (this.gone) return;
      if (answer.ok) await then(answer.data);
      else this.refuse(answer, row.appointmentId);
      this.busy = false;
      if (!this.gone) this.setData({ busyId: '', busyAction: '' });
    },
    /** The pay sheet, then the payment result page, which follows the order to its end. */
    async pay({ order, payment }: { order: OrderView; payment: WxPaymentParams }) {
      const outcome = await payOrder(payment, order.outTradeNo);
      void wx.navigateTo({ url: routes.paymentResult({ outTradeNo: order.outTradeNo, outcome }) });
    },
    /** Shows the refusal beside the row it is about. */
    refuse(failure: Pick<Failure, 'code' | 'message'>, appointmentId: string) {
      this.setData({ actionError: patientMessage(failure), actionErrorId: appointmentId });
      // The refusal means the list is out of date (a deadline or window passed): show it as it is now.
      if (failure.code === 'RULE_VIOLATION' || failure.code === 'CONFLICT' || failure.code === 'NOT_FOUND') void this.load(false);
    },
  },
});
