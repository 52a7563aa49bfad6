/**
 * 支付结果: follows one order to its end state. Polls `order.get` (2 s, backing off to 10 s) while
 * the page shows and the order is not final; after the cap it offers 刷新. An unpaid order offers
 * 继续支付 until it expires (the same bills answer the same order; a registration or take-number
 * order reopens the pay sheet issued on this run). Registration fees (当日挂号, 取号, 预约 where the
 * hospital charges at booking) read as such and lead on to 我的挂号 (我的预约 for an appointment).
 */
import type { OrderKind, OrderView } from '../../../../typings/payment';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { isFinalOrderStatus } from '../../../core/orders';
import { formatHospital } from '../../../core/time';
import { payOrder, rememberedPayment, type PayOutcome } from '../../../services/pay';
import { loadOrder, payBills } from '../../../services/payments';
import { formatFen } from '../../../view-models/format';
import { showLoadError } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { mayPollAgain, pollingBehavior, stopPolling, type PollingPage } from '../../../behaviors/poll';
import { canContinuePaying, orderPollDelay, orderSteps, payRefusalMessage, type OrderStep } from '../../../view-models/payment';
import { routes } from '../../../routes';

/** What every refund says about the money's way back. */
export const REFUND_NOTE = '款项将原路退回，一般1-3个工作日到账';

/** Non-render state. */
interface ResultPageState extends PollingPage {
  outTradeNo: string;
  /** The bills this order pays, when the page was opened from 门诊缴费 (继续支付 needs them). */
  patientId: string;
  billIds: string[];
  /** Polls since the last start; the delay grows with it. */
  attempt: number;
  final: boolean;
  continuing: boolean;
  /** What the patient did on the pay sheet last (from the bills page or 继续支付): the note says so. */
  outcome: PayOutcome | '';
  /** When the unpaid order closes (ISO), for 继续支付. */
  expiresAt: string;
}

/** What the page says under the status, by status. */
const OUTCOME_NOTES: Record<PayOutcome | '', string> = { '': '', paid: '', cancelled: '您已取消支付，', failed: '支付未成功，' };

/**
 * Orders that pay a registration fee: 当日挂号 holds a slot while unpaid, and so does 预约 where the
 * hospital charges at booking; 取号 turns an appointment into a registration.
 */
function isRegistrationFee(kind: OrderKind): boolean {
  return kind === 'registration' || kind === 'appointment' || kind === 'take-number';
}

/** An inpatient deposit (住院押金): paid again only with the pay sheet issued on this run; leads back to 住院服务. */
function isDeposit(kind: OrderKind): boolean {
  return kind === 'inpatient-deposit';
}

/** What a confirmed order of each registration kind means for the patient. */
function confirmedNote(kind: OrderKind): string {
  if (isDeposit(kind)) return '押金已缴纳，住院押金余额已更新，可在“住院服务”中查看';
  if (kind === 'appointment') return '预约成功，挂号费已缴，就诊当日在就诊时段开始前取号即可（无需再缴费），可在“我的预约”中查看';
  return isRegistrationFee(kind) ? '挂号成功，请按时就诊，可在“我的挂号”中查看排队叫号' : '缴费成功，请按医嘱取药、检查或治疗';
}

function noteOf(order: OrderView, now: number, outcome: PayOutcome | ''): string {
  const registration = isRegistrationFee(order.kind);
  switch (order.status) {
    case 'created':
      if (!canContinuePaying(order, now)) {
        return registration ? '订单已超时未支付，号源已释放，不会扣款。如需挂号，请重新选择号源' : '订单已超时未支付，将自动关闭，不会扣款。如需缴费，请返回重新选择费用';
      }
      return `${OUTCOME_NOTES[outcome]}请在${formatHospital(Date.parse(order.expiresAt), 'HH:mm')}前完成支付，${order.kind === 'registration' || order.kind === 'appointment' ? '超时号源自动释放' : '超时订单将自动关闭'}`;
    case 'paying':
      return '正在等待微信支付结果，请稍候';
    case 'paid':
      return registration ? '款项已支付，医院确认通常只需几秒，请勿重复挂号' : '款项已支付，医院确认通常只需几秒，请勿重复缴费';
    case 'confirmed':
      return confirmedNote(order.kind);
    case 'closed':
      return registration ? '订单已关闭，未扣款。如需挂号，请重新选择号源' : '订单已关闭，未扣款。如需缴费，请返回重新选择费用';
    case 'refunding':
    case 'refunded':
      return REFUND_NOTE;
    case 'refund-abnormal':
      return '微信支付未能完成退款，医院工作人员将与您联系，款项不会丢失';
  }
}

pageComponent<ResultPageState>()({
  behaviors: [elderModeBehavior, pollingBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    status: '',
    statusLabel: '',
    description: '',
    patientName: '',
    amountText: '',
    outTradeNo: '',
    receiptNo: '',
    refundText: '',
    note: '',
    steps: [] as OrderStep[],
    active: 0,
    canContinue: false,
    continuing: false,
    /** A registration fee: the page leads on to 我的挂号 (我的预约 for an appointment). */
    registration: false,
    appointment: false,
    /** An inpatient deposit: the page leads back to 住院服务. */
    deposit: false,
    /** Polling stopped at the cap while the order is not final: 刷新 asks again. */
    capped: false,
  },
  lifetimes: {
    attached() {
      this.outTradeNo = '';
      this.patientId = '';
      this.billIds = [];
      this.attempt = 0;
      this.final = false;
      this.continuing = false;
      this.outcome = '';
      this.expiresAt = '';
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.outTradeNo = decodeURIComponent(query.outTradeNo ?? '');
      this.patientId = decodeURIComponent(query.patientId ?? '');
      this.billIds = decodeURIComponent(query.billIds ?? '')
        .split(',')
        .filter((id) => id !== '');
      this.setData({ note: '', outTradeNo: this.outTradeNo });
      this.outcome = query.outcome === 'cancelled' || query.outcome === 'failed' || query.outcome === 'paid' ? query.outcome : '';
      if (this.outTradeNo === '') {
        this.setData({ state: 'error', errorMessage: '未找到该订单，请在“我的订单”中查看' });
        return;
      }
      void this.poll();
    },
    /** Back on screen (from WeChat, another app; pollingBehavior): ask now and follow again if still moving. */
    resumePolling() {
      if (!this.final && this.outTradeNo !== '') this.restart();
    },
    async poll() {
      stopPolling(this);
      this.request += 1;
      const request = this.request;
      const answer = await loadOrder(this.outTradeNo);
      if (request !== this.request || this.gone) return;
      if (answer.ok) {
        this.show(answer.data);
      } else if (this.data.state !== 'ready') {
        // Nothing to show yet: the error state with 重试. Later failures keep the last known order.
        showLoadError(this, answer);
        return;
      }
      if (!this.final) this.schedulePoll();
    },
    show(order: OrderView) {
      this.final = isFinalOrderStatus(order.status);
      this.expiresAt = order.expiresAt;
      const { steps, active } = orderSteps(order);
      const refunding = order.status === 'refunding' || order.status === 'refunded';
      this.setData({
        state: 'ready',
        status: order.status,
        statusLabel: order.statusLabel,
        description: order.description,
        patientName: order.patientName,
        amountText: formatFen(order.amount),
        outTradeNo: order.outTradeNo,
        receiptNo: order.status === 'confirmed' ? order.receiptNo ?? '' : '',
        refundText: refunding ? formatFen(order.refundAmount ?? order.amount) : '',
        note: noteOf(order, Date.now(), this.outcome),
        steps,
        active,
        // A registration fee can only be paid again with the pay sheet issued on this run.
        canContinue: canContinuePaying(order, Date.now()) && ((!isRegistrationFee(order.kind) && !isDeposit(order.kind)) || rememberedPayment(order.outTradeNo) !== undefined),
        registration: isRegistrationFee(order.kind),
        deposit: isDeposit(order.kind),
        appointment: order.kind === 'appointment',
        capped: false,
      });
    },
    schedulePoll() {
      if (!mayPollAgain(this)) return;
      const delay = orderPollDelay(this.attempt);
      if (delay === null) {
        this.setData({ capped: true });
        return;
      }
      this.attempt += 1;
      this.pollTimer = setTimeout(() => void this.poll(), delay);
    },
    restart() {
      this.attempt = 0;
      this.setData({ capped: false });
      void this.poll();
    },
    onRefresh() {
      this.restart();
    },
    onRetry() {
      this.setData({ state: 'loading' });
      this.restart();
    },
    async onContinue() {
      if (this.continuing || !this.data.canContinue) return;
      if (!canContinuePaying({ status: 'created', expiresAt: this.expiresAt }, Date.now())) {
        // Expired while the page sat idle: show the order as it is now instead.
        this.restart();
        return;
      }
      if (this.patientId === '' || this.billIds.length === 0) {
        const issued = rememberedPayment(this.outTradeNo);
        if (issued !== undefined) {
          await this.payAgain(issued);
          return;
        }
        // Opened from 我的订单: the bills page pays the same bills again, which answers this order.
        void wx.navigateTo({ url: routes.bills() });
        return;
      }
      this.continuing = true;
      this.setData({ continuing: true });
      const answer = await payBills(this.patientId, this.billIds);
      if (this.gone) return;
      if (!answer.ok) {
        this.continuing = false;
        this.setData({ continuing: false });
        void wx.showToast({ title: payRefusalMessage(answer), icon: 'none', duration: 3000 });
        this.restart();
        return;
      }
      // The same bills give the same order while it is payable; follow whichever order answers.
      this.outTradeNo = answer.data.order.outTradeNo;
      const outcome = await payOrder(answer.data.payment, this.outTradeNo);
      this.continuing = false;
      this.outcome = outcome;
      this.setData({ continuing: false });
      if (!this.gone) this.restart();
    },
    /** Opens the pay sheet issued for this order again (WeChat keeps it valid while unpaid). */
    async payAgain(payment: Parameters<typeof payOrder>[0]) {
      this.continuing = true;
      this.setData({ continuing: true });
      const outcome = await payOrder(payment, this.outTradeNo);
      this.continuing = false;
      this.outcome = outcome;
      if (this.gone) return;
      this.setData({ continuing: false });
      this.restart();
    },
    onDone() {
      // Back past the pay flow; opened by itself (a shared link, a notice) there is nothing behind: home.
      if (getCurrentPages().length > 1) void wx.navigateBack({ delta: 1 });
      else void wx.switchTab({ url: routes.home() });
    },
    onHome() {
      void wx.switchTab({ url: routes.home() });
    },
    onOpenOrders() {
      void wx.redirectTo({ url: routes.orders() });
    },
    onOpenRegistrations() {
      void wx.redirectTo({ url: this.data.appointment ? routes.appointments() : routes.registrations() });
    },
    onOpenInpatient() {
      void wx.redirectTo({ url: routes.inpatient() });
    },
  },
});
