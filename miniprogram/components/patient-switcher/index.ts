/**
 * 切换就诊人: a bottom sheet listing the account's patients; choosing one makes them current
 * everywhere (the store), then `change` fires with `{patientId}`. The parent owns `show` and hides
 * the sheet on `close`. The last entry opens 就诊人管理.
 */
import { choosePatient, onPatientsChange, patientsSnapshot, type PatientsSnapshot } from '../../services/patients';
import { cardTag } from '../../view-models/patients';
import { customComponent } from '../../behaviors/page';
import { routes } from '../../routes';

/** One row of the sheet (Vant action-sheet's action shape, plus what the row stands for). */
interface SwitcherAction {
  name: string;
  subname: string;
  color?: string;
  className: string;
  patientId?: string;
  manage?: boolean;
}

function actionsOf(snapshot: PatientsSnapshot): SwitcherAction[] {
  const rows: SwitcherAction[] = snapshot.patients.map((patient) => {
    const isCurrent = patient.patientId === snapshot.current?.patientId;
    const parts = [patient.relation, cardTag(patient.card).text, ...(isCurrent ? ['当前就诊人'] : [])];
    return { name: patient.name, subname: parts.join(' · '), className: 'switcher__patient', patientId: patient.patientId, ...(isCurrent ? { color: '#1989fa' } : {}) };
  });
  rows.push({ name: '管理就诊人', subname: '添加、删除、设为默认', className: 'switcher__manage', manage: true });
  return rows;
}

customComponent<{ unsubscribe?: () => void }>()({
  properties: {
    /** Whether the sheet is open. */
    show: { type: Boolean, value: false },
  },
  data: {
    actions: [] as SwitcherAction[],
  },
  lifetimes: {
    attached() {
      this.unsubscribe = onPatientsChange((snapshot) => this.setData({ actions: actionsOf(snapshot) }));
      this.setData({ actions: actionsOf(patientsSnapshot()) });
    },
    detached() {
      this.unsubscribe?.();
    },
  },
  methods: {
    onSelect(event: WechatMiniprogram.CustomEvent<SwitcherAction>) {
      const action = event.detail;
      if (action.patientId !== undefined) {
        if (choosePatient(action.patientId)) this.triggerEvent('change', { patientId: action.patientId });
      } else if (action.manage === true) {
        void wx.navigateTo({ url: routes.patientList() });
      }
    },
    onClose() {
      this.triggerEvent('close');
    },
  },
});
