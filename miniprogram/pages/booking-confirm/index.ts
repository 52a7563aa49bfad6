/**
 * 确认挂号信息: the current patient (switch one tap away), the chosen slot, the fee and this hospital's
 * rules in plain words, then one submission: a later date is 预约 (appointment.create, then a success
 * state with 查看我的预约 — or, where the hospital charges at booking, pay at once and the payment
 * result page); today's session is 当日挂号 (registration.create, pay at once, then the payment
 * result page). The submit button stays disabled while a submission is in flight, and every refusal
 * says what to do next.
 */
import type { SlotChoice } from '../../../typings/booking';
import type { WxPaymentParams } from '../../../typings/payment';
import type { BookingRules, Schedule } from '../../../typings/hospital';
import type { BoundPatient } from '../../../typings/patient';
import type { Failure } from '../../../typings/result';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { bookAppointment, loadSlots, registerToday } from '../../services/booking';
import { loadHospitalInfo } from '../../services/hospital';
import { payOrder } from '../../services/pay';
import { ensurePatients, onPatientsChange, type PatientsSnapshot } from '../../services/patients';
import { bookingMode, bookingRuleTexts, bookingRefusal, cancelDeadlineText, MODE_TITLES, sessionSummary, takeNumberWindowText, type BookingMode, type BookingRefusal, type SessionSummary } from '../../view-models/booking';
import { bothOk, showLoadError } from '../../behaviors/load';
import { pageComponent } from '../../behaviors/page';
import { routes } from '../../routes';
import { askConsent } from '../../services/subscribe';

/** Non-render state. */
interface ConfirmPageState {
  scheduleId: string;
  slotId: string;
  mode: BookingMode;
  /** A submission in flight: a second tap does nothing. */
  submitting: boolean;
  unsubscribe?: () => void;
  gone: boolean;
}

/** What stops the submission before it is sent, with the button that fixes it. */
interface Blocker {
  text: string;
  actionText: string;
  url: string;
}

/** The appointment as the success state shows it. */
interface BookedView {
  patientName: string;
  location: string;
  takeNumberText: string;
  cancelText: string;
}

export const SLOT_GONE_MESSAGE = '该时段已被预约，请返回重新选择时段';
export const MISSING_SLOT_MESSAGE = '未找到该时段，请返回重新选择';

/** Why this patient cannot submit now, or null. 当日挂号 needs a real-name verified card (docs/architecture.md#booking-rules). */
function blockerFor(patient: BoundPatient | null, mode: BookingMode): Blocker | null {
  if (patient === null) return { text: '还没有就诊人，请先添加就诊人', actionText: '添加就诊人', url: routes.patientAdd() };
  if (mode === 'registration' && patient.card?.state !== 'verified') {
    return {
      text: `当日挂号需绑定已实名认证的就诊卡，${patient.name}尚未绑定。请先绑定就诊卡，或到医院窗口挂号`,
      actionText: '绑定就诊卡',
      url: routes.patientCard({ patientId: patient.patientId }),
    };
  }
  return null;
}

pageComponent<ConfirmPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    session: null as SessionSummary | null,
    slotText: '',
    mode: 'appointment' as BookingMode,
    modeTitle: '',
    rules: [] as readonly string[],
    /** The fee is paid when booking (the hospital's rule): the button says so and the pay sheet follows. */
    payAtBooking: false,
    patientId: '',
    blocker: null as Blocker | null,
    /** The slot was taken before the patient submitted. */
    slotGone: false,
    submitting: false,
    refusal: null as BookingRefusal | null,
    /** Set once 预约 succeeded: the page shows its success state. */
    booked: null as BookedView | null,
  },
  lifetimes: {
    attached() {
      this.scheduleId = '';
      this.slotId = '';
      this.mode = 'appointment';
      this.submitting = false;
      this.gone = false;
      this.unsubscribe = onPatientsChange((snapshot) => this.showPatient(snapshot));
    },
    detached() {
      this.gone = true;
      this.unsubscribe?.();
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.scheduleId = decodeURIComponent(query.scheduleId ?? '');
      this.slotId = decodeURIComponent(query.slotId ?? '');
      void this.load();
    },
    async load() {
      if (this.scheduleId === '' || this.slotId === '') {
        this.setData({ state: 'error', errorMessage: MISSING_SLOT_MESSAGE });
        return;
      }
      this.setData({ state: 'loading' });
      const [slotsAnswer, patientsAnswer, hospital] = await Promise.all([loadSlots(this.scheduleId), ensurePatients(), loadHospitalInfo()]);
      const answer = bothOk(bothOk(slotsAnswer, patientsAnswer), hospital);
      if (this.gone) return;
      if (!answer.ok) {
        showLoadError(this, answer);
        return;
      }
      const [[{ schedule, slots }, patients], { bookingRules }] = answer.data;
      const slot = slots.find((s) => s.slotId === this.slotId);
      if (!slot) {
        this.setData({ state: 'error', errorMessage: MISSING_SLOT_MESSAGE });
        return;
      }
      this.showSlot(schedule, slot, bookingRules);
      this.showPatient(patients);
    },
    showSlot(schedule: Schedule, slot: SlotChoice, rules: BookingRules) {
      this.mode = bookingMode(schedule.date, Date.now());
      this.setData({
        state: 'ready',
        session: sessionSummary(schedule),
        slotText: `${slot.startTime}-${slot.endTime}`,
        mode: this.mode,
        modeTitle: MODE_TITLES[this.mode],
        rules: bookingRuleTexts(this.mode, rules),
        payAtBooking: rules.payAtBooking,
        slotGone: !slot.available,
      });
      void wx.setNavigationBarTitle({ title: `确认${MODE_TITLES[this.mode]}` });
    },
    showPatient(snapshot: PatientsSnapshot) {
      if (!snapshot.loaded || this.data.booked !== null) return;
      const current = snapshot.current;
      // Another patient, another answer: a refusal for the previous one no longer applies.
      const changed = (current?.patientId ?? '') !== this.data.patientId;
      this.setData({ patientId: current?.patientId ?? '', blocker: blockerFor(current, this.mode), ...(changed ? { refusal: null } : {}) });
    },
    onRetry() {
      void this.load();
    },
    onBlockerAction() {
      const blocker = this.data.blocker;
      if (blocker !== null) void wx.navigateTo({ url: blocker.url });
    },
    async onSubmit() {
      const patientId = this.data.patientId;
      if (this.submitting || patientId === '' || this.data.blocker !== null || this.data.slotGone || this.data.booked !== null) return;
      this.submitting = true;
      this.setData({ submitting: true, refusal: null });
      // push: 预约成功 / 就诊提醒 / 停诊通知 need the patient's consent, asked on this tap.
      void askConsent('booking');
      if (this.mode === 'appointment') await this.book(patientId);
      else await this.register(patientId);
    },
    async book(patientId: string) {
      const answer = await bookAppointment(patientId, this.slotId, this.scheduleId);
      if (this.gone) return;
      if (!answer.ok) {
        this.submitting = false;
        this.refuse(answer);
        return;
      }
      const view = answer.data;
      if (view.pay) {
        // Held until paid: the pay sheet, then the result page, which follows the order (and offers 继续支付).
        await this.payAndFollow(view.pay.order.outTradeNo, view.pay.payment);
        return;
      }
      this.submitting = false;
      const windowText = takeNumberWindowText(view.takeNumber);
      this.setData({
        submitting: false,
        booked: {
          patientName: view.patientName,
          location: view.location,
          takeNumberText: windowText === '' ? '' : `取号时间：${windowText}`,
          cancelText: cancelDeadlineText(view.cancelDeadline),
        },
      });
      void wx.setNavigationBarTitle({ title: '预约成功' });
    },
    async register(patientId: string) {
      const answer = await registerToday(patientId, this.slotId, this.scheduleId);
      if (this.gone) return;
      if (!answer.ok) {
        this.submitting = false;
        this.refuse(answer);
        return;
      }
      await this.payAndFollow(answer.data.order.outTradeNo, answer.data.payment);
    },
    async payAndFollow(outTradeNo: string, payment: WxPaymentParams) {
      const outcome = await payOrder(payment, outTradeNo);
      // Whatever the patient did on the pay sheet, the result page shows where the money is (and 继续支付).
      void wx.redirectTo({ url: routes.paymentResult({ outTradeNo, outcome }) });
      this.submitting = false;
      if (!this.gone) this.setData({ submitting: false });
    },
    refuse(failure: Pick<Failure, 'code' | 'message'>) {
      const refusal = bookingRefusal(failure, this.mode);
      this.setData({ submitting: false, refusal, ...(failure.code === 'SOLD_OUT' ? { slotGone: true } : {}) });
    },
    onRefusalAction() {
      const refusal = this.data.refusal;
      if (refusal === null) return;
      switch (refusal.action) {
        case 'reselect':
          // Back to the grid, which asks again when it shows.
          this.onReselect();
          return;
        case 'appointments':
          void wx.navigateTo({ url: routes.appointments() });
          return;
        case 'bind-card':
          void wx.navigateTo({ url: routes.patientCard({ patientId: this.data.patientId }) });
          return;
        default:
          return;
      }
    },
    onReselect() {
      wx.navigateBack({ fail: () => void wx.redirectTo({ url: routes.slots({ scheduleId: this.scheduleId }) }) });
    },
    onOpenAppointments() {
      void wx.redirectTo({ url: routes.appointments() });
    },
    onHome() {
      void wx.switchTab({ url: routes.home() });
    },
  },
});
