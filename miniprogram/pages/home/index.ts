/** 首页: the current patient's card with the check-in QR code, the hospital's name and the services that work today. */
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { loadHospitalInfo } from '../../services/hospital';
import { loadInto } from '../../behaviors/load';
import { routes } from '../../routes';

/** One grid entry; each opens a page that works. */
interface ServiceEntry {
  text: string;
  icon: string;
  url: string;
  linkType: 'navigateTo' | 'switchTab';
}

const SERVICES: ServiceEntry[] = [
  { text: '预约挂号', icon: 'calendar-o', url: routes.departments(), linkType: 'navigateTo' },
  { text: '我的预约', icon: 'todo-list-o', url: routes.appointments(), linkType: 'navigateTo' },
  { text: '我的挂号', icon: 'records-o', url: routes.registrations(), linkType: 'navigateTo' },
  { text: '医院介绍', icon: 'hotel-o', url: routes.hospitalIntro(), linkType: 'navigateTo' },
  { text: '科室导航', icon: 'cluster-o', url: routes.departments(), linkType: 'navigateTo' },
  { text: '找医生', icon: 'friends-o', url: routes.doctors(), linkType: 'navigateTo' },
  { text: '按科室排班', icon: 'notes-o', url: routes.departments({ section: 'schedule' }), linkType: 'navigateTo' },
  { text: '就诊人管理', icon: 'manager-o', url: routes.patientList(), linkType: 'navigateTo' },
  { text: '门诊缴费', icon: 'balance-pay', url: routes.bills(), linkType: 'navigateTo' },
  { text: '费用查询', icon: 'bill-o', url: routes.costs(), linkType: 'navigateTo' },
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
      await loadInto(this, loadHospitalInfo, (hospital) => ({ hospitalName: hospital.name, hospitalLevel: hospital.level }));
    },
    onRetry() {
      void this.load();
    },
  },
});
