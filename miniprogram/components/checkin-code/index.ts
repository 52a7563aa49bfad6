/**
 * One patient's check-in QR code (the registration's patient, not the current one), for the queue
 * page at the kiosk and the triage desk. The last code is kept on the device with its expiry: when
 * the network drops it stays on screen marked 网络不佳 and its 有效期至, and is asked for again every
 * 15 s until the network answers. Fresh codes are fetched before they expire.
 */
import { formatHospital } from '../../core/time';
import { keepCode, keptCode, type KeptCode } from '../../services/checkin-code';
import { loadPatientQrcode } from '../../services/patients';
import { customComponent } from '../../behaviors/page';
import { patientMessage } from '../../view-models/format';
import { paintQr, QR_MIN_REFRESH_MS, qrMatrix, qrRefreshDelay, type QrCanvasContext } from '../../view-models/qrcode';

/** The code's side on screen, in px: large, for a scanner at arm's length. */
export const CHECKIN_QR_SIZE_PX = 200;


interface CheckinCodeState {
  timer?: ReturnType<typeof setTimeout>;
  /** Whose code was last asked for, so the initial property and its observer ask once. */
  shownFor: string;
  request: number;
  hidden: boolean;
  gone: boolean;
}

interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): QrCanvasContext & { scale(x: number, y: number): void };
}

customComponent<CheckinCodeState>()({
  properties: {
    /** Whose code: the registration's patient. */
    patientId: { type: String, value: '' },
  },
  data: {
    /** loading | ready | error */
    state: 'loading',
    errorMessage: '',
    /** The code shown is the last one kept: the network did not answer. */
    offline: false,
    expired: false,
    expiresText: '',
    size: CHECKIN_QR_SIZE_PX,
  },
  observers: {
    patientId(patientId: string) {
      if (patientId !== '' && patientId !== this.shownFor) void this.fetch();
    },
  },
  lifetimes: {
    // Before the first observer call: the property may arrive before `attached`.
    created() {
      this.request = 0;
      this.hidden = false;
      this.gone = false;
      this.shownFor = '';
    },
    attached() {
      if (this.data.patientId !== '' && this.data.patientId !== this.shownFor) void this.fetch();
    },
    detached() {
      this.gone = true;
      this.request += 1;
      this.stop();
    },
  },
  pageLifetimes: {
    show() {
      if (!this.hidden) return;
      this.hidden = false;
      if (this.data.patientId !== '') void this.fetch();
    },
    hide() {
      this.hidden = true;
      this.stop();
    },
  },
  methods: {
    async fetch() {
      this.stop();
      const patientId = this.data.patientId;
      this.shownFor = patientId;
      this.request += 1;
      const request = this.request;
      const answer = await loadPatientQrcode(patientId);
      if (request !== this.request || this.gone) return;
      if (answer.ok) {
        const fresh = { code: answer.data.code, expiresAt: answer.data.expiresAt };
        keepCode(patientId, fresh);
        this.show(fresh, false);
        this.schedule(qrRefreshDelay(fresh.expiresAt, Date.now()));
        return;
      }
      const kept = keptCode(patientId);
      if (kept === undefined) this.setData({ state: 'error', errorMessage: patientMessage(answer) });
      else this.show(kept, true);
      this.schedule(QR_MIN_REFRESH_MS);
    },
    show(code: KeptCode, offline: boolean) {
      const expiresMs = Date.parse(code.expiresAt);
      this.setData({
        state: 'ready',
        offline,
        expired: !(expiresMs > Date.now()),
        expiresText: Number.isNaN(expiresMs) ? '' : formatHospital(expiresMs, 'HH:mm'),
      });
      this.paint(code.code);
    },
    schedule(delayMs: number) {
      this.stop();
      if (this.hidden || this.gone) return;
      this.timer = setTimeout(() => void this.fetch(), delayMs);
    },
    stop() {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
    },
    paint(code: string) {
      const matrix = qrMatrix(code);
      wx.createSelectorQuery()
        .in(this)
        .select('#checkin-canvas')
        .fields({ node: true, size: true }, () => undefined)
        .exec((results: unknown[]) => {
          const target = results[0] as { node?: CanvasNode; width?: number } | null | undefined;
          if (!target?.node) return;
          const size = target.width !== undefined && target.width > 0 ? target.width : CHECKIN_QR_SIZE_PX;
          const info = typeof wx.getWindowInfo === 'function' ? wx.getWindowInfo() : wx.getSystemInfoSync();
          const ratio = info.pixelRatio > 0 ? info.pixelRatio : 1;
          target.node.width = size * ratio;
          target.node.height = size * ratio;
          const ctx = target.node.getContext('2d');
          ctx.scale(ratio, ratio);
          paintQr(ctx, matrix, size);
        });
    },
    onRetry() {
      this.setData({ state: 'loading' });
      void this.fetch();
    },
  },
});
