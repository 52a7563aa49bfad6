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
import { cancelAppointment, loadAppointments, payAppointment, takeNumber } from '../../../services/booking';
import { payOrder } from '../../../services/pay';
import { appointmentRow, DEPARTMENTS_URL, PAYMENT_RESULT_URL, REGISTRATIONS_URL, upcomingFirst, type AppointmentRow } from '../../../utils/booking';
import { askToConfirm, dismissConfirm, takeConfirmed } from '../../../utils/confirm';
import { patientMessage } from '../../../utils/format';
import { loadLatest } from '../../../utils/load';
import { pageComponent } from '../../../utils/page';
import { askConsent } from '../../../services/subscribe';
import { landOnPatient } from '../../../services/deep-link';

/** Non-render state. */
interface AppointmentsPageState {
  appointments: AppointmentView[];
  /** The appointment the open confirmation (取消预约) is about. */
  pending: string;
  /** A cancel or take-number in flight: other taps wait. */
  busy: boolean;
  request: number;
  loadedOnce: boolean;
  gone: boolean;
}

pageComponent<AppointmentsPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    rows: [] as AppointmentRow[],
    /** The appointment whose action is in flight (its button shows loading). */
    busyId: '',
    busyAction: '' as '' | 'cancel' | 'take' | 'pay',
    actionError: '',
    confirmShown: false,
    confirmMessage: '',
  },
  lifetimes: {
    attached() {
      this.appointments = [];
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
      // Back from paying for a number: the appointment now reads 已取号.
      if (this.loadedOnce && !this.busy) void this.load(false);
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      void landOnPatient(query);
      void this.load();
    },
    async load(showLoading = true) {
      const data = await loadLatest(this, loadAppointments, showLoading);
      if (data) this.show(data.appointments);
    },
    show(appointments: AppointmentView[]) {
      const now = Date.now();
      this.appointments = upcomingFirst(appointments, now);
      this.setData({ state: this.appointments.length === 0 ? 'empty' : 'ready', rows: this.appointments.map((a) => appointmentRow(a, now)) });
    },
    /** Puts one appointment's new state in place (the cloud answers the updated view). */
    replace(updated: AppointmentView) {
      this.show(this.appointments.map((a) => (a.appointmentId === updated.appointmentId ? updated : a)));
    },
    onRetry() {
      void this.load();
    },
    onBook() {
      void wx.navigateTo({ url: DEPARTMENTS_URL });
    },
    onOpenRegistrations() {
      void wx.navigateTo({ url: REGISTRATIONS_URL });
    },
    onAskCancel(event: { currentTarget: { dataset: { appointmentId?: string } } }) {
      const row = this.data.rows.find((r) => r.appointmentId === event.currentTarget.dataset.appointmentId);
      if (!row?.canCancel || this.busy) return;
      askToConfirm(this, row.appointmentId, row.cancelQuestion);
    },
    onKeep() {
      dismissConfirm(this);
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
        this.refuse(answer);
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
      this.setData({ busyId: row.appointmentId, busyAction: action, actionError: '' });
      const answer = await call(row.appointmentId);
      if (this.gone) return;
      if (answer.ok) await then(answer.data);
      else this.refuse(answer);
      this.busy = false;
      if (!this.gone) this.setData({ busyId: '', busyAction: '' });
    },
    /** The pay sheet, then the payment result page, which follows the order to its end. */
    async pay({ order, payment }: { order: OrderView; payment: WxPaymentParams }) {
      const outcome = await payOrder(payment, order.outTradeNo);
      void wx.navigateTo({ url: `${PAYMENT_RESULT_URL}?outTradeNo=${encodeURIComponent(order.outTradeNo)}&outcome=${outcome}` });
    },
    refuse(failure: Pick<Failure, 'code' | 'message'>) {
      this.setData({ actionError: patientMessage(failure) });
      // The refusal means the list is out of date (a deadline or window passed): show it as it is now.
      if (failure.code === 'RULE_VIOLATION' || failure.code === 'CONFLICT' || failure.code === 'NOT_FOUND') void this.load(false);
    },
  },
});
