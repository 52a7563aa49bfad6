/** Filtering the grouped department list as the patient types. */
import type { DepartmentGroup } from '../../typings/hospital';

/**
 * Groups whose name matches keep all their sub-specialties; otherwise only matching
 * sub-specialties are kept, and groups left empty are dropped. Case and spaces are ignored.
 */
export function filterDepartments(groups: DepartmentGroup[], keyword: string): DepartmentGroup[] {
  const needle = keyword.replace(/\s+/g, '').toLowerCase();
  if (needle === '') return groups;
  const matches = (name: string) => name.toLowerCase().includes(needle);
  const result: DepartmentGroup[] = [];
  for (const group of groups) {
    if (matches(group.name)) {
      result.push(group);
      continue;
    }
    const children = group.children.filter((child) => matches(child.name));
    if (children.length > 0) result.push({ ...group, children });
  }
  return result;
}
