/** 医院介绍 (subpackage): the hospital's full introduction, hours, traffic and contact. */
import type { HospitalInfo } from '../../../../typings/hospital';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { openHospitalMap } from '../../../services/map';
import { loadHospitalInfo } from '../../../services/hospital';
import { loadInto } from '../../../behaviors/load';
import { dial } from '../../../services/phone';

Component({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    staleSince: '',
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
        staleSince: hospital.staleSince ?? '',
        paragraphs: hospital.intro.split(/\n+/).map((p) => p.trim()).filter((p) => p !== ''),
      }));
    },
    onRetry() {
      void this.load();
    },
    onOpenMap() {
      const hospital = this.data.hospital;
      if (hospital) openHospitalMap(hospital);
    },
    onCall() {
      const hospital = this.data.hospital;
      if (hospital) dial(hospital.phone);
    },
  },
});
