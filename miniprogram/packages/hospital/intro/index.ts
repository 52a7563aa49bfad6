/** 医院介绍 (subpackage): the hospital's full introduction, hours, traffic and contact. */
import type { HospitalInfo } from '../../../../typings/hospital';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { loadHospitalInfo } from '../../../services/hospital';
import { patientMessage } from '../../../utils/format';
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
      this.setData({ state: 'loading' });
      const answer = await loadHospitalInfo();
      if (!answer.ok) {
        this.setData({ state: 'error', errorMessage: patientMessage(answer) });
        return;
      }
      const paragraphs = answer.data.intro.split(/\n+/).map((p) => p.trim()).filter((p) => p !== '');
      this.setData({ state: 'ready', hospital: answer.data, paragraphs });
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
