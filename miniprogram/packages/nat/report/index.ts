/**
 * 陪护核酸报告: a companion's test results by name and ID number plus a code the hospital sends to the
 * phone given at application — name and ID alone find nothing.
 */
import type { NatApplication } from '../../../../typings/services';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { queryNatReport, sendNatCode } from '../../../services/after-visit';
import { patientMessage } from '../../../view-models/format';
import { pageComponent } from '../../../behaviors/page';
import { fieldErrors, sendLabel } from '../../../view-models/sms-form';
import { RESEND_AFTER_MS } from '../../../core/verification';
import { startResendCountdown, stopResendCountdown, type ResendCountdownPage } from '../../../behaviors/resend-countdown';
import { applicationView, type ApplicationView } from '../views';

const FIELDS = ['name', 'idCardNo', 'smsCode', 'challengeId'] as const;
type Field = (typeof FIELDS)[number];

interface ReportPageState extends ResendCountdownPage {
  challengeId: string;
}

pageComponent<ReportPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    name: '',
    idCardNo: '',
    smsCode: '',
    errors: {} as Partial<Record<Field, string>>,
    sentTo: '',
    secondsLeft: 0,
    sendText: sendLabel(0),
    sending: false,
    querying: false,
    state: 'form' as 'form' | 'ready' | 'empty',
    applications: [] as ApplicationView[],
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
    async onSendCode() {
      if (this.data.sending || this.data.secondsLeft > 0) return;
      this.setData({ sending: true });
      const answer = await sendNatCode({ name: this.data.name, idCardNo: this.data.idCardNo });
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
    async onQuery() {
      if (this.data.querying) return;
      if (this.challengeId === '') {
        this.setData({ 'errors.smsCode': '请先获取短信验证码' });
        return;
      }
      this.setData({ querying: true });
      const { name, idCardNo, smsCode } = this.data;
      const answer = await queryNatReport({ name, idCardNo, smsCode, challengeId: this.challengeId });
      this.setData({ querying: false });
      if (!answer.ok) {
        this.setData({ errors: fieldErrors(FIELDS, answer) });
        void wx.showToast({ title: patientMessage(answer), icon: 'none' });
        return;
      }
      const applications = answer.data.applications.map((a: NatApplication) => applicationView(a));
      this.setData({ state: applications.length === 0 ? 'empty' : 'ready', applications });
    },
    onAgain() {
      this.challengeId = '';
      this.setData({ state: 'form', smsCode: '', sentTo: '', applications: [] });
    },
  },
});
