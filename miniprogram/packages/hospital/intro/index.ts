/** 医院介绍 (subpackage): the hospital's full introduction, hours, traffic and contact. */
import type { HospitalInfo } from '../../../../typings/hospital';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { loadHospitalInfo } from '../../../services/hospital';
import { loadInto } from '../../../behaviors/load';
import { dial } from '../../../services/phone';

Component({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    hospital: null as HospitalInfo | null,
    paragraphs: [] as string[],
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      await loadInto(this, loadHospitalInfo, (hospital) => ({
        hospital,
        paragraphs: hospital.intro.split(/\n+/).map((p) => p.trim()).filter((p) => p !== ''),
      }));
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
