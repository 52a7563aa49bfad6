/** A department: where it is, its doctors and its 7-day schedule; pull down to refresh, 转发 to share. */
import type { Department } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../behaviors/refresh';
import { shareMessage } from '../../view-models/share';
import { staleMark } from '../../view-models/stale';
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

/** Non-render state: which department, and whether to open at the schedule (or at today's sessions). */
interface DepartmentPageState {
  deptId: string;
  scrollToSchedule: boolean;
  openAtToday: boolean;
}

pageComponent<DepartmentPageState>()({
  behaviors: [elderModeBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    staleSince: '',
    department: null as Department | null,
    doctors: [] as DoctorRow[],
    days: [] as ScheduleDayView[],
    activeDay: '',
    introOpen: [] as string[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.deptId = query.deptId ?? '';
      this.openAtToday = query.section === 'today';
      this.scrollToSchedule = query.section === 'schedule' || this.openAtToday;
      void this.load();
    },
    async load(showLoading = true) {
      if (this.deptId === '') {
        this.setData({ state: 'error', errorMessage: '未找到该科室，请返回重新选择' });
        return;
      }
      const deptId = this.deptId;
      // A refresh stays on the day the patient is looking at.
      const keepDay = showLoading ? '' : this.data.activeDay;
      const loaded = await loadInto(
        this,
        async () => bothOk(...(await Promise.all([callCloud('doctor.list', { deptId }), callCloud('schedule.list', { deptId })]))),
        ([doctors, schedules]) => {
          // schedule.list without `from` starts today.
          const days = scheduleDays(schedules.dates, schedules.schedules, { today: schedules.dates[0], stale: schedules.staleSince !== undefined });
          // Open on the first date that still has sessions (当日挂号: today), so the patient sees something bookable.
          const firstWithSessions = this.openAtToday ? days[0] : (days.find((day) => !day.empty) ?? days[0]);
          return {
            department: doctors.department,
            doctors: doctors.doctors.map((d) => ({ doctorId: d.doctorId, name: d.name, title: d.title, specialty: d.specialty, fee: formatFen(d.fee), url: routes.doctor({ doctorId: d.doctorId }) })),
            days,
            activeDay: keepDay !== '' && days.some((d) => d.date === keepDay) ? keepDay : (firstWithSessions?.date ?? ''),
            ...staleMark(doctors, schedules),
          };
        },
      );
      if (!loaded) return;
      void wx.setNavigationBarTitle({ title: loaded[0].department?.name ?? '科室' });
      if (this.scrollToSchedule) void wx.pageScrollTo({ selector: '#schedule', duration: 0 });
    },
    onRetry() {
      void this.load();
    },
    onDayChange(event: WechatMiniprogram.CustomEvent<{ name: string }>) {
      this.setData({ activeDay: event.detail.name });
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const department = this.data.department;
      return shareMessage(department === null ? '科室排班' : `${department.name} · 近7天排班`, routes.department({ deptId: this.deptId }));
    },
    onIntroToggle(event: WechatMiniprogram.CustomEvent<string[]>) {
      this.setData({ introOpen: event.detail });
    },
  },
});
