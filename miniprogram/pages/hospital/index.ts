/** 医院: the hospital in brief, then every department, grouped and searchable. */
import type { DepartmentGroup, HospitalInfo } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { loadDepartments, loadHospitalInfo } from '../../services/hospital';
import { bothOk, loadInto } from '../../behaviors/load';
import { dial } from '../../services/phone';
import { routes } from '../../routes';

Component({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    hospital: null as HospitalInfo | null,
    groups: [] as DepartmentGroup[],
    introUrl: routes.hospitalIntro(),
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      await loadInto(
        this,
        async () => bothOk(...(await Promise.all([loadHospitalInfo(), loadDepartments()]))),
        ([hospital, departments]) => ({ hospital, groups: departments.groups }),
      );
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
