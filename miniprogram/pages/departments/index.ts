/** 科室导航 / 按科室排班: pick a department; `section=schedule` opens it at its schedule. */
import type { DepartmentGroup } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { loadDepartments } from '../../services/hospital';
import { patientMessage } from '../../utils/format';

Component({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    groups: [] as DepartmentGroup[],
    linkQuery: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.section === 'schedule') {
        this.setData({ linkQuery: 'section=schedule' });
        void wx.setNavigationBarTitle({ title: '按科室排班' });
      }
      void this.load();
    },
    async load() {
      this.setData({ state: 'loading' });
      const answer = await loadDepartments();
      if (!answer.ok) {
        this.setData({ state: 'error', errorMessage: patientMessage(answer) });
        return;
      }
      const groups = answer.data.groups;
      this.setData({ state: groups.length > 0 ? 'ready' : 'empty', groups });
    },
    onRetry() {
      void this.load();
    },
  },
});
