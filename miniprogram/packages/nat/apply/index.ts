/**
 * 核酸检测: apply for the current patient (单检 or 混检 at the hospital's prices), pay online where
 * the hospital takes the fee at application (else it is paid at the sampling point on scanning), show
 * the code as a QR code for the sampling point, and follow status and result.
 */
import type { NatMode } from '../../../../typings/services';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { applyNat, loadNatApplications, loadNatTerms } from '../../../services/after-visit';
import { payOrder } from '../../../services/pay';
import { currentPatientBehavior, loadForCurrentPatient } from '../../../behaviors/current-patient';
import { patientMessage } from '../../../view-models/format';
import { bothOk } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { qrMatrix, type QrMatrix } from '../../../view-models/qrcode';
import { applicationView, termsView, type ApplicationView } from '../views';

export const ADD_PATIENT_URL = '/packages/patient/add/index';

interface NatPageState {
  unsubscribe?: () => void;
  patientId: string;
  request: number;
  watching: boolean;
}

pageComponent<NatPageState>()({
  // Follows the current patient (a switch elsewhere reloads) and drops answers after leaving.
  behaviors: [elderModeBehavior, currentPatientBehavior, pullDownRefreshBehavior],
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
  pageLifetimes: {
    // Back on the page (from paying, or from the sampling point): status and results may have moved on.
    show() {
      if (this.watching) void this.load();
    },
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load(showLoading = true) {
      const data = await loadForCurrentPatient(this, showLoading, { noPatient: true, applications: [] }, async (patientId) => bothOk(await loadNatTerms(), await loadNatApplications(patientId)));
      if (data === undefined) return;
      const [terms, { applications }] = data;
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
