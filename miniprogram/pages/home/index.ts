/** 首页: the hospital's name and the services that work today. */
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { loadHospitalInfo } from '../../services/hospital';
import { patientMessage } from '../../utils/format';

/** One grid entry; each opens a page that works. */
interface ServiceEntry {
  text: string;
  icon: string;
  url: string;
  linkType: 'navigateTo' | 'switchTab';
}

const SERVICES: ServiceEntry[] = [
  { text: '医院介绍', icon: 'hotel-o', url: '/packages/hospital/intro/index', linkType: 'navigateTo' },
  { text: '科室导航', icon: 'cluster-o', url: '/pages/departments/index', linkType: 'navigateTo' },
  { text: '找医生', icon: 'friends-o', url: '/pages/doctors/index', linkType: 'navigateTo' },
  { text: '按科室排班', icon: 'calendar-o', url: '/pages/departments/index?section=schedule', linkType: 'navigateTo' },
];

Component({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    hospitalName: '',
    hospitalLevel: '',
    services: SERVICES,
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
      this.setData({ state: 'ready', hospitalName: answer.data.name, hospitalLevel: answer.data.level });
    },
    onRetry() {
      void this.load();
    },
  },
});
