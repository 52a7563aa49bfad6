/** A doctor: profile, fee and the sessions of the next 7 days with remaining slots; pull down to refresh, 转发 to share. */
import type { Doctor } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../behaviors/refresh';
import { shareMessage } from '../../view-models/share';
import { staleMark } from '../../view-models/stale';
import { routes } from '../../routes';
import { callCloud } from '../../services/cloud';
import { formatFen } from '../../view-models/format';
import { bothOk, loadInto } from '../../behaviors/load';
import { pageComponent } from '../../behaviors/page';
import { scheduleDays, type SessionView } from '../../view-models/schedule';

/** One row of the doctor's week: `周一 11-30 上午`. */
interface DoctorSessionRow extends SessionView {
  when: string;
}

pageComponent<{ doctorId: string }>()({
  behaviors: [elderModeBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    staleSince: '',
    doctor: null as Doctor | null,
    fee: '',
    sessions: [] as DoctorSessionRow[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.doctorId = query.doctorId ?? '';
      void this.load();
    },
    async load() {
      if (this.doctorId === '') {
        this.setData({ state: 'error', errorMessage: '未找到该医生，请返回重新选择' });
        return;
      }
      const doctorId = this.doctorId;
      const loaded = await loadInto(
        this,
        async () => bothOk(...(await Promise.all([callCloud('doctor.get', { doctorId }), callCloud('schedule.list', { doctorId })]))),
        ([doctor, schedules]) => ({
          doctor,
          fee: formatFen(doctor.fee),
          ...staleMark(doctor, schedules),
          // schedule.list without `from` starts today.
          sessions: scheduleDays(schedules.dates, schedules.schedules, { today: schedules.dates[0], stale: schedules.staleSince !== undefined }).flatMap((day) =>
            day.periods.flatMap((half) => half.sessions.map((session) => ({ ...session, when: `${day.title} ${half.label}` }))),
          ),
        }),
      );
      if (loaded) void wx.setNavigationBarTitle({ title: loaded[0].name });
    },
    onRetry() {
      void this.load();
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const doctor = this.data.doctor;
      return shareMessage(doctor === null ? '医生主页' : `${doctor.name} ${doctor.title} · ${doctor.deptName}`, routes.doctor({ doctorId: this.doctorId }));
    },
  },
});
