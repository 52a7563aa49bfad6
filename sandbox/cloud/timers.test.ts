import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hospitalInstant } from '../../miniprogram/core/time';
import { cronMatches, parseCron, readTimerTriggers, startTimers } from './timers';
import { startLocalCloud } from './host';
import { setClock } from '../../cloudfunctions/common/clock';

describe('7-field cron (second minute hour day month weekday year, UTC+8)', () => {
  test('every minute fires at second 0 of each minute only', () => {
    const cron = parseCron('0 * * * * * *');
    expect(cronMatches(cron, hospitalInstant('2026-03-09 10:00:00'))).toBe(true);
    expect(cronMatches(cron, hospitalInstant('2026-03-09 10:00:01'))).toBe(false);
    expect(cronMatches(cron, hospitalInstant('2026-03-09 23:59:00'))).toBe(true);
  });

  test('ranges, lists, steps, names, and day-or-weekday', () => {
    const cron = parseCron('0 1/10 2-3 * JAN,MAR MON *');
    expect(cronMatches(cron, hospitalInstant('2026-03-09 02:21:00'))).toBe(true); // a Monday in March
    expect(cronMatches(cron, hospitalInstant('2026-03-09 02:20:00'))).toBe(false);
    expect(cronMatches(cron, hospitalInstant('2026-03-10 02:21:00'))).toBe(false); // Tuesday
    const either = parseCron('0 0 10 1 * 1 *');
    expect(cronMatches(either, hospitalInstant('2026-04-01 10:00:00'))).toBe(true); // the 1st, a Wednesday
    expect(cronMatches(either, hospitalInstant('2026-03-09 10:00:00'))).toBe(true); // a Monday
    expect(cronMatches(either, hospitalInstant('2026-03-10 10:00:00'))).toBe(false);
  });

  test('malformed expressions are refused, naming the problem', () => {
    expect(() => parseCron('* * * * *')).toThrow(/7 fields/);
    expect(() => parseCron('0 61 * * * * *')).toThrow(/minute/);
    expect(() => parseCron('0 */0 * * * * *')).toThrow(/step/);
  });

  test('the repository’s scheduler declares one timer every minute', () => {
    const triggers = readTimerTriggers(resolve(__dirname, '..', '..', 'cloudfunctions'));
    expect(triggers.map((t) => [t.functionName, t.name, t.config])).toEqual([['scheduler', 'everyMinute', '0 * * * * * *']]);
  });
});

describe('timers in the local cloud', () => {
  test('startTimers invokes due triggers with the cloud timer event as the business clock moves', async () => {
    let now = hospitalInstant('2026-03-09 09:59:58');
    const fired: unknown[] = [];
    const runner = startTimers([{ functionName: 'scheduler', name: 'everyMinute', config: '0 * * * * * *', cron: parseCron('0 * * * * * *') }], () => now, async (_t, e) => fired.push(e));
    now += 3000;
    await new Promise((r) => setTimeout(r, 400));
    runner.stop();
    expect(fired).toEqual([{ Type: 'Timer', TriggerName: 'everyMinute', Time: new Date(hospitalInstant('2026-03-09 10:00:00')).toISOString(), Message: '' }]);
  });

  test('startLocalCloud({timers: true}) runs a function’s config.json timer with no user identity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fns-'));
    mkdirSync(join(dir, 'ticker'));
    writeFileSync(join(dir, 'ticker', 'config.json'), JSON.stringify({ triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] }));
    const seen: { event: unknown; openid: unknown }[] = [];
    const { getWXContext } = await import('./wx-server-sdk');
    let now = hospitalInstant('2026-03-09 10:00:00');
    setClock(() => now);
    const cloud = await startLocalCloud({
      port: 0,
      env: {},
      functionsDir: dir,
      timers: true,
      functions: { ticker: { main: async (event: unknown) => void seen.push({ event, openid: getWXContext().OPENID }) } },
    });
    now += 2000;
    await new Promise((r) => setTimeout(r, 400));
    await cloud.close();
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen[0]).toMatchObject({ event: { Type: 'Timer', TriggerName: 'everySecond' }, openid: undefined });
  });
});
