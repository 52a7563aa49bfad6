/** A doctor: profile, fee and the sessions of the next 7 days with remaining slots. */
import type { Doctor } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
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
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
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
          sessions: scheduleDays(schedules.dates, schedules.schedules).flatMap((day) =>
            day.periods.flatMap((half) => half.sessions.map((session) => ({ ...session, when: `${day.title} ${half.label}` }))),
          ),
        }),
      );
      if (loaded) void wx.setNavigationBarTitle({ title: loaded[0].name });
    },
    onRetry() {
      void this.load();
    },
  },
});
