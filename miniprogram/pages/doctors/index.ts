/** 找医生: every doctor, searchable by name, department or specialty; each opens the doctor's page; pull down to refresh. */
import type { DoctorSummary } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../behaviors/refresh';
import { loadAllDoctors } from '../../services/hospital';
import { formatFen } from '../../view-models/format';
import { loadInto } from '../../behaviors/load';
import { pageComponent } from '../../behaviors/page';
import { routes } from '../../routes';

interface DoctorRow {
  doctorId: string;
  name: string;
  title: string;
  deptName: string;
  specialty: string;
  fee: string;
  url: string;
}

function doctorRow(d: DoctorSummary): DoctorRow {
  return { doctorId: d.doctorId, name: d.name, title: d.title, deptName: d.deptName, specialty: d.specialty, fee: formatFen(d.fee), url: routes.doctor({ doctorId: d.doctorId }) };
}

/** Doctors whose name, department or specialty contains the keyword. */
function filterDoctors(rows: DoctorRow[], keyword: string): DoctorRow[] {
  const needle = keyword.replace(/\s+/g, '').toLowerCase();
  if (needle === '') return rows;
  return rows.filter((row) => [row.name, row.deptName, row.specialty].some((text) => text.toLowerCase().includes(needle)));
}

pageComponent<{ allDoctors: DoctorRow[] }>()({
  behaviors: [elderModeBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    staleSince: '',
    keyword: '',
    doctors: [] as DoctorRow[],
  },
  methods: {
    onLoad() {
      this.allDoctors = [];
      void this.load();
    },
    async load() {
      await loadInto(
        this,
        loadAllDoctors,
        ({ doctors, staleSince }) => {
          this.allDoctors = doctors.map(doctorRow).sort((a, b) => a.deptName.localeCompare(b.deptName, 'zh') || a.name.localeCompare(b.name, 'zh'));
          return { state: this.allDoctors.length > 0 ? 'ready' : 'empty', staleSince: staleSince ?? '', doctors: filterDoctors(this.allDoctors, this.data.keyword) };
        },
      );
    },
    onRetry() {
      void this.load();
    },
    onSearch(event: { detail: string }) {
      this.setData({ keyword: event.detail, doctors: filterDoctors(this.allDoctors, event.detail) });
    },
    onClear() {
      this.setData({ keyword: '', doctors: this.allDoctors });
    },
  },
});
