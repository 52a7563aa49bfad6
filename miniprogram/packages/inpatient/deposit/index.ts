/**
 * 缴纳押金: the stay's balance, presets of 1,000 / 2,000 / 5,000 yuan or another amount (100 to
 * 50,000 yuan, to the fen), paid with WeChat Pay; then the payment result page the patient knows
 * follows the money until the hospital has counted it.
 */
import type { StayView } from '../../../../typings/inpatient';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { DEPOSIT_PRESETS_FEN, depositAmountRefusal } from '../../../core/inpatient';
import { yuanToFen } from '../../../core/money';
import { payOrder } from '../../../services/pay';
import { loadStays, payDeposit } from '../../../services/inpatient';
import { askConsent } from '../../../services/subscribe';
import { formatFen, patientMessage } from '../../../view-models/format';
import { stayCard } from '../stay-view';
import { showLoadError } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';

export const RESULT_URL = '/packages/payment/result/index';

interface DepositPageState {
  patientId: string;
  stayId: string;
  /** A pay in flight: a second tap does nothing. */
  paying: boolean;
}

/** The amount chosen, in fen: a preset, or the typed yuan (null while it is not an amount). */
function chosenAmount(preset: number, custom: string): number | null {
  if (custom.trim() !== '') return yuanToFen(custom);
  return preset > 0 ? preset : null;
}

pageComponent<DepositPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    emptyText: '',
    title: '',
    place: '',
    balanceText: '',
    lowBalance: false,
    warning: '',
    presets: DEPOSIT_PRESETS_FEN.map((fen) => ({ fen, text: formatFen(fen).replace('.00元', '元') })),
    preset: DEPOSIT_PRESETS_FEN[0] ?? 0,
    custom: '',
    amountError: '',
    amountText: formatFen(DEPOSIT_PRESETS_FEN[0] ?? 0),
    paying: false,
    payError: '',
  },
  lifetimes: {
    attached() {
      this.patientId = '';
      this.stayId = '';
      this.paying = false;
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.patientId = decodeURIComponent(query.patientId ?? '');
      this.stayId = decodeURIComponent(query.stayId ?? '');
      void this.load();
    },
    async load() {
      this.setData({ state: 'loading' });
      const answer = await loadStays(this.patientId);
      if (!answer.ok) {
        showLoadError(this, answer);
        return;
      }
      const stay = answer.data.stays.find((s) => s.stayId === this.stayId);
      if (stay === undefined || !stay.canDeposit) {
        this.setData({ state: 'empty', emptyText: stay === undefined ? '未找到该住院记录，请返回住院服务重新进入' : '该住院已出院或正在办理出院结算，押金请到住院处办理' });
        return;
      }
      this.showStay(stay);
    },
    showStay(stay: StayView) {
      const card = stayCard(stay);
      this.setData({ state: 'ready', title: card.title, place: card.place, balanceText: card.balanceText, lowBalance: card.lowBalance || card.owes, warning: card.warning });
    },
    onPreset(event: { currentTarget: { dataset: { fen?: number } } }) {
      const preset = Number(event.currentTarget.dataset.fen ?? 0);
      this.setData({ preset, custom: '', amountError: '', payError: '', amountText: formatFen(preset) });
    },
    onCustomInput(event: { detail: string }) {
      const custom = event.detail;
      const amount = chosenAmount(0, custom);
      this.setData({ custom, preset: custom.trim() === '' ? (DEPOSIT_PRESETS_FEN[0] ?? 0) : 0, amountError: '', payError: '', amountText: amount === null ? '' : formatFen(amount) });
    },
    async onPay() {
      if (this.paying) return;
      const amount = chosenAmount(this.data.preset, this.data.custom);
      const refusal = amount === null ? '请输入正确的金额（最多两位小数）' : depositAmountRefusal(amount);
      if (refusal !== undefined || amount === null) {
        this.setData({ amountError: refusal ?? '' });
        return;
      }
      this.paying = true;
      // Asked inside the tap, before any await: WeChat opens its consent dialog only from a tap.
      void askConsent('deposit');
      this.setData({ paying: true, payError: '' });
      const answer = await payDeposit(this.patientId, this.stayId, amount);
      if (!answer.ok) {
        this.paying = false;
        this.setData({ paying: false, payError: patientMessage(answer) });
        return;
      }
      const { order, payment } = answer.data;
      const outcome = await payOrder(payment, order.outTradeNo);
      // Whatever the patient did, the result page shows where the money is.
      void wx.redirectTo({ url: `${RESULT_URL}?outTradeNo=${encodeURIComponent(order.outTradeNo)}&outcome=${outcome}` });
      this.paying = false;
      this.setData({ paying: false });
    },
    onRetry() {
      void this.load();
    },
  },
});
