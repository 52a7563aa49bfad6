/** 科室导航 / 按科室排班: pick a department; `section=schedule` opens it at its schedule. */
import type { DepartmentGroup } from '../../../typings/hospital';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../behaviors/refresh';
import { loadDepartments } from '../../services/hospital';
import { loadInto } from '../../behaviors/load';

Component({
  behaviors: [elderModeBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    staleSince: '',
    groups: [] as DepartmentGroup[],
    linkQuery: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.section === 'schedule') {
        this.setData({ linkQuery: 'section=schedule' });
        void wx.setNavigationBarTitle({ title: '按科室排班' });
      } else if (query.section === 'today') {
        this.setData({ linkQuery: 'section=today' });
        void wx.setNavigationBarTitle({ title: '当日挂号' });
      }
      void this.load();
    },
    async load() {
      await loadInto(this, loadDepartments, ({ groups, staleSince }) => ({ state: groups.length > 0 ? 'ready' : 'empty', groups, staleSince: staleSince ?? '' }));
    },
    onRetry() {
      void this.load();
    },
  },
});
