/**
 * 核酸检测: apply for the current patient (单检 or 混检 at the hospital's prices), pay online where
 * the hospital takes the fee at application (else it is paid at the sampling point on scanning), show
 * the code as a QR code for the sampling point, and follow status and result.
 */
import type { NatApplication, NatMode, NatTerms } from '../../../../typings/services';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { applyNat, loadNatApplications, loadNatTerms } from '../../../services/after-visit';
import { payOrder } from '../../../services/pay';
import { currentPatientFor, reloadOnPatientChange } from '../../../utils/current-patient';
import { formatFen, patientMessage } from '../../../utils/format';
import { bothOk, showLoadError } from '../../../utils/load';
import { pageComponent } from '../../../utils/page';
import { qrMatrix, type QrMatrix } from '../../../utils/qrcode';
import { formatHospital } from '../../../core/time';

export const ADD_PATIENT_URL = '/packages/patient/add/index';

const STATUS_TEXT: Record<NatApplication['status'], string> = { unpaid: '待缴费', waiting: '待采样', sampled: '检测中', reported: '已出结果' };
const RESULT_TEXT = { negative: '阴性', positive: '阳性' } as const;
const MODE_TEXT: Record<NatMode, string> = { single: '单检', mixed: '混检' };

export interface ApplicationView {
  applicationId: string;
  code: string;
  title: string;
  label: string;
  statusText: string;
  tagType: 'primary' | 'warning' | 'success' | 'danger' | 'default';
  resultText: string;
  showCode: boolean;
}

export function applicationView(a: NatApplication): ApplicationView {
  const result = a.result === null ? '' : RESULT_TEXT[a.result];
  return {
    applicationId: a.applicationId,
    code: a.code,
    title: `${MODE_TEXT[a.mode]} ${formatFen(a.fee)}`,
    label: `申请于 ${formatHospital(Date.parse(a.appliedAt), 'YYYY-MM-DD HH:mm')}${a.reportedAt ? ` · 报告于 ${formatHospital(Date.parse(a.reportedAt), 'MM-DD HH:mm')}` : ''}`,
    statusText: result === '' ? STATUS_TEXT[a.status] : `${STATUS_TEXT[a.status]}：${result}`,
    tagType: a.result === 'positive' ? 'danger' : a.result === 'negative' ? 'success' : a.status === 'unpaid' ? 'warning' : 'primary',
    resultText: result,
    showCode: a.status === 'waiting',
  };
}

export function termsView(t: NatTerms): { payText: string; singleText: string; mixedText: string } {
  return {
    payText: t.payMode === 'online' ? '申请时在线缴费，凭检测码到采样点采样' : '凭检测码到采样点采样，扫码时现场缴费',
    singleText: `单检（一人一管）${formatFen(t.fees.single)}`,
    mixedText: `混检（多人一管）${formatFen(t.fees.mixed)}`,
  };
}

interface NatPageState {
  unsubscribe?: () => void;
  patientId: string;
  request: number;
  watching: boolean;
}

pageComponent<NatPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    emptyText: '',
    noPatient: false,
    terms: { payText: '', singleText: '', mixedText: '' },
    mode: 'single' as NatMode,
    applying: false,
    applications: [] as ApplicationView[],
    codeShown: false,
    codeText: '',
    qr: [] as QrMatrix,
  },
  lifetimes: {
    attached() {
      this.patientId = '';
      this.request = 0;
      this.watching = false;
      this.unsubscribe = reloadOnPatientChange(this);
    },
    detached() {
      this.unsubscribe?.();
      this.request += 1;
    },
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      this.request += 1;
      const request = this.request;
      this.setData({ state: 'loading' });
      const current = await currentPatientFor(this, request);
      if (current === undefined) return;
      if (current === null) {
        this.setData({ state: 'empty', emptyText: '还没有就诊人，请先添加就诊人', noPatient: true, applications: [] });
        return;
      }
      const answer = bothOk(await loadNatTerms(), await loadNatApplications(current.patientId));
      if (request !== this.request) return;
      if (!answer.ok) {
        showLoadError(this, answer);
        return;
      }
      const [terms, { applications }] = answer.data;
      this.setData({ state: 'ready', noPatient: false, terms: termsView(terms), applications: applications.map(applicationView) });
    },
    // van-radio-group sends the chosen name as the event's detail.
    onMode(event: WechatMiniprogram.CustomEvent) {
      this.setData({ mode: event.detail as unknown as NatMode });
    },
    async onApply() {
      if (this.data.applying) return;
      this.setData({ applying: true });
      const answer = await applyNat(this.patientId, this.data.mode);
      if (!answer.ok) {
        this.setData({ applying: false });
        void wx.showToast({ title: patientMessage(answer), icon: 'none' });
        return;
      }
      const { pay, code } = answer.data;
      if (pay) {
        const outcome = await payOrder(pay.payment, pay.order.outTradeNo);
        if (outcome !== 'paid') void wx.showToast({ title: outcome === 'cancelled' ? '已取消支付，可再次申请继续支付' : '支付未完成，请稍后在“我的订单”查看', icon: 'none' });
      }
      this.setData({ applying: false });
      await this.load();
      if (!pay) this.showCode(code);
    },
    onShowCode(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { code: string }>) {
      this.showCode(event.currentTarget.dataset.code);
    },
    showCode(code: string) {
      this.setData({ codeShown: true, codeText: code, qr: qrMatrix(code) });
    },
    onCloseCode() {
      this.setData({ codeShown: false });
    },
    onRetry() {
      void this.load();
    },
    onAddPatient() {
      void wx.navigateTo({ url: ADD_PATIENT_URL });
    },
  },
});
