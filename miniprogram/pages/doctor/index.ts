/** A doctor: profile, fee and the sessions of the next 7 days with remaining slots. */
import type { Doctor } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { callCloud } from '../../services/cloud';
import { formatFen, patientMessage } from '../../utils/format';
import { pageComponent } from '../../utils/page';
import { scheduleDays, type SessionView } from '../../utils/schedule';

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
      this.setData({ state: 'loading' });
      const doctorId = this.doctorId;
      const [doctor, schedules] = await Promise.all([callCloud('doctor.get', { doctorId }), callCloud('schedule.list', { doctorId })]);
      if (!doctor.ok || !schedules.ok) {
        const failure = !doctor.ok ? doctor : schedules.ok ? null : schedules;
        this.setData({ state: 'error', errorMessage: failure ? patientMessage(failure) : '' });
        return;
      }
      const sessions = scheduleDays(schedules.data.dates, schedules.data.schedules).flatMap((day) =>
        day.periods.flatMap((half) => half.sessions.map((session) => ({ ...session, when: `${day.title} ${half.label}` }))),
      );
      this.setData({ state: 'ready', doctor: doctor.data, fee: formatFen(doctor.data.fee), sessions });
      void wx.setNavigationBarTitle({ title: doctor.data.name });
    },
    onRetry() {
      void this.load();
    },
  },
});
