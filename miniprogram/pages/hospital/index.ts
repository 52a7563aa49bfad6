/** 医院: the hospital in brief (the address opens the map), then every department, grouped and searchable; pull down to refresh, 转发 to share. */
import type { DepartmentGroup, HospitalInfo } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../behaviors/refresh';
import { openHospitalMap } from '../../services/map';
import { shareMessage } from '../../view-models/share';
import { staleMark } from '../../view-models/stale';
import { loadDepartments, loadHospitalInfo } from '../../services/hospital';
import { bothOk, loadInto } from '../../behaviors/load';
import { dial } from '../../services/phone';
import { routes } from '../../routes';

Component({
  behaviors: [elderModeBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    staleSince: '',
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
        ([hospital, departments]) => ({ hospital, groups: departments.groups, ...staleMark(hospital, departments) }),
      );
    },
    onRetry() {
      void this.load();
    },
    onCall() {
      const hospital = this.data.hospital;
      if (hospital) dial(hospital.phone);
    },
    onOpenMap() {
      const hospital = this.data.hospital;
      if (hospital) openHospitalMap(hospital);
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const hospital = this.data.hospital;
      return shareMessage(hospital === null ? '医院导航与科室' : `${hospital.name} · 医院导航与科室`, routes.hospital());
    },
  },
});
