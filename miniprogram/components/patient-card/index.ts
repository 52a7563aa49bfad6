/**
 * The current patient's card (docs/architecture.md#mini-program): masked name, card number or 未绑卡, and the signed
 * check-in QR code from `patient.qrcode`, fetched again before it expires (not while the page is
 * hidden) and on tap. 切换就诊人 is one tap away; without patients it invites 添加就诊人.
 */
import { isElderMode } from '../../services/elder-mode';
import { ensurePatients, loadPatientQrcode, onPatientsChange, patientsSnapshot, type PatientsSnapshot } from '../../services/patients';
import { patientMessage } from '../../view-models/format';
import { showLoadError } from '../../behaviors/load';
import { customComponent } from '../../behaviors/page';
import { patientRow, type PatientRow } from '../../view-models/patients';
import { paintQr, QR_REFRESH_MARGIN_MS, qrMatrix, qrRefreshDelay, type QrCanvasContext } from '../../view-models/qrcode';
import { routes } from '../../routes';

/** The QR code's side on screen, in px (CSS); the canvas backing store is scaled by the pixel ratio. */
export const QR_SIZE_PX = 180;
/** The code's side on the compact card (home), in px; a tap opens it full size. */
export const COMPACT_QR_SIZE_PX = 96;

/** Non-render state kept on the instance. */
interface PatientCardState {
  unsubscribe?: () => void;
  refreshTimer?: ReturnType<typeof setTimeout>;
  /** Whose code is shown or on its way. */
  qrPatientId: string;
  /** Bumped per fetch, so a late answer for a previous patient is dropped. */
  qrRequest: number;
  qrExpiresAt: string;
  pageHidden: boolean;
}

interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): QrCanvasContext & { scale(x: number, y: number): void };
}

function pixelRatio(): number {
  const info = typeof wx.getWindowInfo === 'function' ? wx.getWindowInfo() : wx.getSystemInfoSync();
  return info.pixelRatio > 0 ? info.pixelRatio : 1;
}

customComponent<PatientCardState>()({
  properties: {
    /** The home's card: one row, a small code that opens full size on tap (the services lead the page). */
    compact: { type: Boolean, value: false },
  },
  data: {
    /** loading | error | none (no patient yet) | ready */
    state: 'loading',
    errorMessage: '',
    patient: null as PatientRow | null,
    /** loading | error | ready */
    qrState: 'loading',
    qrError: '',
    qrCode: '',
    qrSize: QR_SIZE_PX,
    switcherShown: false,
    elder: false,
  },
  lifetimes: {
    attached() {
      this.qrPatientId = '';
      this.qrRequest = 0;
      this.qrExpiresAt = '';
      this.pageHidden = false;
      this.setData({ elder: isElderMode(), qrSize: this.data.compact ? COMPACT_QR_SIZE_PX : QR_SIZE_PX });
      this.unsubscribe = onPatientsChange((snapshot) => this.showSnapshot(snapshot));
      this.showSnapshot(patientsSnapshot());
      void this.load();
    },
    detached() {
      this.unsubscribe?.();
      this.stopRefreshing();
      this.qrRequest += 1;
    },
  },
  pageLifetimes: {
    show() {
      this.setData({ elder: isElderMode() });
      if (!this.pageHidden) return;
      this.pageHidden = false;
      this.resumeRefreshing();
    },
    hide() {
      // A hidden page fetches nothing; the code is renewed when the patient comes back.
      this.pageHidden = true;
      this.stopRefreshing();
    },
  },
  methods: {
    async load() {
      if (!patientsSnapshot().loaded) this.setData({ state: 'loading' });
      const answer = await ensurePatients();
      if (!answer.ok) showLoadError(this, answer);
    },
    showSnapshot(snapshot: PatientsSnapshot) {
      if (!snapshot.loaded) return;
      const current = snapshot.current;
      if (current === null) {
        this.stopRefreshing();
        this.qrPatientId = '';
        this.qrRequest += 1;
        this.setData({ state: 'none', patient: null, qrCode: '' });
        return;
      }
      this.setData({ state: 'ready', patient: patientRow(current) });
      if (current.patientId !== this.qrPatientId) void this.fetchQr();
    },
    async fetchQr() {
      const current = patientsSnapshot().current;
      if (current === null) return;
      this.stopRefreshing();
      const patientId = current.patientId;
      this.qrPatientId = patientId;
      this.qrRequest += 1;
      const request = this.qrRequest;
      this.setData({ qrState: 'loading', qrError: '' });
      const answer = await loadPatientQrcode(patientId);
      if (request !== this.qrRequest) return;
      if (!answer.ok) {
        this.setData({ qrState: 'error', qrError: patientMessage(answer) });
        return;
      }
      this.qrExpiresAt = answer.data.expiresAt;
      this.setData({ qrState: 'ready', qrCode: answer.data.code });
      this.paint(answer.data.code);
      this.scheduleRefresh();
    },
    scheduleRefresh() {
      this.stopRefreshing();
      if (this.pageHidden || this.qrExpiresAt === '') return;
      this.refreshTimer = setTimeout(() => void this.fetchQr(), qrRefreshDelay(this.qrExpiresAt, Date.now()));
    },
    /** Back on screen: a code about to lapse is replaced now, else the timer is set again. */
    resumeRefreshing() {
      if (this.qrPatientId === '' || this.data.qrState !== 'ready') return;
      const remaining = Date.parse(this.qrExpiresAt) - Date.now();
      if (!(remaining > QR_REFRESH_MARGIN_MS)) {
        void this.fetchQr();
        return;
      }
      this.scheduleRefresh();
    },
    stopRefreshing() {
      if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
      this.refreshTimer = undefined;
    },
    paint(code: string) {
      const matrix = qrMatrix(code);
      wx.createSelectorQuery()
        .in(this)
        .select('#qr-canvas')
        .fields({ node: true, size: true }, () => undefined)
        .exec((results: unknown[]) => {
          const target = results[0] as { node?: CanvasNode; width?: number } | null | undefined;
          // No node until the canvas is laid out; the next refresh paints.
          if (!target?.node) return;
          const size = target.width !== undefined && target.width > 0 ? target.width : QR_SIZE_PX;
          const ratio = pixelRatio();
          target.node.width = size * ratio;
          target.node.height = size * ratio;
          const ctx = target.node.getContext('2d');
          ctx.scale(ratio, ratio);
          paintQr(ctx, matrix, size);
        });
    },
    onRefresh() {
      if (this.data.state === 'ready') void this.fetchQr();
    },
    /** The compact card's 放大: the code full size on the patient's card page. */
    onEnlarge() {
      if (this.qrPatientId !== '') void wx.navigateTo({ url: routes.patientCard({ patientId: this.qrPatientId }) });
    },
    onRetry() {
      void this.load();
    },
    onAdd() {
      void wx.navigateTo({ url: routes.patientAdd() });
    },
    onOpenSwitcher() {
      this.setData({ switcherShown: true });
    },
    onCloseSwitcher() {
      this.setData({ switcherShown: false });
    },
  },
});
