/**
 * 住院服务: the current patient's bound stays — the current one as a card with its balance (a low
 * balance says so), 每日清单 and 缴纳押金; past stays below — and binding a stay by its 住院号.
 * Follows the patient switcher; comes back to fresh balances after paying.
 */
import type { StayView } from '../../../../typings/inpatient';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { bindStay, loadStays } from '../../../services/inpatient';
import { ensurePatients, onPatientsChange } from '../../../services/patients';
import { patientMessage } from '../../../view-models/format';
import { stayCard, type StayCardView } from '../stay-view';
import { showLoadError } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';

export const DAILY_URL = '/packages/inpatient/daily/index';
export const DEPOSIT_URL = '/packages/inpatient/deposit/index';
export const ADD_PATIENT_URL = '/packages/patient/add/index';

interface InpatientPageState {
  unsubscribe?: () => void;
  /** Whose stays are shown or on their way ('' for none). */
  patientId: string;
  /** Bumped per load, so a late answer for another patient is dropped. */
  request: number;
  loadedOnce: boolean;
  binding: boolean;
}

pageComponent<InpatientPageState>()({
  behaviors: [elderModeBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    emptyText: '',
    hasPatient: false,
    current: [] as StayCardView[],
    past: [] as StayCardView[],
    admissionNo: '',
    bindError: '',
    binding: false,
  },
  lifetimes: {
    attached() {
      this.patientId = '';
      this.request = 0;
      this.loadedOnce = false;
      this.binding = false;
      this.unsubscribe = onPatientsChange((snapshot) => {
        if (this.loadedOnce && (snapshot.current?.patientId ?? '') !== this.patientId) void this.load();
      });
    },
    detached() {
      this.unsubscribe?.();
      this.request += 1;
    },
  },
  pageLifetimes: {
    show() {
      // Back from 缴纳押金 or the result page: balances may have moved.
      if (this.loadedOnce) void this.load(false);
    },
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load(showLoading = true) {
      this.request += 1;
      const request = this.request;
      if (showLoading) this.setData({ state: 'loading' });
      const patients = await ensurePatients();
      if (request !== this.request) return;
      if (!patients.ok) {
        showLoadError(this, patients);
        return;
      }
      const current = patients.data.current;
      this.patientId = current?.patientId ?? '';
      if (current === null) {
        this.loadedOnce = true;
        this.setData({ state: 'empty', hasPatient: false, emptyText: '还没有就诊人，请先添加就诊人', current: [], past: [] });
        return;
      }
      const answer = await loadStays(current.patientId);
      if (request !== this.request) return;
      this.loadedOnce = true;
      if (!answer.ok) {
        if (showLoading || this.data.state !== 'ready') showLoadError(this, answer);
        return;
      }
      this.showStays(answer.data.stays);
    },
    showStays(stays: StayView[]) {
      const cards = stays.map(stayCard);
      const current = cards.filter((_, i) => stays[i]?.status !== 'discharged');
      const past = cards.filter((_, i) => stays[i]?.status === 'discharged');
      this.setData({
        state: stays.length === 0 ? 'empty' : 'ready',
        hasPatient: true,
        emptyText: '暂无住院记录。请输入住院腕带或入院通知单上的住院号，绑定本次住院',
        current,
        past,
      });
    },
    onRetry() {
      void this.load();
    },
    onAddPatient() {
      void wx.navigateTo({ url: ADD_PATIENT_URL });
    },
    onAdmissionInput(event: { detail: string }) {
      this.setData({ admissionNo: event.detail, bindError: '' });
    },
    async onBind() {
      const admissionNo = this.data.admissionNo.trim();
      if (this.binding || this.patientId === '') return;
      if (!/^[A-Za-z0-9-]{1,20}$/.test(admissionNo)) {
        this.setData({ bindError: admissionNo === '' ? '请输入住院号' : '住院号格式不正确，请核对住院腕带或入院通知单' });
        return;
      }
      this.binding = true;
      this.setData({ binding: true, bindError: '' });
      const answer = await bindStay(this.patientId, admissionNo);
      this.binding = false;
      if (!answer.ok) {
        this.setData({ binding: false, bindError: patientMessage(answer) });
        return;
      }
      this.setData({ binding: false, admissionNo: '' });
      void wx.showToast({ title: '绑定成功', icon: 'success' });
      await this.load(false);
    },
    onOpenDaily(event: { currentTarget: { dataset: { stayId?: string; date?: string } } }) {
      const { stayId = '', date = '' } = event.currentTarget.dataset;
      void wx.navigateTo({ url: `${DAILY_URL}?patientId=${encodeURIComponent(this.patientId)}&stayId=${encodeURIComponent(stayId)}&date=${date}` });
    },
    onOpenDeposit(event: { currentTarget: { dataset: { stayId?: string } } }) {
      void wx.navigateTo({ url: `${DEPOSIT_URL}?patientId=${encodeURIComponent(this.patientId)}&stayId=${encodeURIComponent(event.currentTarget.dataset.stayId ?? '')}` });
    },
  },
});
