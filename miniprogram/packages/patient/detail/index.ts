/** 就诊人详情: one patient's masked data and card; 设为默认, 绑定就诊卡, 删除 (after a confirmation naming them). */
import { documentKind } from '../../../core/documents/index';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { ensurePatients, onPatientsChange, refreshPatients, removePatient, setDefaultPatient, type PatientsSnapshot } from '../../../services/patients';
import { showLoadError } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { patientRow, type PatientRow } from '../../../view-models/patients';
import { routes } from '../../../routes';

export const NOT_FOUND_MESSAGE = '未找到该就诊人，请返回就诊人列表重新选择';

/** Non-render state: whose page this is, the store subscription, the latch against a second tap. */
interface DetailPageState {
  patientId: string;
  unsubscribe?: () => void;
  busy: boolean;
}

pageComponent<DetailPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    patient: null as PatientRow | null,
    docTitle: '身份证号',
    sexText: '',
    confirmShown: false,
    confirmMessage: '',
    settingDefault: false,
    removing: false,
  },
  lifetimes: {
    detached() {
      this.unsubscribe?.();
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.patientId = query.patientId ?? '';
      this.busy = false;
      this.unsubscribe = onPatientsChange((snapshot) => this.show(snapshot));
      void this.load();
    },
    async load() {
      if (this.patientId === '') {
        this.setData({ state: 'error', errorMessage: NOT_FOUND_MESSAGE });
        return;
      }
      this.setData({ state: 'loading' });
      let answer = await ensurePatients();
      // Bound since the list was loaded (or loaded before a change elsewhere): ask once more.
      if (answer.ok && !answer.data.patients.some((p) => p.patientId === this.patientId)) answer = await refreshPatients();
      if (!answer.ok) {
        showLoadError(this, answer);
        return;
      }
      this.show(answer.data);
    },
    show(snapshot: PatientsSnapshot) {
      if (!snapshot.loaded || this.data.removing) return;
      const patient = snapshot.patients.find((p) => p.patientId === this.patientId);
      if (!patient) {
        this.setData({ state: 'error', errorMessage: NOT_FOUND_MESSAGE });
        return;
      }
      // 身份证号 for the ID card, the document's own name for the others (护照, 出生医学证明 …).
      const docTitle = patient.docType === undefined || patient.docType === 'id_card' ? '身份证号' : documentKind(patient.docType).label;
      this.setData({ state: 'ready', patient: patientRow(patient), sexText: patient.sex === 'M' ? '男' : '女', docTitle });
    },
    onRetry() {
      void this.load();
    },
    async onSetDefault() {
      if (this.busy || this.data.patient?.isDefault !== false) return;
      this.busy = true;
      this.setData({ settingDefault: true });
      const answer = await setDefaultPatient(this.patientId);
      this.busy = false;
      this.setData({ settingDefault: false });
      if (!answer.ok) {
        void wx.showToast({ title: answer.message, icon: 'none', duration: 3000 });
        return;
      }
      void wx.showToast({ title: '已设为默认就诊人', icon: 'success' });
    },
    onBindCard() {
      void wx.navigateTo({ url: routes.patientCard({ patientId: this.patientId }) });
    },
    onAskRemove() {
      const name = this.data.patient?.name ?? '';
      this.setData({
        confirmShown: true,
        confirmMessage: `确定删除就诊人“${name}”吗？删除后将不能为其在线预约挂号、查看报告，已有的预约和医院病历不受影响。`,
      });
    },
    onCancelRemove() {
      this.setData({ confirmShown: false });
    },
    async onConfirmRemove() {
      this.setData({ confirmShown: false });
      if (this.busy) return;
      this.busy = true;
      this.setData({ removing: true });
      const answer = await removePatient(this.patientId);
      this.busy = false;
      if (!answer.ok) {
        this.setData({ removing: false });
        void wx.showToast({ title: answer.message, icon: 'none', duration: 3000 });
        return;
      }
      void wx.showToast({ title: '已删除', icon: 'success' });
      wx.navigateBack({ fail: () => void wx.redirectTo({ url: '/packages/patient/list/index' }) });
    },
  },
});
