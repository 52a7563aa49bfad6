/**
 * 核酸检测 for a companion or visitor who is no patient: name, ID number and a phone proven by the
 * hospital's SMS code; the hospital prices the mode and says where the fee is paid; the code to show
 * at the sampling point appears as a QR code.
 */
import type { NatMode } from '../../../../typings/services';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { applyNatForVisitor, sendNatCode } from '../../../services/after-visit';
import { payOrder } from '../../../services/pay';
import { formatFen, patientMessage } from '../../../view-models/format';
import { pageComponent } from '../../../behaviors/page';
import { qrMatrix, type QrMatrix } from '../../../view-models/qrcode';
import { fieldErrors, sendLabel } from '../../../view-models/sms-form';
import { RESEND_AFTER_MS } from '../../../core/verification';
import { startResendCountdown, stopResendCountdown, type ResendCountdownPage } from '../../../behaviors/resend-countdown';

const FIELDS = ['name', 'idCardNo', 'phone', 'smsCode', 'challengeId'] as const;
type Field = (typeof FIELDS)[number];

interface VisitorPageState extends ResendCountdownPage {
  challengeId: string;
}

pageComponent<VisitorPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    name: '',
    idCardNo: '',
    phone: '',
    smsCode: '',
    mode: 'single' as NatMode,
    errors: {} as Partial<Record<Field, string>>,
    sentTo: '',
    secondsLeft: 0,
    sendText: sendLabel(0),
    sending: false,
    applying: false,
    applied: false,
    codeText: '',
    feeText: '',
    payText: '',
    qr: [] as QrMatrix,
  },
  lifetimes: {
    attached() {
      this.challengeId = '';
    },
    detached() {
      stopResendCountdown(this);
    },
  },
  methods: {
    onInput(event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { field: Field }>) {
      const field = event.currentTarget.dataset.field;
      this.setData({ [field]: event.detail as unknown as string, [`errors.${field}`]: '' });
    },
    onMode(event: WechatMiniprogram.CustomEvent) {
      this.setData({ mode: event.detail as unknown as NatMode });
    },
    async onSendCode() {
      if (this.data.sending || this.data.secondsLeft > 0) return;
      this.setData({ sending: true });
      const answer = await sendNatCode({ phone: this.data.phone });
      this.setData({ sending: false });
      if (!answer.ok) {
        this.setData({ errors: fieldErrors(FIELDS, answer) });
        if (answer.field === undefined) void wx.showToast({ title: patientMessage(answer), icon: 'none' });
        return;
      }
      this.challengeId = answer.data.challengeId;
      this.setData({ sentTo: answer.data.sentTo });
      startResendCountdown(this, Date.now() + RESEND_AFTER_MS, (left) => ({ secondsLeft: left, sendText: sendLabel(left) }));
    },
    async onApply() {
      if (this.data.applying) return;
      this.setData({ applying: true });
      const { name, idCardNo, phone, smsCode, mode } = this.data;
      const answer = await applyNatForVisitor({ name, idCardNo, phone, smsCode, challengeId: this.challengeId }, mode);
      if (!answer.ok) {
        this.setData({ applying: false, errors: fieldErrors(FIELDS, answer) });
        void wx.showToast({ title: patientMessage(answer), icon: 'none' });
        return;
      }
      const { pay, code, fee, payMode } = answer.data;
      if (pay) {
        const outcome = await payOrder(pay.payment, pay.order.outTradeNo);
        if (outcome !== 'paid') void wx.showToast({ title: '支付未完成，请在“我的订单”中查看', icon: 'none' });
      }
      this.setData({
        applying: false,
        applied: true,
        codeText: code,
        feeText: formatFen(fee),
        payText: payMode === 'online' ? '已在线缴费，凭检测码到采样点采样' : '请凭检测码到采样点采样，扫码时现场缴费',
        qr: qrMatrix(code),
      });
    },
  },
});
