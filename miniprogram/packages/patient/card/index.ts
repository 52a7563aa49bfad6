/**
 * 就诊卡管理: binds a real-name verified hospital card to one patient (from the detail page), or to
 * the patient picked here (opened from 我的). The hospital's refusal shows under the card number as
 * it is; card-less patients read what they can do without a card.
 */
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { bindCard, ensurePatients, onPatientsChange, patientsSnapshot, type PatientsSnapshot } from '../../../services/patients';
import { showLoadError } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { cardNoRefusal } from '../../../view-models/patient-form';
import { patientRow, type PatientRow } from '../../../view-models/patients';
import { routes } from '../../../routes';

/** Non-render state. */
interface CardPageState {
  unsubscribe?: () => void;
  binding: boolean;
  /** The patient named by the page's query, if any. */
  fixedPatientId: string;
}

pageComponent<CardPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    /** True when opened without a patient: the page offers the list to pick from. */
    picking: false,
    patients: [] as PatientRow[],
    selectedId: '',
    selected: null as PatientRow | null,
    cardNo: '',
    cardError: '',
    binding: false,
  },
  lifetimes: {
    detached() {
      this.unsubscribe?.();
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.fixedPatientId = query.patientId ?? '';
      this.binding = false;
      this.setData({ picking: this.fixedPatientId === '' });
      this.unsubscribe = onPatientsChange((snapshot) => this.show(snapshot));
      void this.load();
    },
    async load() {
      this.setData({ state: 'loading' });
      const answer = await ensurePatients();
      if (!answer.ok) {
        showLoadError(this, answer);
        return;
      }
      this.show(answer.data);
    },
    show(snapshot: PatientsSnapshot) {
      if (!snapshot.loaded) return;
      const patients = snapshot.patients.map(patientRow);
      if (patients.length === 0) {
        this.setData({ state: 'empty', patients, selected: null, selectedId: '' });
        return;
      }
      // Keep the patient picked here; else the query's patient; else the current one.
      const wanted = this.data.selectedId || this.fixedPatientId || snapshot.current?.patientId || '';
      const selected = patients.find((p) => p.patientId === wanted) ?? (this.fixedPatientId === '' ? patients[0] : undefined);
      if (!selected) {
        this.setData({ state: 'error', errorMessage: '未找到该就诊人，请返回就诊人列表重新选择' });
        return;
      }
      this.setData({ state: 'ready', patients, selected, selectedId: selected.patientId });
    },
    onRetry() {
      void this.load();
    },
    onPick(event: { detail: string }) {
      this.pick(event.detail);
    },
    onPickCell(event: { currentTarget: { dataset: { patientId: string } } }) {
      this.pick(event.currentTarget.dataset.patientId);
    },
    pick(patientId: string) {
      const selected = this.data.patients.find((p) => p.patientId === patientId);
      if (!selected || patientId === this.data.selectedId) return;
      this.setData({ selectedId: patientId, selected, cardNo: '', cardError: '' });
    },
    onCardInput(event: { detail: unknown }) {
      const cardNo = typeof event.detail === 'string' ? event.detail : '';
      // Once refused, the message follows the typing so the patient sees when it is right.
      this.setData({ cardNo, ...(this.data.cardError !== '' ? { cardError: cardNoRefusal(cardNo) ?? '' } : {}) });
    },
    onCardBlur() {
      if (this.data.cardNo !== '') this.setData({ cardError: cardNoRefusal(this.data.cardNo) ?? '' });
    },
    async onBind() {
      if (this.binding || this.data.selected === null) return;
      const refusal = cardNoRefusal(this.data.cardNo);
      if (refusal !== undefined) {
        this.setData({ cardError: refusal });
        return;
      }
      this.binding = true;
      this.setData({ binding: true, cardError: '' });
      const answer = await bindCard(this.data.selected.patientId, this.data.cardNo.trim());
      this.binding = false;
      this.setData({ binding: false });
      if (!answer.ok) {
        if (answer.field === 'cardNo') this.setData({ cardError: answer.message });
        else void wx.showToast({ title: answer.message, icon: 'none', duration: 3000 });
        return;
      }
      this.setData({ cardNo: '' });
      // The store has the card already; the page re-renders from it.
      this.show(patientsSnapshot());
      void wx.showToast({ title: '绑定成功', icon: 'success' });
    },
    onAdd() {
      void wx.navigateTo({ url: routes.patientAdd() });
    },
  },
});
