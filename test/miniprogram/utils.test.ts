import { filterDepartments } from '../../miniprogram/view-models/departments';
import { formatFen, patientMessage, slotLabel } from '../../miniprogram/view-models/format';
import { scheduleDays } from '../../miniprogram/view-models/schedule';
import { DATES, GROUPS, RESPIRATORY_SCHEDULES } from './helpers';

describe('formatFen', () => {
  it.each([
    [5000, '50.00元'],
    [2500, '25.00元'],
    [1, '0.01元'],
    [0, '0.00元'],
    [123456, '1234.56元'],
    [-250, '-2.50元'],
  ])('%i fen → %s', (fen, text) => expect(formatFen(fen)).toBe(text));
});

describe('slotLabel', () => {
  it('says 余N, 约满 or 停诊', () => {
    expect(slotLabel({ status: 'open', remaining: 3 })).toBe('余3');
    expect(slotLabel({ status: 'open', remaining: 0 })).toBe('约满');
    expect(slotLabel({ status: 'full', remaining: 0 })).toBe('约满');
    expect(slotLabel({ status: 'stopped', remaining: 9 })).toBe('停诊');
  });
});

describe('scheduleDays', () => {
  it('makes a tab for every date with its weekday, sessions by half-day', () => {
    const days = scheduleDays(DATES, RESPIRATORY_SCHEDULES);
    expect(days.map((d) => d.title)).toEqual(['周一 11-30', '周二 12-01', '周三 12-02', '周四 12-03', '周五 12-04', '周六 12-05', '周日 12-06']);
    expect(days[0]?.periods.map((p) => [p.label, p.sessions.map((s) => `${s.doctorName} ${s.slot} ${s.fee}`)])).toEqual([
      ['上午', ['王建国 余12 50.00元']],
      ['下午', ['李秀英 约满 20.00元']],
    ]);
    expect(days[3]?.empty).toBe(true);
  });
});

describe('filterDepartments', () => {
  it('keeps matching sub-specialties, or a whole group when its name matches', () => {
    expect(filterDepartments(GROUPS, '').length).toBe(3);
    expect(filterDepartments(GROUPS, ' 消化 ').map((g) => [g.name, g.children.map((c) => c.name)])).toEqual([['儿内科', ['消化科']]]);
    expect(filterDepartments(GROUPS, '儿外').map((g) => g.children.length)).toEqual([1]);
    expect(filterDepartments(GROUPS, '皮肤').map((g) => g.name)).toEqual(['皮肤科']);
    expect(filterDepartments(GROUPS, '眼科')).toEqual([]);
  });
});

describe('patientMessage', () => {
  it('keeps a message that already says what to do, and adds the next step otherwise', () => {
    expect(patientMessage({ code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' })).toBe('医院系统暂时无法连接，请稍后再试');
    expect(patientMessage({ code: 'NOT_FOUND', message: '未找到该医生' })).toBe('未找到该医生，请返回重新选择');
    expect(patientMessage({ code: 'INTERNAL', message: '出错了' })).toBe('出错了，请稍后重试');
  });
});

describe('scheduleDays options (issue 16)', () => {
  it('titles today 今天, and offers nothing from a stale copy as bookable', () => {
    const days = scheduleDays(DATES, RESPIRATORY_SCHEDULES, { today: DATES[0], stale: true });
    expect(days.map((d) => d.title).slice(0, 2)).toEqual(['今天 11-30', '周二 12-01']);
    const sessions = days.flatMap((d) => d.periods.flatMap((p) => p.sessions));
    expect(sessions.length).toBe(RESPIRATORY_SCHEDULES.length);
    for (const s of sessions) expect(s).toMatchObject({ bookable: false, slot: '暂不可约', tagType: 'default' });
    expect(scheduleDays(DATES, RESPIRATORY_SCHEDULES)[0]!.periods[0]!.sessions[0]!.bookable).toBe(true);
  });
});
