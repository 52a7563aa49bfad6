/** A department: where it is, its doctors and its 7-day schedule. */
import type { Department } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { callCloud } from '../../services/cloud';
import { formatFen } from '../../view-models/format';
import { bothOk, loadInto } from '../../behaviors/load';
import { pageComponent } from '../../behaviors/page';
import { scheduleDays, type ScheduleDayView } from '../../view-models/schedule';
import { routes } from '../../routes';

interface DoctorRow {
  doctorId: string;
  name: string;
  title: string;
  specialty: string;
  fee: string;
  url: string;
}

/** Non-render state: which department, and whether to open at the schedule. */
interface DepartmentPageState {
  deptId: string;
  scrollToSchedule: boolean;
}

pageComponent<DepartmentPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    department: null as Department | null,
    doctors: [] as DoctorRow[],
    days: [] as ScheduleDayView[],
    activeDay: '',
    introOpen: [] as string[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.deptId = query.deptId ?? '';
      this.scrollToSchedule = query.section === 'schedule';
      void this.load();
    },
    async load() {
      if (this.deptId === '') {
        this.setData({ state: 'error', errorMessage: '未找到该科室，请返回重新选择' });
        return;
      }
      const deptId = this.deptId;
      const loaded = await loadInto(
        this,
        async () => bothOk(...(await Promise.all([callCloud('doctor.list', { deptId }), callCloud('schedule.list', { deptId })]))),
        ([doctors, schedules]) => {
          const days = scheduleDays(schedules.dates, schedules.schedules);
          // Open on the first date that still has sessions, so the patient sees something bookable.
          const firstWithSessions = days.find((day) => !day.empty) ?? days[0];
          return {
            department: doctors.department,
            doctors: doctors.doctors.map((d) => ({ doctorId: d.doctorId, name: d.name, title: d.title, specialty: d.specialty, fee: formatFen(d.fee), url: routes.doctor({ doctorId: d.doctorId }) })),
            days,
            activeDay: firstWithSessions?.date ?? '',
          };
        },
      );
      if (!loaded) return;
      void wx.setNavigationBarTitle({ title: loaded[0].department.name });
      if (this.scrollToSchedule) void wx.pageScrollTo({ selector: '#schedule', duration: 0 });
    },
    onRetry() {
      void this.load();
    },
    onDayChange(event: WechatMiniprogram.CustomEvent<{ name: string }>) {
      this.setData({ activeDay: event.detail.name });
    },
    onIntroToggle(event: WechatMiniprogram.CustomEvent<string[]>) {
      this.setData({ introOpen: event.detail });
    },
  },
});
