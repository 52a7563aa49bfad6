/**
 * `doctor.list`: a department and its doctors (a group's doctors include its sub-specialties'); without
 * `deptId`, every doctor of the hospital (找医生 in one call), `department: null`.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { CODE_PATTERN } from '../../../../miniprogram/core/validate';
import type { ActionDefinition } from '../action';
import { staleMark } from '../../../common/stale';

export const doctorList: ActionDefinition<'doctor.list'> = {
  schema: { deptId: { type: 'string', label: '科室', pattern: CODE_PATTERN } },
  scope: 'public',
  async handler(ctx, { deptId }) {
    // Reference data is cached by the front machine, so finding the department costs no HSB call.
    const depts = await ctx.frontMachine.call('dept.list', {});
    if (deptId === undefined) {
      // Each top-level department lists its sub-specialties' doctors: one read per group, at once.
      const tops = depts.departments.filter((d) => d.parentId === null || !depts.departments.some((p) => p.deptId === d.parentId));
      const reads = await Promise.all(tops.map((d) => ctx.frontMachine.call('doctor.list', { deptId: d.deptId })));
      const doctors = new Map(reads.flatMap((r) => r.doctors).map((d) => [d.doctorId, d]));
      return { department: null, doctors: [...doctors.values()], ...staleMark(depts, ...reads) };
    }
    const department = depts.departments.find((d) => d.deptId === deptId);
    if (!department) throw new AppError('NOT_FOUND', '未找到该科室，请返回重新选择', 'deptId');
    const read = await ctx.frontMachine.call('doctor.list', { deptId });
    return { department, doctors: read.doctors, ...staleMark(depts, read) };
  },
};
