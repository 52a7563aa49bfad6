/** 医院: the hospital in brief, then every department, grouped and searchable. */
import type { DepartmentGroup, HospitalInfo } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { loadDepartments, loadHospitalInfo } from '../../services/hospital';
import { patientMessage } from '../../utils/format';
import { dial } from '../../services/phone';

Component({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    hospital: null as HospitalInfo | null,
    groups: [] as DepartmentGroup[],
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      this.setData({ state: 'loading' });
      const [info, departments] = await Promise.all([loadHospitalInfo(), loadDepartments()]);
      if (!info.ok || !departments.ok) {
        const failure = !info.ok ? info : departments.ok ? null : departments;
        this.setData({ state: 'error', errorMessage: failure ? patientMessage(failure) : '' });
        return;
      }
      this.setData({ state: 'ready', hospital: info.data, groups: departments.data.groups });
    },
    onRetry() {
      void this.load();
    },
    onCall() {
      const hospital = this.data.hospital;
      if (hospital) dial(hospital.phone);
    },
  },
});
