/**
 * The current patient in one line (masked name, relation, card) with 切换就诊人 one tap away, for
 * pages whose content belongs to one patient. Choosing another patient changes the store; pages
 * follow the store, so this component emits nothing.
 */
import { onPatientsChange, patientsSnapshot, type PatientsSnapshot } from '../../services/patients';
import { customComponent } from '../../behaviors/page';
import { patientRow, type PatientRow } from '../../view-models/patients';

customComponent<{ unsubscribe?: () => void }>()({
  properties: {},
  data: {
    patient: null as PatientRow | null,
    switcherShown: false,
  },
  lifetimes: {
    attached() {
      this.unsubscribe = onPatientsChange((snapshot) => this.show(snapshot));
      this.show(patientsSnapshot());
    },
    detached() {
      this.unsubscribe?.();
    },
  },
  methods: {
    show(snapshot: PatientsSnapshot) {
      this.setData({ patient: snapshot.current === null ? null : patientRow(snapshot.current), switcherShown: false });
    },
    onOpenSwitcher() {
      this.setData({ switcherShown: true });
    },
    onCloseSwitcher() {
      this.setData({ switcherShown: false });
    },
  },
});
