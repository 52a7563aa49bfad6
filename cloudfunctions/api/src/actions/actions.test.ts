import type { ApiResult } from '../../../../typings/api';
import type { Department, Schedule } from '../../../../typings/hospital';
import { AppError } from '../../../../miniprogram/core/errors';
import { hospitalInstant } from '../../../../miniprogram/core/time';
import { createLogger } from '../../../common/logger';
import { stubFrontMachine, type StubAnswers } from '../../../testing/stub-front-machine';
import { cloudAccountStore } from '../../../common/accounts';
import { dispatch } from '../router';
import { accountDatabase, TEST_ID_HMAC_KEY, testPaymentPorts, testStayIndex, testIdentityStore } from '../../../testing/harness';
import { groupDepartments } from './dept-list';

const log = createLogger({ level: 'silent' });

function run(event: unknown, answers: StubAnswers, now = hospitalInstant('2026-03-09 10:00:00')) {
  const frontMachine = stubFrontMachine(answers);
  const result = dispatch(event, { openid: 'o-test', clock: () => now, frontMachine, log, accounts: cloudAccountStore(accountDatabase()), idHmacKey: TEST_ID_HMAC_KEY, payments: testPaymentPorts(), stays: testStayIndex(), identity: testIdentityStore() });
  return { result, calls: frontMachine.calls };
}

function data<T>(r: ApiResult): T {
  if (!r.ok) throw new Error(`expected success, got ${r.code} ${r.message}`);
  return r.data as T;
}

const dept = (deptId: string, name: string, parentId: string | null): Department => ({ deptId, name, parentId, intro: `${name}简介`, location: '门诊楼' });

const DEPARTMENTS: Department[] = [
  dept('NK', '儿内科', null),
  dept('NK-HX', '呼吸专科', 'NK'),
  dept('WK', '儿外科', null),
  dept('NK-XH', '消化专科', 'NK'),
  dept('EB', '耳鼻喉科', null),
  dept('NK-HX-XC', '哮喘门诊', 'NK-HX'),
  dept('ORPHAN', '孤立专科', 'GONE'),
];

describe('hospital.info', () => {
  test('maps the profile field by field', async () => {
    const info = {
      name: '示例儿童医院',
      level: '三级甲等',
      address: '合肥市',
      phone: '0551-1',
      intro: '简介',
      hours: '8:00-17:00',
      traffic: '地铁1号线',
      bookingRules: { payAtBooking: true, maxActiveAppointments: 2, holdMinutes: 15 },
    };
    const { result } = run({ action: 'hospital.info' }, { 'hospital.info': () => ({ ...info, internalCode: 'X', bookingRules: { ...info.bookingRules, secret: 1 } }) as typeof info });
    expect(data(await result)).toEqual(info);
  });
});

describe('dept.list', () => {
  test('groups under top-level departments in the hospital’s order; a lone top-level department lists itself', () => {
    const groups = groupDepartments(DEPARTMENTS);
    expect(groups.map((g) => [g.deptId, g.children.map((c) => c.deptId)])).toEqual([
      ['NK', ['NK-HX', 'NK-XH', 'NK-HX-XC']],
      ['WK', ['WK']],
      ['EB', ['EB']],
      ['ORPHAN', ['ORPHAN']],
    ]);
    expect(groups[0]).toMatchObject({ name: '儿内科', intro: '儿内科简介' });
  });

  test('a cycle in parent ids does not hang', () => {
    const groups = groupDepartments([dept('A', 'A', 'B'), dept('B', 'B', 'A')]);
    expect(groups.length).toBeGreaterThan(0);
  });

  test('answers {groups}', async () => {
    const { result } = run({ action: 'dept.list' }, { 'dept.list': () => ({ departments: DEPARTMENTS }) });
    expect(data<{ groups: unknown[] }>(await result).groups).toHaveLength(4);
  });
});

describe('doctor.list', () => {
  const doctors = [{ doctorId: 'DR1', name: '王医生', title: '主任医师', deptId: 'NK-HX', deptName: '呼吸专科', specialty: '哮喘', fee: 2500 }];

  test('answers the department and its doctors', async () => {
    const { result, calls } = run({ action: 'doctor.list', data: { deptId: 'NK' } }, { 'dept.list': () => ({ departments: DEPARTMENTS }), 'doctor.list': () => ({ doctors }) });
    expect(data(await result)).toEqual({ department: DEPARTMENTS[0], doctors });
    expect(calls.map((c) => c.op)).toEqual(['dept.list', 'doctor.list']);
    expect(calls[1]?.req).toEqual({ deptId: 'NK' });
  });

  test('without a department, every doctor of the hospital: one read per top-level department, each doctor once', async () => {
    const { result, calls } = run({ action: 'doctor.list', data: {} }, { 'dept.list': () => ({ departments: DEPARTMENTS }), 'doctor.list': () => ({ doctors }) });
    expect(data(await result)).toEqual({ department: null, doctors });
    // Top-level as dept.list groups them (a department whose parent is unknown forms its own group).
    const tops = groupDepartments(DEPARTMENTS).map((g) => ({ deptId: g.deptId }));
    expect(calls.filter((c) => c.op === 'doctor.list').map((c) => c.req)).toEqual(tops);
  });

  test('an unknown department is NOT_FOUND field deptId, without asking for doctors', async () => {
    const { result, calls } = run({ action: 'doctor.list', data: { deptId: 'NOPE' } }, { 'dept.list': () => ({ departments: DEPARTMENTS }) });
    expect(await result).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'deptId' });
    expect(calls.map((c) => c.op)).toEqual(['dept.list']);
  });
});

describe('doctor.get', () => {
  test('answers the profile', async () => {
    const doctor = { doctorId: 'DR1', name: '王医生', title: '主任医师', deptId: 'NK', deptName: '儿内科', specialty: '哮喘', fee: 2500, intro: '简介', gender: 'F' as const };
    const { result } = run({ action: 'doctor.get', data: { doctorId: 'DR1' } }, { 'doctor.get': () => doctor });
    expect(data(await result)).toEqual(doctor);
  });

  test('NOT_FOUND passes through with its field', async () => {
    const { result } = run(
      { action: 'doctor.get', data: { doctorId: 'DR9' } },
      {
        'doctor.get': () => {
          throw new AppError('NOT_FOUND', '未找到该医生', 'doctorId');
        },
      },
    );
    expect(await result).toEqual({ ok: false, code: 'NOT_FOUND', message: '未找到该医生', field: 'doctorId' });
  });
});

describe('schedule.list', () => {
  const session = (date: string, period: 'AM' | 'PM', doctorId: string, doctorName: string): Schedule => ({
    scheduleId: `${date}-${period}-${doctorId}`,
    doctorId,
    doctorName,
    title: '主治医师',
    deptId: 'NK',
    deptName: '儿内科',
    date,
    period,
    startTime: period === 'AM' ? '08:00' : '14:00',
    endTime: period === 'AM' ? '12:00' : '17:30',
    fee: 1500,
    totalSlots: 20,
    remaining: 5,
    status: 'open',
  });

  const echoWindow: StubAnswers = { 'schedule.list': () => ({ schedules: [] }) };

  test('exactly one of deptId and doctorId', async () => {
    for (const d of [{}, { deptId: 'NK', doctorId: 'DR1' }]) {
      const { result, calls } = run({ action: 'schedule.list', data: d }, echoWindow);
      expect(await result).toEqual({ ok: false, code: 'INVALID_INPUT', message: '请选择科室或医生', field: 'deptId' });
      expect(calls).toHaveLength(0);
    }
  });

  test('defaults: today in Shanghai and 7 days, asked of the front machine as inclusive from..to', async () => {
    const { result, calls } = run({ action: 'schedule.list', data: { doctorId: 'DR1' } }, echoWindow);
    expect(data<{ dates: string[] }>(await result).dates).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15']);
    expect(calls[0]?.req).toEqual({ doctorId: 'DR1', from: '2026-03-09', to: '2026-03-15' });
  });

  test('at 23:59:59 Shanghai it is still that day (even though UTC is mid-afternoon)', async () => {
    const { result, calls } = run({ action: 'schedule.list', data: { deptId: 'NK' } }, echoWindow, hospitalInstant('2026-03-09 23:59:59'));
    expect(data<{ dates: string[] }>(await result).dates[0]).toBe('2026-03-09');
    expect(calls[0]?.req).toEqual({ deptId: 'NK', from: '2026-03-09', to: '2026-03-15' });
  });

  test('at 00:00:00 Shanghai the window has moved to the new day (UTC is still the day before)', async () => {
    const midnight = hospitalInstant('2026-03-10 00:00:00');
    expect(new Date(midnight).toISOString()).toBe('2026-03-09T16:00:00.000Z');
    const { result, calls } = run({ action: 'schedule.list', data: { deptId: 'NK' } }, echoWindow, midnight);
    expect(data<{ dates: string[] }>(await result).dates[0]).toBe('2026-03-10');
    expect(calls[0]?.req).toEqual({ deptId: 'NK', from: '2026-03-10', to: '2026-03-16' });
    const past = run({ action: 'schedule.list', data: { deptId: 'NK', from: '2026-03-09' } }, echoWindow, midnight);
    expect(await past.result).toEqual({ ok: false, code: 'INVALID_INPUT', message: '只能查询今天起7天内的排班', field: 'from' });
  });

  test.each([
    ['2026-03-08', false],
    ['2026-03-09', true],
    ['2026-03-15', true],
    ['2026-03-16', false],
  ])('from %s within today..today+6: %s', async (from, allowed) => {
    const { result } = run({ action: 'schedule.list', data: { deptId: 'NK', from } }, echoWindow, hospitalInstant('2026-03-09 23:59:59'));
    const r = await result;
    if (allowed) expect(r.ok).toBe(true);
    else expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'from', message: '只能查询今天起7天内的排班' });
  });

  test('days is clipped to the 7-day window', async () => {
    const { result, calls } = run({ action: 'schedule.list', data: { deptId: 'NK', from: '2026-03-13', days: 7 } }, echoWindow);
    expect(data<{ dates: string[] }>(await result).dates).toEqual(['2026-03-13', '2026-03-14', '2026-03-15']);
    expect(calls[0]?.req).toEqual({ deptId: 'NK', from: '2026-03-13', to: '2026-03-15' });
    const one = run({ action: 'schedule.list', data: { deptId: 'NK', days: 1 } }, echoWindow);
    expect(data<{ dates: string[] }>(await one.result).dates).toEqual(['2026-03-09']);
  });

  test('sessions sorted by date, period, doctor; nothing outside the asked dates', async () => {
    const unsorted = [
      session('2026-03-10', 'PM', 'DR2', '张医生'),
      session('2026-03-09', 'PM', 'DR1', '王医生'),
      session('2026-03-10', 'AM', 'DR2', '张医生'),
      session('2026-03-10', 'AM', 'DR1', '王医生'),
      session('2026-03-09', 'AM', 'DR3', '李医生'),
      session('2026-03-20', 'AM', 'DR3', '李医生'),
    ];
    const { result } = run({ action: 'schedule.list', data: { deptId: 'NK' } }, { 'schedule.list': () => ({ schedules: unsorted }) });
    const { schedules } = data<{ schedules: Schedule[] }>(await result);
    expect(schedules.map((s) => `${s.date} ${s.period} ${s.doctorName}`)).toEqual([
      '2026-03-09 AM 李医生',
      '2026-03-09 PM 王医生',
      '2026-03-10 AM 王医生',
      '2026-03-10 AM 张医生',
      '2026-03-10 PM 张医生',
    ]);
  });
});
