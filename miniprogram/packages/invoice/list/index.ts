/**
 * 电子票据: the current patient's fiscal e-invoices (one per confirmed payment); tapping one fetches
 * a temporary URL, downloads the PDF (wx.downloadFile) and opens it (wx.openDocument, fileType pdf)
 * with the menu to save or forward it.
 */
import type { Invoice } from '../../../../typings/services';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { invoiceUrl, loadInvoices } from '../../../services/after-visit';
import { currentPatientBehavior, loadForCurrentPatient } from '../../../behaviors/current-patient';
import { formatFen, patientMessage } from '../../../view-models/format';
import { pageComponent } from '../../../behaviors/page';
import { formatHospital } from '../../../core/time';

export const ADD_PATIENT_URL = '/packages/patient/add/index';

/** An invoice row as shown. */
export interface InvoiceView {
  invoiceId: string;
  title: string;
  numberText: string;
  issuedText: string;
  amountText: string;
  itemsText: string;
}

export function invoiceView(i: Invoice): InvoiceView {
  return {
    invoiceId: i.invoiceId,
    title: i.title,
    numberText: `票据代码 ${i.invoiceCode} 号码 ${i.invoiceNumber} 校验码 ${i.checkCode}`,
    issuedText: formatHospital(Date.parse(i.issuedAt), 'YYYY-MM-DD HH:mm'),
    amountText: formatFen(i.amount),
    itemsText: i.items.map((item) => `${item.category} ${formatFen(item.amount)}`).join('，'),
  };
}

interface InvoicesPageState {
  unsubscribe?: () => void;
  patientId: string;
  request: number;
  watching: boolean;
}

/** wx.downloadFile as a promise of the temporary file path. */
function download(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success: (res) => (res.statusCode === 200 ? resolve(res.tempFilePath) : reject(new Error(`HTTP ${res.statusCode}`))),
      fail: (error) => reject(new Error(error.errMsg)),
    });
  });
}

function open(filePath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // showMenu: the top-right menu offers 保存 and 转发 of the PDF.
    wx.openDocument({ filePath, fileType: 'pdf', showMenu: true, success: () => resolve(), fail: (error) => reject(new Error(error.errMsg)) });
  });
}

pageComponent<InvoicesPageState>()({
  // Follows the current patient (a switch elsewhere reloads) and drops answers after leaving.
  behaviors: [elderModeBehavior, currentPatientBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    emptyText: '暂无电子票据',
    noPatient: false,
    invoices: [] as InvoiceView[],
    opening: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load(showLoading = true) {
      const data = await loadForCurrentPatient(this, showLoading, { noPatient: true, invoices: [] }, (patientId) => loadInvoices(patientId));
      if (data === undefined) return;
      const invoices = data.invoices.map(invoiceView);
      this.setData({ state: invoices.length === 0 ? 'empty' : 'ready', emptyText: '暂无电子票据，缴费完成后医院将开具电子票据', noPatient: false, invoices });
    },
    async onOpen(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const invoiceId = event.currentTarget.dataset.id;
      if (this.data.opening !== '') return;
      this.setData({ opening: invoiceId });
      try {
        const answer = await invoiceUrl(this.patientId, invoiceId);
        if (!answer.ok) {
          void wx.showToast({ title: patientMessage(answer), icon: 'none' });
          return;
        }
        await open(await download(answer.data.url));
      } catch (error) {
        console.warn('opening the invoice failed', error);
        void wx.showToast({ title: '票据打开失败，请稍后重试', icon: 'none' });
      } finally {
        this.setData({ opening: '' });
      }
    },
    onRetry() {
      void this.load();
    },
    onAddPatient() {
      void wx.navigateTo({ url: ADD_PATIENT_URL });
    },
  },
});
