// Proposed for test/core/tz-sweep.test.ts (Node imports are not allowed under miniprogram/).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * jest cannot change the zone of its own process, so the same computations run in child processes
 * under zones with DST, midnight DST changes and a skipped day, and must answer the same.
 */
describe('independence from the process time zone', () => {
  const probe = `
    const t = require('./miniprogram/core/time.ts');
    const id = require('./miniprogram/core/idcard.ts');
    const child = '110105201206150017';
    const birthday = Date.UTC(2026, 5, 14, 16, 0, 0);
    const age = (ms) => { const r = id.parseIdCard(child, ms); return r.ok ? r.value.ageYears : r.reason; };
    const instants = [Date.UTC(2026, 0, 31, 15, 59, 59), Date.UTC(2026, 0, 31, 16), Date.UTC(2026, 2, 7, 18, 30), Date.UTC(2026, 8, 5, 16, 30), Date.UTC(2026, 10, 1, 1, 30)];
    process.stdout.write(JSON.stringify({
      ages: [age(birthday - 1000), age(birthday)],
      dates: instants.map(t.hospitalDate),
      walls: instants.map((ms) => t.formatHospital(ms)),
      back: ['2026-03-08 02:30:00', '2026-09-06 00:30:00', '2026-11-01 01:30:00'].map(t.hospitalInstant),
      ranges: [t.dateRange('2026-03-07', 3), t.dateRange('2026-09-05', 3), t.dateRange('2026-01-30', 3)],
      between: t.daysBetween('2026-03-01', '2026-04-01'),
      calendar: ['2011-12-30', '2026-02-30', '2024-02-29'].map(t.isHospitalDate),
      futureBirth: id.parseIdCard('110105202611260011', Date.UTC(2026, 10, 25, 15, 59, 59)).ok,
    }));`;
  const run = (tz: string): unknown =>
    JSON.parse(
      execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', probe], {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      }),
    );

  it('gives the same answers under UTC, Los Angeles, Santiago, Apia and Kathmandu', () => {
    const expected = {
      ages: [13, 14],
      dates: ['2026-01-31', '2026-02-01', '2026-03-08', '2026-09-06', '2026-11-01'],
      walls: ['2026-01-31 23:59:59', '2026-02-01 00:00:00', '2026-03-08 02:30:00', '2026-09-06 00:30:00', '2026-11-01 09:30:00'],
      back: [Date.UTC(2026, 2, 7, 18, 30), Date.UTC(2026, 8, 5, 16, 30), Date.UTC(2026, 9, 31, 17, 30)],
      ranges: [['2026-03-07', '2026-03-08', '2026-03-09'], ['2026-09-05', '2026-09-06', '2026-09-07'], ['2026-01-30', '2026-01-31', '2026-02-01']],
      between: 31,
      calendar: [true, false, true],
      futureBirth: false,
    };
    for (const tz of ['UTC', 'America/Los_Angeles', 'America/Santiago', 'Pacific/Apia', 'Asia/Kathmandu']) {
      expect({ tz, answers: run(tz) }).toEqual({ tz, answers: expected });
    }
  }, 60_000);
});
