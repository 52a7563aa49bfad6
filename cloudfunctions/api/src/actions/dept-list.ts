/** `dept.list`: the front machine's flat department list, grouped under top-level departments. */
import type { Department, DepartmentGroup } from '../../../../typings/hospital';
import type { ActionDefinition } from '../action';
import { staleMark } from '../../../common/stale';

/**
 * Groups departments under their top-level ancestor, keeping the hospital's order. A group's
 * children are the departments a patient books in: a top-level department without sub-specialties
 * lists itself as its only child, so the UI always books a child. A department whose parent is
 * unknown is treated as top-level.
 */
export function groupDepartments(departments: readonly Department[]): DepartmentGroup[] {
  const byId = new Map(departments.map((d) => [d.deptId, d]));
  const topOf = (d: Department): Department => {
    const seen = new Set<string>();
    let current = d;
    while (current.parentId !== null && !seen.has(current.deptId)) {
      seen.add(current.deptId);
      const parent = byId.get(current.parentId);
      if (!parent) break;
      current = parent;
    }
    return current;
  };
  const groups = new Map<string, DepartmentGroup>();
  const groupFor = (top: Department): DepartmentGroup => {
    let g = groups.get(top.deptId);
    if (!g) {
      g = { deptId: top.deptId, name: top.name, intro: top.intro, children: [] };
      groups.set(top.deptId, g);
    }
    return g;
  };
  for (const d of departments) {
    const top = topOf(d);
    const group = groupFor(top);
    if (top.deptId !== d.deptId) group.children.push(d);
  }
  for (const g of groups.values()) {
    const top = byId.get(g.deptId);
    if (g.children.length === 0 && top) g.children.push(top);
  }
  return [...groups.values()];
}

export const deptList: ActionDefinition<'dept.list'> = {
  schema: {},
  scope: 'public',
  async handler(ctx) {
    const read = await ctx.frontMachine.call('dept.list', {});
    return { groups: groupDepartments(read.departments), ...staleMark(read) };
  },
};
