import fc from 'fast-check';
import { idCardCheckChar } from '../idcard';
import { documentKey, maskDocument, needsGuardian, normalizeDocument, parseDocument, type DocType } from '.';

const NOW = Date.parse('2026-11-30T01:00:00Z');
const asked = { birthDate: '1990-05-01', sex: 'F' };
const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));

/** Valid numbers of each document other than the ID card. */
const valid: Record<Exclude<DocType, 'id_card'>, fc.Arbitrary<string>> = {
  birth_certificate: fc.tuple(fc.stringMatching(/^[A-Z]$/), digits(9)).map(([l, d]) => l + d),
  hk_macau_permit: fc.tuple(fc.constantFrom('H', 'M'), fc.oneof(digits(8), digits(10))).map(([l, d]) => l + d),
  taiwan_permit: fc.oneof(digits(8), digits(10)),
  passport: fc.stringMatching(/^[A-Z0-9]{4,16}$/).map((s) => `${s}7`),
};

describe('documents: each by its own rules', () => {
  it.each(Object.keys(valid) as Exclude<DocType, 'id_card'>[])('%s: every valid number is accepted as typed in lower case with blanks, and normalises to itself', (type) => {
    fc.assert(
      fc.property(valid[type], (n) => {
        const typed = ` ${n.toLowerCase().split('').join(n.length > 8 ? '' : ' ')} `;
        const parsed = parseDocument(type, typed, type === 'birth_certificate' ? { ...asked, birthDate: '2020-01-01' } : asked, NOW);
        expect(parsed).toMatchObject({ ok: true, value: { docType: type, number: n } });
        expect(normalizeDocument(type, normalizeDocument(type, typed))).toBe(normalizeDocument(type, typed));
      }),
    );
  });

  it('refuses what breaks a document’s own rules, naming the number', () => {
    expect(parseDocument('birth_certificate', '12345678901', asked, NOW)).toEqual({ ok: false, field: 'idCardNo', message: '出生医学证明编号应为1位字母加9位数字' });
    expect(parseDocument('hk_macau_permit', 'X12345678', asked, NOW)).toMatchObject({ ok: false, field: 'idCardNo' });
    expect(parseDocument('taiwan_permit', '1234567', asked, NOW)).toMatchObject({ ok: false, field: 'idCardNo' });
    expect(parseDocument('passport', 'ABCDEFGH', asked, NOW)).toEqual({ ok: false, field: 'idCardNo', message: '护照号码应包含数字' });
    expect(parseDocument('passport', 'E1234-5678', asked, NOW)).toMatchObject({ ok: false, field: 'idCardNo' });
  });

  it('asks birth date and sex where the number does not carry them; the ID card carries them', () => {
    expect(parseDocument('passport', 'E12345678', {}, NOW)).toEqual({ ok: false, field: 'birthDate', message: '请选择出生日期' });
    expect(parseDocument('passport', 'E12345678', { birthDate: '2026-12-01', sex: 'M' }, NOW)).toMatchObject({ ok: false, field: 'birthDate', message: '出生日期无效' });
    expect(parseDocument('passport', 'E12345678', { birthDate: '1990-02-30', sex: 'M' }, NOW)).toMatchObject({ ok: false, field: 'birthDate' });
    expect(parseDocument('passport', 'E12345678', { birthDate: '1990-02-28' }, NOW)).toEqual({ ok: false, field: 'sex', message: '请选择性别' });
    const id = `11010520200315124`;
    const full = id + idCardCheckChar(id);
    expect(parseDocument('id_card', full, {}, NOW)).toMatchObject({ ok: true, value: { birthDate: '2020-03-15', sex: 'F', ageYears: 6 } });
  });

  it('a birth certificate needs a guardian whatever the age, and is a minor’s document', () => {
    const baby = parseDocument('birth_certificate', 'O440012345', { birthDate: '2026-11-01', sex: 'F' }, NOW);
    expect(baby.ok && needsGuardian(baby.value)).toBe(true);
    expect(parseDocument('birth_certificate', 'O440012345', { birthDate: '2000-01-01', sex: 'F' }, NOW)).toMatchObject({ ok: false, field: 'birthDate' });
    const adultPassport = parseDocument('passport', 'E12345678', asked, NOW);
    expect(adultPassport.ok && needsGuardian(adultPassport.value)).toBe(false);
    const childPassport = parseDocument('passport', 'E12345678', { birthDate: '2019-01-01', sex: 'M' }, NOW);
    expect(childPassport.ok && needsGuardian(childPassport.value)).toBe(true);
  });

  it('masks every document: never more than 4 characters shown, the ID card 3 + 4', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(valid) as Exclude<DocType, 'id_card'>[])), fc.stringMatching(/^[A-Z0-9]{1,17}$/), (type, n) => {
        const masked = maskDocument(type, n);
        expect(masked).toHaveLength(n.length);
        expect(masked.replace(/\*/g, '').length).toBeLessThanOrEqual(4);
        if (n.length > 5) expect(masked.slice(-3)).toBe(n.slice(-3));
      }),
    );
    expect(maskDocument('id_card', '11010519491231002X')).toBe('110***********002X');
  });

  it('keys people by document: the ID card by its bare number (as before), the others by type and number', () => {
    expect(documentKey('id_card', '11010519491231002x')).toBe('11010519491231002X');
    expect(documentKey('taiwan_permit', '12345678')).not.toBe(documentKey('passport', '12345678'));
    fc.assert(fc.property(valid.passport, (n) => expect(documentKey('passport', n.toLowerCase())).toBe(documentKey('passport', n))));
  });
});
