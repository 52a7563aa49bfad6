import fc from 'fast-check';
import {
  dateRange,
  daysBetween,
  formatHospital,
  hospitalDate,
  hospitalInstant,
  inHospital,
  isHospitalDate,
  systemClock,
  weekdayLabel,
} from './time';

const HOUR = 3_600_000;

describe('hospitalDate', () => {
  it('turns the day at 16:00 UTC (00:00 in Shanghai)', () => {
    expect(hospitalDate(Date.UTC(2026, 0, 31, 15, 59, 59))).toBe('2026-01-31');
    expect(hospitalDate(Date.UTC(2026, 0, 31, 16, 0, 0))).toBe('2026-02-01');
    expect(hospitalDate(Date.UTC(2026, 11, 31, 16, 0, 0))).toBe('2027-01-01');
  });

  it('property: is the UTC date eight hours later (China keeps +08:00 all year)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => hospitalDate(ms) === new Date(ms + 8 * HOUR).toISOString().slice(0, 10)),
    );
  });
});

describe('formatHospital and hospitalInstant', () => {
  it('write and read Shanghai wall time', () => {
    expect(formatHospital(Date.UTC(2026, 5, 14, 16, 0, 0))).toBe('2026-06-15 00:00:00');
    expect(hospitalInstant('2026-06-15 00:00:00')).toBe(Date.UTC(2026, 5, 14, 16, 0, 0));
    expect(hospitalInstant('2026-06-15 19:00')).toBe(Date.UTC(2026, 5, 15, 11, 0, 0));
    expect(formatHospital(Date.UTC(2026, 5, 15, 11, 0, 0), 'HH:mm')).toBe('19:00');
  });

  it('write the zone as +08:00 and keep bracketed text', () => {
    expect(formatHospital(Date.UTC(2026, 0, 1), 'YYYY-MM-DDTHH:mm:ssZ')).toBe('2026-01-01T08:00:00+08:00');
    expect(formatHospital(Date.UTC(2026, 0, 1), 'HH:mm ZZ [Z]')).toBe('08:00 +0800 Z');
  });

  it('are exact at hours that do not exist in American DST (2026-03-08 02:30 Shanghai)', () => {
    const ms = Date.UTC(2026, 2, 7, 18, 30);
    expect(formatHospital(ms)).toBe('2026-03-08 02:30:00');
    expect(hospitalInstant('2026-03-08 02:30:00')).toBe(ms);
  });

  it('property: milliseconds too, however instants follow each other (within one second or not)', () => {
    const shanghai = (ms: number) => new Date(ms + 8 * HOUR).toISOString().replace('T', ' ').slice(0, 23);
    const instant = fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(instant, fc.array(fc.integer({ min: -1500, max: 1500 }), { maxLength: 8 }), (start, steps) =>
        [0, ...steps].every((step) => formatHospital(start + step, 'YYYY-MM-DD HH:mm:ss.SSS') === shanghai(start + step) && hospitalDate(start + step) === shanghai(start + step).slice(0, 10)),
      ),
    );
  });

  it('property: round trip on whole seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }), (s) => hospitalInstant(formatHospital(s * 1000)) === s * 1000),
    );
  });

  it('inHospital keeps the instant', () => {
    const ms = Date.UTC(2026, 5, 15, 11, 0, 0);
    expect(inHospital(ms).valueOf()).toBe(ms);
    expect(inHospital(ms).format('YYYY-MM-DD HH:mm')).toBe('2026-06-15 19:00');
  });
});

describe('hospital dates', () => {
  it('dateRange crosses month, year and leap-day ends', () => {
    expect(dateRange('2026-01-30', 4)).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
    expect(dateRange('2026-12-30', 3)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
    expect(dateRange('2028-02-28', 3)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(dateRange('2026-03-07', 3)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(dateRange('2026-10-31', 3)).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
    expect(dateRange('2026-11-26', 0)).toEqual([]);
  });

  it('daysBetween counts calendar days', () => {
    expect(daysBetween('2026-01-31', '2026-02-01')).toBe(1);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-11-26', '2026-11-19')).toBe(-7);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('isHospitalDate refuses dates not on the calendar and other shapes', () => {
    for (const bad of ['2026-02-30', '2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '20260101', '2026-01-01T00:00', ' 2026-01-01', '', '0000-01-01']) {
      expect({ bad, ok: isHospitalDate(bad) }).toEqual({ bad, ok: false });
    }
    for (const good of ['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '2011-12-30', '1900-01-01']) {
      expect({ good, ok: isHospitalDate(good) }).toEqual({ good, ok: true });
    }
  });

  it('property: isHospitalDate agrees with the UTC calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        return isHospitalDate(s) === real;
      }),
    );
  });

  it('weekdayLabel', () => {
    expect(dateRange('2026-11-23', 7).map(weekdayLabel)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
  });

  it('systemClock reads the current instant', () => {
    expect(Number.isSafeInteger(systemClock())).toBe(true);
  });
});

describe('engines without Intl time zones', () => {
  it('fall back to UTC+8, which China has kept since 1991', () => {
    const original = Intl.DateTimeFormat;
    jest.resetModules();
    (Intl as { DateTimeFormat: unknown }).DateTimeFormat = function () {
      throw new RangeError('Unsupported time zone specified Asia/Shanghai');
    };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('./time') as typeof import('./time');
      expect(fresh.hospitalDate(Date.UTC(2026, 0, 31, 15, 59, 59))).toBe('2026-01-31');
      expect(fresh.hospitalDate(Date.UTC(2026, 0, 31, 16, 0, 0))).toBe('2026-02-01');
      expect(fresh.formatHospital(Date.UTC(2026, 10, 26, 2, 0, 0))).toBe('2026-11-26 10:00:00');
    } finally {
      (Intl as { DateTimeFormat: unknown }).DateTimeFormat = original;
    }
  });
});
