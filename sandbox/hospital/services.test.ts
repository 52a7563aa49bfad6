import type { HsbDepartment, HsbDoctor, HsbSchedule } from '../../typings/hsb';
import { dateRange } from '../../miniprogram/core/time';
import { createHospital } from './hospital';
import type { Hospital } from './hospital';
import { callHsb } from './testing';

const NOW = '2026-11-26T01:30:00Z'; // Thursday 09:30 in Shanghai
const WINDOW = dateRange('2026-11-26', 7);
const TITLE_FEES: Record<string, string> = { 主任医师: '50.00', 副主任医师: '35.00', 主治医师: '20.00', 住院医师: '10.00' };
const keys = (o: object) => Object.keys(o).sort();

let hospital: Hospital;
let departments: HsbDepartment[];
beforeAll(async () => {
  hospital = createHospital({ now: NOW });
  hospital.clock.freeze();
  departments = (await callHsb(hospital, 'QueryDepartments')).Body.Departments.Department;
});
afterAll(() => hospital.close());

const leaves = () => departments.filter((d) => !departments.some((c) => c.ParentCode === d.DeptCode));
const topLevelGroups = () => departments.filter((d) => d.ParentCode === '' && departments.some((c) => c.ParentCode === d.DeptCode));

describe('GetHospitalInfo', () => {
  it('describes a fictional 三级甲等 children’s hospital with every field filled', async () => {
    const answer = await callHsb(hospital, 'GetHospitalInfo');
    const info = answer.Body.Hospital;
    expect(keys(info)).toEqual(['Address', 'BookingRules', 'HospitalName', 'Hours', 'Intro', 'Latitude', 'Level', 'Longitude', 'Phone', 'Traffic']);
    // the default booking rules (docs/architecture.md#booking-rules) until the hospital sets its own.
    expect(info.BookingRules).toEqual({ PayAtBooking: '0', MaxActiveAppointments: '3', HoldMinutes: '10' });
    expect(info.HospitalName).toContain('儿童医院');
    expect(info.Level).toBe('三级甲等');
    expect(info.Intro.split('\n\n').length).toBeGreaterThanOrEqual(2);
    for (const v of Object.values(info)) expect(v).not.toBe('');
  });

  it('refuses parameters it does not take with 1002', async () => {
    const answer = await callHsb(hospital, 'GetHospitalInfo', { DeptCode: '0101' });
    expect(answer.Header.ResultCode).toBe('1002');
    expect(answer.Header.ResultMessage).toBe('不支持的参数：DeptCode');
  });
});

describe('QueryDepartments', () => {
  it('lists at least 12 departments with exactly the HSB tags', () => {
    expect(departments.length).toBeGreaterThanOrEqual(12);
    for (const d of departments) {
      expect(keys(d)).toEqual(['DeptCode', 'DeptName', 'Intro', 'Location', 'ParentCode']);
      expect(d.Intro).not.toBe('');
      expect(d.Location).toMatch(/楼\d楼/);
    }
  });

  it('groups sub-specialties under top-level departments (ParentCode "" at the top)', () => {
    const codes = new Set(departments.map((d) => d.DeptCode));
    for (const d of departments) if (d.ParentCode !== '') expect(codes.has(d.ParentCode)).toBe(true);
    const names = (parent: string) => departments.filter((d) => d.ParentCode === parent).map((d) => d.DeptName);
    const byName = (name: string) => departments.find((d) => d.DeptName === name);
    expect(names(byName('儿内科')?.DeptCode ?? '?')).toEqual(expect.arrayContaining(['呼吸科', '消化科', '心血管科', '神经科', '肾脏科', '内分泌遗传代谢科']));
    expect(names(byName('儿外科')?.DeptCode ?? '?')).toEqual(expect.arrayContaining(['普外科', '骨科', '泌尿外科', '心胸外科', '神经外科']));
    expect(names(byName('五官科')?.DeptCode ?? '?')).toEqual(['眼科', '耳鼻咽喉科', '口腔科']);
    expect(byName('儿童保健科')?.ParentCode).toBe('');
    expect(byName('皮肤科')?.ParentCode).toBe('');
    expect(byName('中医科')?.ParentCode).toBe('');
  });

  it('puts every group before its sub-specialties and gives sub-specialties distinct locations', () => {
    const index = new Map(departments.map((d, i) => [d.DeptCode, i]));
    for (const d of departments) if (d.ParentCode) expect(index.get(d.ParentCode)).toBeLessThan(index.get(d.DeptCode) ?? -1);
    const locations = leaves().map((d) => d.Location);
    expect(new Set(locations).size).toBe(locations.length);
  });
});

describe('QueryDoctors', () => {
  it('lists 3–6 doctors per sub-specialty, each with the HSB tags, a title and its fee', async () => {
    for (const dept of leaves()) {
      const answer = await callHsb(hospital, 'QueryDoctors', { DeptCode: dept.DeptCode });
      expect(answer.Header.ResultCode).toBe('0');
      const doctors = answer.Body.Doctors.Doctor;
      expect(doctors.length).toBeGreaterThanOrEqual(3);
      expect(doctors.length).toBeLessThanOrEqual(6);
      expect(doctors.some((d) => d.Title === '主任医师' || d.Title === '副主任医师')).toBe(true);
      for (const d of doctors) {
        expect(keys(d)).toEqual(['DeptCode', 'DeptName', 'DoctorCode', 'DoctorName', 'Gender', 'Intro', 'RegFee', 'Specialty', 'Title']);
        expect(d.DeptCode).toBe(dept.DeptCode);
        expect(d.DeptName).toBe(dept.DeptName);
        expect(['1', '2']).toContain(d.Gender);
        expect(d.RegFee).toBe(TITLE_FEES[d.Title]);
        expect(d.DoctorName).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
        expect(d.Intro).toContain(`从事${d.DeptName}临床工作`);
        expect(d.Specialty).not.toBe('');
      }
    }
  });

  it('lists the doctors of all sub-specialties for a top-level department', async () => {
    for (const group of topLevelGroups()) {
      const children = departments.filter((d) => d.ParentCode === group.DeptCode).map((d) => d.DeptCode);
      const all = (await callHsb(hospital, 'QueryDoctors', { DeptCode: group.DeptCode })).Body.Doctors.Doctor;
      let expected: string[] = [];
      for (const child of children) {
        expected = expected.concat((await callHsb(hospital, 'QueryDoctors', { DeptCode: child })).Body.Doctors.Doctor.map((d) => d.DoctorCode));
      }
      expect(all.map((d) => d.DoctorCode)).toEqual(expected);
    }
  });

  it('answers one doctor by DoctorCode, still as a list', async () => {
    const someone = (await callHsb(hospital, 'QueryDoctors', { DeptCode: leaves()[0]?.DeptCode ?? '' })).Body.Doctors.Doctor[1] as HsbDoctor;
    const answer = await callHsb(hospital, 'QueryDoctors', { DoctorCode: someone.DoctorCode });
    expect(answer.Body.Doctors.Doctor).toEqual([someone]);
  });

  it.each([
    [{ DeptCode: '9999' }, '科室不存在：9999'],
    [{ DoctorCode: 'D999999' }, '医生不存在：D999999'],
  ])('answers 1001 for an unknown code %j', async (body, message) => {
    const answer = await callHsb(hospital, 'QueryDoctors', body);
    expect(answer.Header).toMatchObject({ ResultCode: '1001', ResultMessage: message });
    expect(answer.Body).toBe('');
  });

  it.each([
    [{}, '请提供科室代码或医生代码'],
    [{ DeptCode: '0101', DoctorCode: 'D010101' }, '科室代码和医生代码只能提供其中一个'],
    [{ DeptCode: '01 01' }, '科室代码格式不正确'],
    [{ DeptId: '0101' }, '不支持的参数：DeptId'],
  ])('answers 1002 for bad parameters %j', async (body, message) => {
    const answer = await callHsb(hospital, 'QueryDoctors', body);
    expect(answer.Header).toMatchObject({ ResultCode: '1002', ResultMessage: message });
  });
});

describe('QuerySchedules', () => {
  const allSchedules = async () => {
    let out: HsbSchedule[] = [];
    for (const group of departments.filter((d) => d.ParentCode === '')) {
      const answer = await callHsb(hospital, 'QuerySchedules', { DeptCode: group.DeptCode, BeginDate: WINDOW[0] ?? '', EndDate: WINDOW[6] ?? '' });
      out = out.concat(answer.Body.Schedules.Schedule);
    }
    return out;
  };

  it('answers sessions with the HSB tags, morning and afternoon hours, and RemainNum = free slots', async () => {
    const schedules = await allSchedules();
    expect(schedules.length).toBeGreaterThan(100);
    const slotCounts = hospital.db.prepare(`SELECT COUNT(*) AS total, SUM(state = 'free') AS free FROM slots WHERE schedule_code = ?`);
    for (const s of schedules) {
      expect(keys(s)).toEqual(
        ['BeginTime', 'ClinicDate', 'DeptCode', 'DeptName', 'DoctorCode', 'DoctorName', 'EndTime', 'RegFee', 'RemainNum', 'ScheduleCode', 'Status', 'TimeFlag', 'Title', 'TotalNum'],
      );
      expect(WINDOW).toContain(s.ClinicDate);
      expect([s.TimeFlag, s.BeginTime, s.EndTime]).toEqual(s.TimeFlag === '1' ? ['1', '08:00', '12:00'] : ['2', '14:00', '17:30']);
      expect(s.RegFee).toBe(TITLE_FEES[s.Title]);
      const counts = slotCounts.get(s.ScheduleCode) as { total: number; free: number };
      expect(s.TotalNum).toBe(String(counts.total));
      expect(s.RemainNum).toBe(s.Status === '1' ? '0' : String(counts.free));
    }
  });

  it('starts some sessions partly booked, some full, a few stopped (停诊)', async () => {
    const schedules = await allSchedules();
    const open = schedules.filter((s) => s.Status === '0');
    expect(open.some((s) => Number(s.RemainNum) > 0 && Number(s.RemainNum) < Number(s.TotalNum))).toBe(true);
    expect(open.some((s) => s.RemainNum === '0')).toBe(true);
    const stopped = schedules.filter((s) => s.Status === '1');
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.length).toBeLessThan(schedules.length / 5);
  });

  it('keeps timed slots of 10–15 minutes inside the session', () => {
    const slots = hospital.db.prepare(`SELECT begin_time AS b, end_time AS e FROM slots WHERE schedule_code LIKE '20261126-%'`).all() as Array<{ b: string; e: string }>;
    expect(slots.length).toBeGreaterThan(0);
    const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    for (const { b, e } of slots) {
      expect([10, 15]).toContain(minutes(e) - minutes(b));
      expect((b >= '08:00' && e <= '12:00') || (b >= '14:00' && e <= '17:30')).toBe(true);
    }
  });

  it('covers sub-specialties for a top-level DeptCode and one doctor for a DoctorCode', async () => {
    const group = topLevelGroups()[0] as HsbDepartment;
    const children = new Set(departments.filter((d) => d.ParentCode === group.DeptCode).map((d) => d.DeptCode));
    const byGroup = (await callHsb(hospital, 'QuerySchedules', { DeptCode: group.DeptCode, BeginDate: '2026-11-26', EndDate: '2026-12-02' })).Body.Schedules.Schedule;
    expect(new Set(byGroup.map((s) => s.DeptCode))).toEqual(children);
    const doctor = byGroup[0]?.DoctorCode ?? '';
    const byDoctor = (await callHsb(hospital, 'QuerySchedules', { DoctorCode: doctor, BeginDate: '2026-11-26', EndDate: '2026-12-02' })).Body.Schedules.Schedule;
    expect(byDoctor.length).toBeGreaterThan(0);
    expect(byDoctor.every((s) => s.DoctorCode === doctor)).toBe(true);
    expect(byDoctor).toEqual(byGroup.filter((s) => s.DoctorCode === doctor));
  });

  it('answers only published dates (today..today+6), inclusive of both ends', async () => {
    const dept = topLevelGroups()[0]?.DeptCode ?? '';
    const dates = async (BeginDate: string, EndDate: string) =>
      new Set((await callHsb(hospital, 'QuerySchedules', { DeptCode: dept, BeginDate, EndDate })).Body.Schedules.Schedule.map((s) => s.ClinicDate));
    expect(await dates('2026-01-01', '2027-12-31')).toEqual(new Set(WINDOW));
    expect(await dates('2026-11-28', '2026-11-28')).toEqual(new Set(['2026-11-28']));
    expect(await dates('2026-12-02', '2026-12-09')).toEqual(new Set(['2026-12-02']));
    const past = await callHsb(hospital, 'QuerySchedules', { DeptCode: dept, BeginDate: '2026-11-01', EndDate: '2026-11-25' });
    expect(past.Header.ResultCode).toBe('0');
    expect(past.Body.Schedules).toBe(''); // an empty list is an empty container element
  });

  it.each([
    [{ DeptCode: '0101', BeginDate: '2026/11/26', EndDate: '2026-11-30' }, '开始日期应为有效日期（如 2026-01-31）'],
    [{ DeptCode: '0101', BeginDate: '2026-11-26', EndDate: '2026-02-30' }, '结束日期应为有效日期（如 2026-01-31）'],
    [{ DeptCode: '0101', BeginDate: '2026-11-30', EndDate: '2026-11-26' }, '结束日期不能早于开始日期'],
    [{ DeptCode: '0101', EndDate: '2026-11-26' }, '请填写开始日期'],
    [{ BeginDate: '2026-11-26', EndDate: '2026-11-30' }, '请提供科室代码或医生代码'],
  ])('answers 1002 for %j', async (body, message) => {
    const answer = await callHsb(hospital, 'QuerySchedules', body);
    expect(answer.Header).toMatchObject({ ResultCode: '1002', ResultMessage: message });
  });

  it.each([
    [{ DeptCode: '0999', BeginDate: '2026-11-26', EndDate: '2026-11-30' }, '科室不存在：0999'],
    [{ DoctorCode: 'NOBODY', BeginDate: '2026-11-26', EndDate: '2026-11-30' }, '医生不存在：NOBODY'],
  ])('answers 1001 for an unknown code %j', async (body, message) => {
    const answer = await callHsb(hospital, 'QuerySchedules', body);
    expect(answer.Header).toMatchObject({ ResultCode: '1001', ResultMessage: message });
  });
});
