import fc from 'fast-check';
import { maskIdCard, maskName, maskPhone } from './mask';

describe('maskName', () => {
  it('keeps the first and last character of names of three or more', () => {
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName(' 张小明 ')).toBe('张*明');
    expect(maskName('买买提·艾力')).toBe('买****力');
    expect(maskName('𠀀小明')).toBe('𠀀*明'); // a character outside the BMP counts once
    expect(maskName('')).toBe('');
  });

  it('property: same length in characters, first kept, everything but the last starred', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'张王李欧阳娜明小红𠀀·'), minLength: 3, maxLength: 12 }), (name) => {
        const chars = Array.from(name);
        const masked = Array.from(maskName(name));
        return masked.length === chars.length && masked[0] === chars[0] && masked.at(-1) === chars.at(-1) && masked.slice(1, -1).every((c) => c === '*');
      }),
    );
  });
});

describe('maskIdCard', () => {
  it('keeps 3 first and 4 last', () => {
    expect(maskIdCard('34012319900101123X')).toBe('340***********123X');
    expect(maskIdCard('11010519491231002X')).toBe('110***********002X');
    expect(maskIdCard(' 11010519491231002X ')).toBe('110***********002X');
  });

  it('never shows a short value whole', () => {
    expect(maskIdCard('1234567')).toBe('*******');
    expect(maskIdCard('')).toBe('');
  });

  it('property: an 18-character ID shows exactly 7 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789X'), minLength: 18, maxLength: 18 }), (id) => {
        const m = maskIdCard(id);
        return m === `${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(14)}`;
      }),
    );
  });
});

describe('maskPhone', () => {
  it('shows 3 first and 4 last of a mobile number, however it was typed', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138-1234-1234')).toBe('138****1234');
    expect(maskPhone('8613812341234')).toBe('138****1234');
  });

  it('never shows a short value whole', () => {
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('123')).toBe('***');
    expect(maskPhone('010-12345678')).toBe('010*****5678');
  });

  it('property: an 11-digit number shows exactly 7 digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 11 }), (p) => maskPhone(p) === `${p.slice(0, 3)}****${p.slice(7)}`),
    );
  });

  it('property: never reveals more than 3 first and 4 last characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const m = maskPhone(s);
        const shown = Array.from(m).filter((c) => c !== '*').length;
        return shown <= 7 && (m.length <= 7 ? shown === 0 : true);
      }),
    );
  });
});
