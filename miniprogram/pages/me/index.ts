/** 我的: 长辈模式 and how to reach the hospital. */
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { setElderMode } from '../../services/elder-mode';
import { loadHospitalInfo } from '../../services/hospital';
import { patientMessage } from '../../utils/format';
import { dial } from '../../services/phone';

Component({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    hospitalName: '',
    phone: '',
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
      this.setData({ state: 'ready', hospitalName: answer.data.name, phone: answer.data.phone });
    },
    onRetry() {
      void this.load();
    },
    onElderChange(event: { detail: boolean }) {
      setElderMode(event.detail);
      this.setData({ elder: event.detail });
    },
    onCall() {
      dial(this.data.phone);
    },
  },
});
