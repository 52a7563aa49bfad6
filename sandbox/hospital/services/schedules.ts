/**
 * QuerySchedules: sessions of a department (with its sub-specialties) or of a doctor, between two
 * dates inclusive, limited to the dates the hospital publishes (today .. today+6).
 */
import type { HsbSchedule, QuerySchedulesRequest, QuerySchedulesResponse } from '../../../typings/hsb';
import { CODE_PATTERN } from '../../../miniprogram/core/validate';
import { fenToYuan } from '../xml';
import type { ServiceHandler } from './context';
import { ok, readParams, refuse } from './context';
import { settleNow } from '../booking';
import { departmentSubtree, doctorExists, findDepartment, placeholders } from './queries';

interface ScheduleRow {
  code: string;
  doctorCode: string;
  doctorName: string;
  title: string;
  deptCode: string;
  deptName: string;
  clinicDate: string;
  timeFlag: 1 | 2;
  beginTime: string;
  endTime: string;
  feeFen: number;
  status: 0 | 1;
  total: number;
  free: number;
}

const SELECT_SCHEDULES = `
  SELECT s.code, s.doctor_code AS doctorCode, d.name AS doctorName, d.title, s.dept_code AS deptCode, p.name AS deptName,
         s.clinic_date AS clinicDate, s.time_flag AS timeFlag, s.begin_time AS beginTime, s.end_time AS endTime,
         s.fee_fen AS feeFen, s.status,
         (SELECT COUNT(*) FROM slots WHERE schedule_code = s.code) AS total,
         (SELECT COUNT(*) FROM slots WHERE schedule_code = s.code AND state = 'free') AS free
    FROM schedules s
    JOIN doctors d ON d.code = s.doctor_code
    JOIN departments p ON p.code = s.dept_code`;

export function toHsbSchedule(row: ScheduleRow): HsbSchedule {
  const stopped = row.status === 1;
  return {
    ScheduleCode: row.code,
    DoctorCode: row.doctorCode,
    DoctorName: row.doctorName,
    Title: row.title,
    DeptCode: row.deptCode,
    DeptName: row.deptName,
    ClinicDate: row.clinicDate,
    TimeFlag: row.timeFlag === 2 ? '2' : '1',
    BeginTime: row.beginTime,
    EndTime: row.endTime,
    RegFee: fenToYuan(row.feeFen),
    TotalNum: String(row.total),
    // A stopped session (停诊) takes no bookings, whatever its slots say.
    RemainNum: String(stopped ? 0 : row.free),
    Status: stopped ? '1' : '0',
  };
}

/** One session by its code, as the HSB writes it; undefined when unknown. */
export function scheduleByCode(db: Parameters<typeof settleNow>[0], code: string): HsbSchedule | undefined {
  const row = db.prepare(`${SELECT_SCHEDULES} WHERE s.code = ?`).get(code) as ScheduleRow | undefined;
  return row === undefined ? undefined : toHsbSchedule(row);
}

export const querySchedules: ServiceHandler<QuerySchedulesResponse> = (body, { db, publishedDates, now }) => {
  const params = readParams<QuerySchedulesRequest>(
    {
      DeptCode: { type: 'string', label: '科室代码', pattern: CODE_PATTERN },
      DoctorCode: { type: 'string', label: '医生代码', pattern: CODE_PATTERN },
      BeginDate: { type: 'date', label: '开始日期', required: true },
      EndDate: { type: 'date', label: '结束日期', required: true },
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const { DeptCode, DoctorCode, BeginDate, EndDate } = params.value;
  if (EndDate < BeginDate) return refuse('1002', '结束日期不能早于开始日期');
  if (DeptCode !== undefined && DoctorCode !== undefined) return refuse('1002', '科室代码和医生代码只能提供其中一个');

  let filter: string;
  let args: string[];
  if (DoctorCode !== undefined) {
    if (!doctorExists(db, DoctorCode)) return refuse('1001', `医生不存在：${DoctorCode}`);
    filter = 's.doctor_code = ?';
    args = [DoctorCode];
  } else if (DeptCode !== undefined) {
    if (!findDepartment(db, DeptCode)) return refuse('1001', `科室不存在：${DeptCode}`);
    const depts = departmentSubtree(db, DeptCode);
    filter = `s.dept_code IN (${placeholders(depts.length)})`;
    args = depts;
  } else {
    return refuse('1002', '请提供科室代码或医生代码');
  }

  // Lapsed holds and no-shows count as free again before anyone reads RemainNum.
  settleNow(db, now());
  const published = publishedDates();
  const first = published[0] ?? '';
  const last = published[published.length - 1] ?? '';
  const from = BeginDate > first ? BeginDate : first;
  const to = EndDate < last ? EndDate : last;
  if (from > to) return ok({ Schedules: { Schedule: [] } });
  const rows = db
    .prepare(`${SELECT_SCHEDULES} WHERE s.clinic_date BETWEEN ? AND ? AND ${filter} ORDER BY s.clinic_date, s.time_flag, p.sort, d.sort`)
    .all(from, to, ...args) as ScheduleRow[];
  return ok({ Schedules: { Schedule: rows.map(toHsbSchedule) } });
};
