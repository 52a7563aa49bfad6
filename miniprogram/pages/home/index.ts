/** 首页: the current patient's card with the check-in QR code, the hospital's name and the services that work today. */
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { loadHospitalInfo } from '../../services/hospital';
import { loadInto } from '../../utils/load';

/** One grid entry; each opens a page that works. */
interface ServiceEntry {
  text: string;
  icon: string;
  url: string;
  linkType: 'navigateTo' | 'switchTab';
}

const SERVICES: ServiceEntry[] = [
  { text: '预约挂号', icon: 'calendar-o', url: '/pages/departments/index', linkType: 'navigateTo' },
  { text: '我的预约', icon: 'todo-list-o', url: '/packages/booking/appointments/index', linkType: 'navigateTo' },
  { text: '我的挂号', icon: 'records-o', url: '/packages/booking/registrations/index', linkType: 'navigateTo' },
  { text: '医院介绍', icon: 'hotel-o', url: '/packages/hospital/intro/index', linkType: 'navigateTo' },
  { text: '科室导航', icon: 'cluster-o', url: '/pages/departments/index', linkType: 'navigateTo' },
  { text: '找医生', icon: 'friends-o', url: '/pages/doctors/index', linkType: 'navigateTo' },
  { text: '按科室排班', icon: 'notes-o', url: '/pages/departments/index?section=schedule', linkType: 'navigateTo' },
  { text: '就诊人管理', icon: 'manager-o', url: '/packages/patient/list/index', linkType: 'navigateTo' },
  { text: '门诊缴费', icon: 'balance-pay', url: '/packages/payment/bills/index', linkType: 'navigateTo' },
  { text: '费用查询', icon: 'bill-o', url: '/packages/payment/costs/index', linkType: 'navigateTo' },
  // Records and reports (issue 13).
  { text: '报告查询', icon: 'description', url: '/packages/records/reports/index', linkType: 'navigateTo' },
  { text: '就诊记录', icon: 'notes-o', url: '/packages/records/visits/index', linkType: 'navigateTo' },
  // Inpatient (住院)
  { text: '住院服务', icon: 'label-o', url: '/packages/inpatient/index/index', linkType: 'navigateTo' },
  // After the visit (issue 15).
  { text: '核酸检测', icon: 'shield-o', url: '/packages/nat/apply/index', linkType: 'navigateTo' },
  { text: '电子票据', icon: 'description', url: '/packages/invoice/list/index', linkType: 'navigateTo' },
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
