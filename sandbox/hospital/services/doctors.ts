/** QueryDoctors: by DeptCode (the department and its sub-specialties) or by DoctorCode (one). */
import type { HsbDoctor, QueryDoctorsRequest, QueryDoctorsResponse } from '../../../typings/hsb';
import { CODE_PATTERN } from '../../../miniprogram/core/validate';
import { fenToYuan } from '../xml';
import type { ServiceHandler } from './context';
import { ok, readParams, refuse } from './context';
import { departmentSubtree, doctorExists, findDepartment, placeholders } from './queries';

interface DoctorRow {
  code: string;
  name: string;
  title: string;
  deptCode: string;
  deptName: string;
  specialty: string;
  intro: string;
  gender: 1 | 2;
  feeFen: number;
}

const SELECT_DOCTORS = `
  SELECT d.code, d.name, d.title, d.dept_code AS deptCode, p.name AS deptName, d.specialty, d.intro, d.gender, d.fee_fen AS feeFen
    FROM doctors d JOIN departments p ON p.code = d.dept_code`;

function toHsb(row: DoctorRow): HsbDoctor {
  return {
    DoctorCode: row.code,
    DoctorName: row.name,
    Title: row.title,
    DeptCode: row.deptCode,
    DeptName: row.deptName,
    Specialty: row.specialty,
    Intro: row.intro,
    Gender: row.gender === 2 ? '2' : '1',
    RegFee: fenToYuan(row.feeFen),
  };
}

export const queryDoctors: ServiceHandler<QueryDoctorsResponse> = (body, { db }) => {
  const params = readParams<QueryDoctorsRequest>(
    {
      DeptCode: { type: 'string', label: '科室代码', pattern: CODE_PATTERN },
      DoctorCode: { type: 'string', label: '医生代码', pattern: CODE_PATTERN },
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const { DeptCode, DoctorCode } = params.value;
  if (DeptCode !== undefined && DoctorCode !== undefined) return refuse('1002', '科室代码和医生代码只能提供其中一个');

  if (DoctorCode !== undefined) {
    if (!doctorExists(db, DoctorCode)) return refuse('1001', `医生不存在：${DoctorCode}`);
    const row = db.prepare(`${SELECT_DOCTORS} WHERE d.code = ?`).get(DoctorCode) as DoctorRow;
    return ok({ Doctors: { Doctor: [toHsb(row)] } });
  }
  if (DeptCode === undefined) return refuse('1002', '请提供科室代码或医生代码');
  if (!findDepartment(db, DeptCode)) return refuse('1001', `科室不存在：${DeptCode}`);
  const depts = departmentSubtree(db, DeptCode);
  const rows = db.prepare(`${SELECT_DOCTORS} WHERE d.dept_code IN (${placeholders(depts.length)}) ORDER BY p.sort, d.sort`).all(...depts) as DoctorRow[];
  return ok({ Doctors: { Doctor: rows.map(toHsb) } });
};
