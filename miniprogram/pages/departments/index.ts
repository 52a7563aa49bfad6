/** 科室导航 / 按科室排班: pick a department; `section=schedule` opens it at its schedule. */
import type { DepartmentGroup } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { loadDepartments } from '../../services/hospital';
import { loadInto } from '../../behaviors/load';

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
      await loadInto(this, loadDepartments, ({ groups }) => ({ state: groups.length > 0 ? 'ready' : 'empty', groups }));
    },
    onRetry() {
      void this.load();
    },
  },
});
