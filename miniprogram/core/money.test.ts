import fc from 'fast-check';
import { formatYuan, sumFen, yuanToFen } from './money';

describe('formatYuan', () => {
  it('shows fen as yuan with two decimals', () => {
    expect([2500, 5, 0, 10, 19999, 100, 123456789, -2500, -5].map(formatYuan)).toEqual(
      ['25.00', '0.05', '0.00', '0.10', '199.99', '1.00', '1234567.89', '-25.00', '-0.05'],
    );
  });

  it('throws on anything but a safe integer', () => {
    for (const bad of [1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) expect(() => formatYuan(bad)).toThrow(RangeError);
  });
});

describe('yuanToFen', () => {
  it('converts exactly, with no float error', () => {
    const cases: Array<[string, number]> = [
      ['25.00', 2500], ['0.10', 10], ['199.99', 19999], ['25', 2500], ['25.5', 2550], ['0.29', 29], ['4.35', 435],
      ['1.15', 115], ['0.07', 7], ['0', 0], [' 3.00 ', 300], ['90071992547409.91', 9007199254740991],
    ];
    for (const [yuan, fen] of cases) expect({ yuan, fen: yuanToFen(yuan) }).toEqual({ yuan, fen });
  });

  it('refuses negatives, more than two decimals and anything that is not a plain amount', () => {
    for (const bad of ['-1.00', '-0', '1.001', '0.005', '1e3', '', ' ', '.5', '5.', '+1', '01.00', '00', 'abc', '1,000.00', '¥25', '25元', '25.0.0', 'NaN', 'Infinity', '90071992547409.92', '1234567890123456']) {
      expect({ bad, fen: yuanToFen(bad) }).toEqual({ bad, fen: null });
    }
  });

  it('property: formatYuan then yuanToFen gives back the amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => yuanToFen(formatYuan(fen)) === fen));
  });

  it('property: yuanToFen then formatYuan writes the amount in canonical form', () => {
    const amount = fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 2 })));
    fc.assert(
      fc.property(amount, ([whole, decimals]) => {
        const typed = decimals === null ? String(whole) : `${whole}.${decimals}`;
        return formatYuan(yuanToFen(typed) ?? -1) === `${whole}.${(decimals ?? '').padEnd(2, '0')}`;
      }),
    );
  });
});

describe('sumFen', () => {
  it('adds integers, empty is zero', () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen([2500, 10, -500])).toBe(2010);
  });

  it('throws on a non-integer amount or an unsafe total', () => {
    expect(() => sumFen([100, 0.5])).toThrow(RangeError);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it('property: equals the exact (bigint) sum while it stays safe', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 })), (list) => {
        const exact = list.reduce((a, b) => a + BigInt(b), 0n);
        return BigInt(sumFen(list)) === exact;
      }),
    );
  });
});
