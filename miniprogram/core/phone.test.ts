import fc from 'fast-check';
import { isMobile, normalizeMobile } from './phone';

const mobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
  .map(([second, rest]) => `1${second}${rest.join('')}`);

describe('mainland mobile numbers', () => {
  it('accepts 11 digits starting 13–19', () => {
    for (const m of ['13812341234', '14500000000', '15912345678', '16612345678', '17712345678', '18800001111', '19912345678']) {
      expect(normalizeMobile(m)).toBe(m);
      expect(isMobile(m)).toBe(true);
    }
  });

  it('strips +86, 0086, 86, blanks, dashes and full-width digits', () => {
    for (const typed of ['+86 138 1234 1234', '+86-138-1234-1234', '8613812341234', '0086 13812341234', ' 138-1234-1234 ', '+8613812341234', '１３８１２３４１２３４', '＋86 138\u30001234 1234']) {
      expect(normalizeMobile(typed)).toBe('13812341234');
      expect(isMobile(typed)).toBe(true);
    }
  });

  it('refuses what is not a mainland mobile number', () => {
    for (const bad of ['', '1381234123', '138123412345', '12812341234', '10812341234', '23812341234', '138l2341234', '+85 13812341234', '+852 61234567', '+86 12812341234', '86 1381234123', '010-12345678', '+1 3812341234', '138.1234.1234']) {
      expect({ bad, normalized: normalizeMobile(bad) }).toEqual({ bad, normalized: null });
      expect(isMobile(bad)).toBe(false);
    }
  });

  it('property: any valid number, decorated with a country code and separators, normalises back', () => {
    const decorated = fc.tuple(
      mobile,
      fc.constantFrom('', '+86', '86', '0086', '+86 ', '+86-'),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 10 }), fc.constantFrom(' ', '-', '\u3000')), { maxLength: 4 }),
    );
    fc.assert(
      fc.property(decorated, ([m, prefix, seps]) => {
        let body = m;
        for (const [at, sep] of [...seps].sort((a, b) => b[0] - a[0])) body = body.slice(0, at) + sep + body.slice(at);
        return normalizeMobile(prefix + body) === m;
      }),
    );
  });

  it('property: digit strings of any other length are refused', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 20 }), (s) => {
        fc.pre(s.length !== 11 && !/^(?:86|0086)\d{11}$/.test(s));
        return normalizeMobile(s) === null;
      }),
    );
  });
});
