import fc from 'fast-check';
import {
  EARLIEST_BIRTH_YEAR,
  GUARDIAN_REQUIRED_UNDER,
  idCardCheckChar,
  isMinor,
  normalizeIdCard,
  parseIdCard,
  type IdCardParse,
} from './idcard';
import { hospitalInstant } from './time';

/** 2026-11-26 12:00 in Shanghai. */
const NOW = Date.UTC(2026, 10, 26, 4, 0, 0);
const ALPHABET = '0123456789X';
const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83'];

/** Independent oracle: ISO 7064 MOD 11-2 over all 18 characters (weights 2^(17-i) mod 11, X = 10) sums to 1. */
function iso7064Holds(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const c = id.charAt(i);
    sum += (c === 'X' ? 10 : Number(c)) * (2 ** (17 - i) % 11);
  }
  return sum % 11 === 1;
}

const withCheck = (first17: string) => first17 + idCardCheckChar(first17);

function expectRefused(r: IdCardParse, reason?: string): void {
  expect(r.ok).toBe(false);
  if (!r.ok && reason !== undefined) expect(r.reason).toBe(reason);
}

/** Valid IDs with every kind of check character, leap-day and permit births, both sexes. */
const VALID_IDS = [
  '11010519491231002X',
  withCheck('44030520120615001'),
  withCheck('65010219800229123'),
  withCheck('81000020000101001'),
  withCheck('83000019991231998'),
  withCheck('51010719000101555'),
  withCheck('32058320261126002'),
  withCheck('13010220240229777'),
];

describe('the GB 11643 test vector', () => {
  it('11010519491231002X is a woman born 1949-12-31', () => {
    expect(parseIdCard('11010519491231002X', NOW)).toEqual({
      ok: true,
      value: { idCardNo: '11010519491231002X', birthDate: '1949-12-31', sex: 'F', ageYears: 76 },
    });
  });

  it('computes the check characters of the standard examples', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('44052418800101001')).toBe('4');
    expect(iso7064Holds('11010519491231002X')).toBe(true);
    expect(iso7064Holds('440524188001010014')).toBe(true);
  });

  it('accepts a lower-case x, blanks and full-width characters, normalising them', () => {
    for (const typed of ['11010519491231002x', ' 110105 19491231 002X ', '１１０１０５１９４９１２３１００２Ｘ', '110105\u300019491231002ｘ']) {
      expect(normalizeIdCard(typed)).toBe('11010519491231002X');
      const r = parseIdCard(typed, NOW);
      expect(r.ok && r.value.idCardNo).toBe('11010519491231002X');
    }
  });

  it('refuses a check-character request that is not 17 digits', () => {
    expect(() => idCardCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idCardCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('refusals say what is wrong, in Chinese', () => {
  it('length', () => {
    for (const s of ['', '1101051949123100', '11010519491231002X1', '11010519491231002']) {
      expect(parseIdCard(s, NOW)).toEqual({ ok: false, reason: 'length', message: '身份证号应为18位' });
    }
  });

  it('characters other than digits and a final X', () => {
    for (const s of ['1101051949123100XX', '11010519491231002Y', 'A1010519491231002X', '110105-19491231-02']) {
      const r = parseIdCard(s, NOW);
      expectRefused(r, 'format');
      expect(!r.ok && r.message).toMatch(/^身份证号/);
    }
  });

  it('region codes outside the real provinces', () => {
    for (const p of ['00', '10', '16', '20', '24', '30', '38', '40', '47', '49', '55', '60', '66', '70', '72', '80', '84', '91', '99']) {
      const r = parseIdCard(withCheck(`${p}010519491231002`), NOW);
      expect(r).toEqual({ ok: false, reason: 'region', message: '身份证号地区码无效' });
    }
  });

  it('every real province code is accepted; residence permits only with 0000 after it', () => {
    for (const p of PROVINCES) {
      const region = ['81', '82', '83'].includes(p) ? `${p}0000` : `${p}0102`;
      expect(parseIdCard(withCheck(`${region}19900101001`), NOW).ok).toBe(true);
    }
    for (const region of ['810100', '820001', '831000']) expectRefused(parseIdCard(withCheck(`${region}19900101001`), NOW), 'region');
  });

  it('a wrong check character', () => {
    expect(parseIdCard('110105194912310021', NOW)).toEqual({ ok: false, reason: 'checksum', message: '身份证号校验位不正确，请核对后重新输入' });
  });
});

describe('birth dates', () => {
  const born = (yyyymmdd: string) => parseIdCard(withCheck(`110105${yyyymmdd}001`), NOW);

  it('refuses 29 February in common years, accepts it in leap years', () => {
    for (const d of ['20230229', '19000229', '21000229', '20250229', '19990229']) expectRefused(born(d), 'birthDate');
    for (const d of ['20240229', '20000229', '19960229', '19040229']) expect(born(d).ok).toBe(true);
  });

  it('refuses dates that are not on the calendar', () => {
    for (const d of ['19901301', '19900001', '19900100', '19900132', '19900431', '19900631', '19900931', '19901131']) {
      expect(born(d)).toEqual({ ok: false, reason: 'birthDate', message: '身份证号出生日期无效' });
    }
  });

  it(`refuses 1899 and earlier, accepts ${EARLIEST_BIRTH_YEAR}-01-01`, () => {
    expectRefused(born('18991231'), 'birthDate');
    expectRefused(born('18800101'), 'birthDate');
    expect(born('19000101').ok).toBe(true);
  });

  it('refuses a birth date after the hospital date of now, in Shanghai rather than UTC', () => {
    const midnightShanghai = Date.UTC(2026, 10, 25, 16, 0, 0); // 2026-11-26 00:00 in Shanghai, still the 25th in UTC
    const id = withCheck('11010520261126001');
    expectRefused(parseIdCard(id, midnightShanghai - 1000), 'birthDate');
    const r = parseIdCard(id, midnightShanghai);
    expect(r.ok && r.value).toMatchObject({ birthDate: '2026-11-26', ageYears: 0 });
    expectRefused(parseIdCard(withCheck('11010520261127001'), NOW), 'birthDate');
    expectRefused(parseIdCard(withCheck('11010520991231001'), NOW), 'birthDate');
  });
});

describe('sex from the 17th digit', () => {
  it('odd is male, even is female', () => {
    for (const d of '0123456789') {
      const r = parseIdCard(withCheck(`4403052012061500${d}`), NOW);
      expect(r.ok && r.value.sex).toBe(Number(d) % 2 === 1 ? 'M' : 'F');
    }
  });
});

describe('age in the hospital calendar and the guardian rule', () => {
  const child = withCheck('11010520120615001'); // born 2012-06-15

  it('turns 14 at 00:00 Shanghai on the birthday, not a second earlier', () => {
    const birthdayMidnight = Date.UTC(2026, 5, 14, 16, 0, 0);
    expect(hospitalInstant('2026-06-15 00:00:00')).toBe(birthdayMidnight);
    const dayBefore = parseIdCard(child, birthdayMidnight - 1000); // 2026-06-14 23:59:59 Shanghai
    const birthday = parseIdCard(child, birthdayMidnight);
    expect(dayBefore.ok && dayBefore.value.ageYears).toBe(13);
    expect(birthday.ok && birthday.value.ageYears).toBe(14);
    expect(dayBefore.ok && isMinor(dayBefore.value.ageYears)).toBe(true);
    expect(birthday.ok && isMinor(birthday.value.ageYears)).toBe(false);
  });

  it('counts a 29 February birthday on 1 March in common years', () => {
    const leapling = withCheck('11010520120229001');
    const on = (wall: string) => {
      const r = parseIdCard(leapling, hospitalInstant(wall));
      return r.ok ? r.value.ageYears : undefined;
    };
    expect(on('2026-02-28 23:59:59')).toBe(13);
    expect(on('2026-03-01 00:00:00')).toBe(14);
    expect(on('2028-02-28 23:59:59')).toBe(15);
    expect(on('2028-02-29 00:00:00')).toBe(16);
  });

  it('under 14 needs a guardian', () => {
    expect(GUARDIAN_REQUIRED_UNDER).toBe(14);
    expect([0, 1, 13, 14, 15, 90].map(isMinor)).toEqual([true, true, true, false, false, false]);
  });
});

describe('error detection, exhaustively', () => {
  it('the fixtures are valid', () => {
    for (const id of VALID_IDS) {
      expect(iso7064Holds(id)).toBe(true);
      expect(parseIdCard(id, NOW).ok).toBe(true);
    }
  });

  it('rejects every single-character substitution of a valid ID', () => {
    let tried = 0;
    for (const id of VALID_IDS) {
      for (let i = 0; i < 18; i++) {
        for (const c of ALPHABET) {
          if (c === id.charAt(i)) continue;
          const mutated = id.slice(0, i) + c + id.slice(i + 1);
          expect({ mutated, ok: parseIdCard(mutated, NOW).ok }).toEqual({ mutated, ok: false });
          tried++;
        }
      }
    }
    expect(tried).toBe(VALID_IDS.length * 18 * 10);
  });

  it('rejects every transposition of adjacent distinct characters of a valid ID', () => {
    for (const id of VALID_IDS) {
      for (let i = 0; i < 17; i++) {
        const [a, b] = [id.charAt(i), id.charAt(i + 1)];
        if (a === b) continue;
        const swapped = id.slice(0, i) + b + a + id.slice(i + 2);
        expect({ swapped, ok: parseIdCard(swapped, NOW).ok }).toEqual({ swapped, ok: false });
      }
    }
  });

  const digits17 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 17, maxLength: 17 }).map((ds) => ds.join(''));

  it('property: the check character changes under any single-digit substitution of the first 17', () => {
    fc.assert(
      fc.property(digits17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (first17, i, delta) => {
        const d = (Number(first17.charAt(i)) + delta) % 10;
        const mutated = first17.slice(0, i) + String(d) + first17.slice(i + 1);
        return idCardCheckChar(mutated) !== idCardCheckChar(first17);
      }),
    );
  });

  it('property: the check character satisfies ISO 7064 and catches adjacent transpositions', () => {
    fc.assert(
      fc.property(digits17, fc.integer({ min: 0, max: 15 }), (first17, i) => {
        expect(iso7064Holds(withCheck(first17))).toBe(true);
        const [a, b] = [first17.charAt(i), first17.charAt(i + 1)];
        fc.pre(a !== b);
        const swapped = first17.slice(0, i) + b + a + first17.slice(i + 2);
        return idCardCheckChar(swapped) !== idCardCheckChar(first17);
      }),
    );
  });
});

describe('property: any region, date and sequence with its check character is valid', () => {
  const DAY = 86_400_000;
  const FIRST = Date.UTC(1900, 0, 1);
  const LAST = Date.UTC(2026, 10, 26); // NOW's hospital date
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const region = fc
    .tuple(fc.constantFrom(...PROVINCES), fc.integer({ min: 0, max: 9999 }))
    .map(([p, rest]) => (['81', '82', '83'].includes(p) ? `${p}0000` : `${p}${pad(rest, 4)}`));
  // Dates built with UTC getters on whole UTC days, so the process's zone plays no part.
  const birth = fc.integer({ min: 0, max: (LAST - FIRST) / DAY }).map((n) => new Date(FIRST + n * DAY).toISOString().slice(0, 10));
  const sequence = fc.integer({ min: 0, max: 999 });

  it('derives the same birth date and sex, and a sane age', () => {
    fc.assert(
      fc.property(region, birth, sequence, (r, b, seq) => {
        const id = withCheck(`${r}${b.replace(/-/g, '')}${pad(seq, 3)}`);
        const parsed = parseIdCard(id, NOW);
        if (!parsed.ok) return false;
        const { birthDate, sex, ageYears, idCardNo } = parsed.value;
        const [by, bmd] = [Number(b.slice(0, 4)), b.slice(5)];
        const expectedAge = 2026 - by - (bmd > '11-26' ? 1 : 0);
        return idCardNo === id && birthDate === b && sex === (seq % 2 === 1 ? 'M' : 'F') && ageYears === expectedAge;
      }),
      { numRuns: 2000 },
    );
  });

  it('lower-case x and surrounding blanks parse to the same number', () => {
    fc.assert(
      fc.property(region, birth, sequence, (r, b, seq) => {
        const id = withCheck(`${r}${b.replace(/-/g, '')}${pad(seq, 3)}`);
        const typed = ` ${id.toLowerCase()} `;
        const a = parseIdCard(id, NOW);
        return JSON.stringify(parseIdCard(typed, NOW)) === JSON.stringify(a);
      }),
    );
  });
});
