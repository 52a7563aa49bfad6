/**
 * Departments grouped by top-level department, with a search box that filters by name as the
 * patient types. Each department opens the department page (`linkQuery` is appended to its URL).
 */
import type { DepartmentGroup } from '../../../typings/hospital';
import { filterDepartments } from '../../view-models/departments';

/** A row of the list: a sub-specialty, or the group itself when it has none. */
interface DeptRow {
  deptId: string;
  name: string;
  url: string;
}

interface GroupView {
  deptId: string;
  name: string;
  rows: DeptRow[];
}

function groupViews(groups: DepartmentGroup[], linkQuery: string): GroupView[] {
  const url = (deptId: string) => `/pages/department/index?deptId=${encodeURIComponent(deptId)}${linkQuery ? `&${linkQuery}` : ''}`;
  return groups.map((group) => ({
    deptId: group.deptId,
    name: group.name,
    rows:
      group.children.length > 0
        ? group.children.map((child) => ({ deptId: child.deptId, name: child.name, url: url(child.deptId) }))
        : [{ deptId: group.deptId, name: group.name, url: url(group.deptId) }],
  }));
}

Component({
  properties: {
    /** The departments from `dept.list`. */
    groups: { type: Array, value: [] as DepartmentGroup[] },
    /** Extra query for the department page, e.g. `section=schedule`. */
    linkQuery: { type: String, value: '' },
  },
  data: {
    keyword: '',
    shown: [] as GroupView[],
  },
  observers: {
    'groups, keyword, linkQuery'(groups: DepartmentGroup[], keyword: string, linkQuery: string) {
      this.setData({ shown: groupViews(filterDepartments(groups, keyword), linkQuery) });
    },
  },
  methods: {
    onSearch(event: { detail: string }) {
      this.setData({ keyword: event.detail });
    },
    onClear() {
      this.setData({ keyword: '' });
    },
  },
});
