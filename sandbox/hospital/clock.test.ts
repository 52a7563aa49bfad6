import { HospitalClock, parseInstant } from './clock';
import { createHospital } from './hospital';
import type { Hospital } from './hospital';
import { callHsb } from './testing';

const DAY = 24 * 60 * 60 * 1000;

describe('parseInstant', () => {
  it.each([
    ['2026-11-26T01:30:00Z', Date.UTC(2026, 10, 26, 1, 30)],
    ['2026-11-26T09:30:00+08:00', Date.UTC(2026, 10, 26, 1, 30)],
    ['2026-11-26T09:30:00.250+0800', Date.UTC(2026, 10, 26, 1, 30, 0, 250)],
    // Zone-less times are Shanghai wall time, whatever the process's TZ.
    ['2026-11-26 09:30:00', Date.UTC(2026, 10, 26, 1, 30)],
    ['2026-11-26T09:30', Date.UTC(2026, 10, 26, 1, 30)],
    ['2026-11-26', Date.UTC(2026, 10, 25, 16, 0)],
    [Date.UTC(2026, 10, 26), Date.UTC(2026, 10, 26)],
    [String(Date.UTC(2026, 10, 26)), Date.UTC(2026, 10, 26)],
  ])('reads %j', (input, ms) => expect(parseInstant(input)).toBe(ms));

  it.each([['yesterday'], ['2026-02-30'], ['2026-11-26 25:00'], ['2026-11-26 12:61'], [''], [Number.NaN], [null], [{}], [true]])(
    'refuses %j',
    (input) => expect(parseInstant(input)).toBeUndefined(),
  );
});

describe('HospitalClock', () => {
  let real = 1_000_000;
  const realClock = () => real;

  it('runs from where it is set, stands still while frozen, and keeps its mode when set', () => {
    real = 1_000_000;
    const clock = new HospitalClock(realClock, Date.UTC(2026, 10, 26, 1, 30));
    real += 5000;
    expect(clock.now()).toBe(Date.UTC(2026, 10, 26, 1, 30, 5));
    clock.freeze();
    real += 60_000;
    expect(clock.now()).toBe(Date.UTC(2026, 10, 26, 1, 30, 5));
    clock.set(Date.UTC(2026, 10, 27));
    real += 60_000;
    expect(clock.now()).toBe(Date.UTC(2026, 10, 27));
    clock.set(Date.UTC(2026, 10, 28), false);
    real += 1000;
    expect(clock.now()).toBe(Date.UTC(2026, 10, 28, 0, 0, 1));
    expect(clock.frozen).toBe(false);
  });

  it('names the Shanghai date, not the machine’s', () => {
    const clock = new HospitalClock(realClock, Date.UTC(2026, 10, 26, 16, 30)); // 00:30 on the 27th in Shanghai
    clock.freeze();
    expect(clock.snapshot()).toEqual({ now: '2026-11-26T16:30:00.000Z', today: '2026-11-27', hospitalTime: '2026-11-27 00:30:00', frozen: true });
  });
});

describe('the schedule window follows the clock', () => {
  let hospital: Hospital;
  beforeEach(() => {
    hospital = createHospital({ now: '2026-11-26 09:30:00' });
    hospital.clock.freeze();
  });
  afterEach(() => hospital.close());

  const datesServed = async () =>
    [...new Set((await callHsb(hospital, 'QuerySchedules', { DeptCode: '0100', BeginDate: '2026-01-01', EndDate: '2027-12-31' })).Body.Schedules.Schedule.map((s) => s.ClinicDate))].sort();
  const generatedDates = () => hospital.db.prepare('SELECT clinic_date FROM schedule_dates ORDER BY clinic_date').pluck().all();

  it('publishes today and the 6 days after', async () => {
    expect(await datesServed()).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('shifts when the clock advances, generating new dates without touching old ones', async () => {
    const oldSchedule = hospital.db.prepare(`SELECT code FROM schedules WHERE clinic_date = '2026-11-28' ORDER BY code LIMIT 1`).pluck().get() as string;
    // A booking made on an old date must survive the window moving on.
    hospital.db.prepare(`UPDATE slots SET state = 'booked' WHERE schedule_code = ?`).run(oldSchedule);
    const before = hospital.db.prepare(`SELECT COUNT(*) FROM slots WHERE schedule_code LIKE '20261128-%'`).pluck().get();

    hospital.clock.advance(2 * DAY);
    expect(hospital.today()).toBe('2026-11-28');
    expect(await datesServed()).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(generatedDates()).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(hospital.db.prepare(`SELECT DISTINCT state FROM slots WHERE schedule_code = ?`).pluck().all(oldSchedule)).toEqual(['booked']);
    expect(hospital.db.prepare(`SELECT COUNT(*) FROM slots WHERE schedule_code LIKE '20261128-%'`).pluck().get()).toBe(before);
  });

  it('generates a date the same way whenever it enters the window', async () => {
    hospital.clock.advance(3 * DAY);
    hospital.publishedDates();
    const late = createHospital({ now: '2026-11-29 09:30:00' });
    const day = (h: Hospital) => h.db.prepare(`SELECT s.code, s.status, l.id, l.state FROM schedules s JOIN slots l ON l.schedule_code = s.code WHERE s.clinic_date = '2026-12-05' ORDER BY l.id`).all();
    expect(day(hospital).length).toBeGreaterThan(0);
    expect(day(hospital)).toEqual(day(late));
    late.close();
  });

  it('turns the day at midnight in Shanghai', async () => {
    hospital.clock.set(Date.UTC(2026, 10, 26, 15, 59, 59));
    expect(hospital.today()).toBe('2026-11-26');
    hospital.clock.set(Date.UTC(2026, 10, 26, 16, 0, 0));
    expect(hospital.today()).toBe('2026-11-27');
    expect((await datesServed())[0]).toBe('2026-11-27');
    expect((await datesServed())[6]).toBe('2026-12-03');
  });

  it('stamps SendTime from the hospital clock in Shanghai wall time', async () => {
    hospital.clock.set(Date.UTC(2027, 0, 1, 2, 3, 4));
    expect((await callHsb(hospital, 'GetHospitalInfo')).Header.SendTime).toBe('2027-01-01 10:03:04');
  });
});
