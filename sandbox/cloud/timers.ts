/**
 * Timer triggers of the local cloud: each function's `config.json` `triggers` (type `timer`, a
 * 7-field cron `second minute hour day month weekday year`, evaluated in UTC+8 as the cloud does)
 * invoke the function on schedule, as the WeChat cloud's timer does. Used by `npm start`; tests call
 * a function's jobs directly instead.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatHospital } from '../../miniprogram/core/time';

export interface TimerTrigger {
  functionName: string;
  name: string;
  /** The cron expression as written in config.json. */
  config: string;
  cron: Cron;
}

/** One allowed set of values per field. */
export interface Cron {
  second: Set<number>;
  minute: Set<number>;
  hour: Set<number>;
  day: Set<number>;
  month: Set<number>;
  weekday: Set<number>;
  year: Set<number>;
  /** Day and weekday both restricted: either matching is enough (the cloud doc: "或" relation). */
  dayOrWeekday: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS: { name: keyof Omit<Cron, 'dayOrWeekday'>; min: number; max: number; names?: string[]; nameBase?: number }[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'weekday', min: 0, max: 6, names: WEEKDAYS, nameBase: 0 },
  { name: 'year', min: 1970, max: 2099 },
];

function value(raw: string, f: (typeof FIELDS)[number], expr: string): number {
  const named = f.names?.indexOf(raw.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + (f.nameBase ?? 0) : /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < f.min || n > f.max) throw new RangeError(`cron "${expr}": ${f.name} value "${raw}" is outside ${f.min}-${f.max}`);
  return n;
}

/** Parses a 7-field cron with `, - * /`; throws RangeError naming the bad part. */
export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 7) throw new RangeError(`cron "${expr}": expected 7 fields (second minute hour day month weekday year), got ${parts.length}`);
  const sets = FIELDS.map((f, i) => {
    const out = new Set<number>();
    for (const item of (parts[i] ?? '').split(',')) {
      const [range = '', stepText] = item.split('/');
      const step = stepText === undefined ? 1 : Number(stepText);
      if (!Number.isInteger(step) || step < 1) throw new RangeError(`cron "${expr}": bad step in "${item}"`);
      let lo: number;
      let hi: number;
      if (range === '*') [lo, hi] = [f.min, f.max];
      else if (range.includes('-')) {
        const [a = '', b = ''] = range.split('-');
        [lo, hi] = [value(a, f, expr), value(b, f, expr)];
      } else {
        lo = value(range, f, expr);
        // "1/10": from 1 every 10 to the field's end.
        hi = stepText === undefined ? lo : f.max;
      }
      for (let v = lo; v <= hi; v += step) out.add(v);
    }
    return out;
  });
  const [second, minute, hour, day, month, weekday, year] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  return { second, minute, hour, day, month, weekday, year, dayOrWeekday: parts[3] !== '*' && parts[5] !== '*' };
}

/** Whether the cron fires at the second containing `ms` (wall time in UTC+8, whatever the process zone). */
export function cronMatches(cron: Cron, ms: number): boolean {
  const [Y, M, D, h, m, s, w] = formatHospital(ms, 'YYYY M D H m s d').split(' ').map(Number) as [number, number, number, number, number, number, number];
  const dayOk = cron.dayOrWeekday ? cron.day.has(D) || cron.weekday.has(w) : cron.day.has(D) && cron.weekday.has(w);
  return cron.second.has(s) && cron.minute.has(m) && cron.hour.has(h) && dayOk && cron.month.has(M) && cron.year.has(Y);
}

/** Every timer trigger declared in `<functionsDir>/<name>/config.json`; a bad one throws, naming the file. */
export function readTimerTriggers(functionsDir: string): TimerTrigger[] {
  const out: TimerTrigger[] = [];
  for (const functionName of readdirSync(functionsDir).sort()) {
    const file = join(functionsDir, functionName, 'config.json');
    if (!statSync(join(functionsDir, functionName)).isDirectory() || !existsSync(file)) continue;
    const config = JSON.parse(readFileSync(file, 'utf8')) as { triggers?: { name?: unknown; type?: unknown; config?: unknown }[] };
    for (const t of config.triggers ?? []) {
      if (t.type !== 'timer') continue;
      if (typeof t.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(t.name) || typeof t.config !== 'string') {
        throw new Error(`${file}: a timer trigger needs a name (letter first, ≤ 60 of a-z A-Z 0-9 - _) and a cron config`);
      }
      out.push({ functionName, name: t.name, config: t.config, cron: parseCron(t.config) });
    }
  }
  return out;
}

export interface TimerRunner {
  stop(): void;
}

/**
 * Checks every second of the business clock and invokes what falls due with the cloud's timer event
 * `{Type: 'Timer', TriggerName, Time, Message}`. Runs overlap as in the cloud (functions use leases).
 * After a clock jump at most the last few seconds are caught up, never hours of missed runs.
 */
export function startTimers(triggers: TimerTrigger[], clock: () => number, invoke: (t: TimerTrigger, event: Record<string, unknown>) => Promise<unknown>): TimerRunner {
  let last = Math.floor(clock() / 1000);
  const tick = () => {
    const nowSecond = Math.floor(clock() / 1000);
    // The business clock was set back: start again from now.
    if (nowSecond < last) last = nowSecond - 1;
    for (let sec = Math.max(last + 1, nowSecond - 5); sec <= nowSecond; sec++) {
      for (const t of triggers) {
        if (!cronMatches(t.cron, sec * 1000)) continue;
        const event = { Type: 'Timer', TriggerName: t.name, Time: new Date(sec * 1000).toISOString(), Message: '' };
        invoke(t, event).catch((e: unknown) => console.error(`[local cloud] timer ${t.functionName}/${t.name} failed:`, e));
      }
    }
    if (nowSecond > last) last = nowSecond;
  };
  const timer = setInterval(tick, 250);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
