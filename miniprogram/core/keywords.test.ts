/** Property tests: whatever text comes in, the formatted keyword is one WeChat accepts; short valid text is kept. */
import fc from 'fast-check';
import { formatKeyword, keywordType, keywordValid, type KeywordType } from './keywords';

const TYPES: KeywordType[] = ['thing', 'number', 'letter', 'symbol', 'character_string', 'time', 'date', 'amount', 'phone_number', 'car_number', 'name', 'phrase'];
const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom('', '   ', '\n\t', '呼吸内科（儿童）第二门诊部专家诊室三楼东侧', '2026-11-27 08:30', '林*燕', '12345'));

test('every type: any text formats to a value WeChat accepts', () => {
  fc.assert(
    fc.property(fc.constantFrom(...TYPES), anyText, (type, text) => {
      const value = formatKeyword(type, text);
      expect({ type, text, value, valid: keywordValid(type, value) }).toMatchObject({ valid: true });
    }),
    { numRuns: 2000 },
  );
});

test('thing: at most 20 characters, a longer text keeps its first 19 and ends with …; short text is kept', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 60 }).filter((s) => s.trim() === s && !/[^\S ]| {2}/.test(s) && !Array.from(s).some((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === '\x7f') && s !== ''), (text) => {
      const value = formatKeyword('thing', text);
      const n = Array.from(text).length;
      if (n <= 20) expect(value).toBe(text);
      else expect(value).toBe(Array.from(text).slice(0, 19).join('') + '…');
    }),
  );
});

test('phrase: only Chinese characters, at most 5; character_string: ≤ 32 printable ASCII', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      expect(formatKeyword('phrase', text)).toMatch(/^[\u4e00-\u9fff]{1,5}$/);
      expect(formatKeyword('character_string', text)).toMatch(/^[\x21-\x7e]{1,32}$/);
    }),
  );
  expect(formatKeyword('phrase', '即将就诊，请候诊')).toBe('即将就诊请');
  expect(formatKeyword('character_string', 'A'.repeat(40))).toBe('A'.repeat(29) + '...');
});

test('times and dates as WeChat spells them; amounts in yuan with ¥; names masked stay names', () => {
  expect(formatKeyword('time', '2026-11-27 08:30')).toBe('2026年11月27日 08:30');
  expect(formatKeyword('date', '2026-11-27 19:00')).toBe('2026年11月27日');
  expect(formatKeyword('time', '15:01')).toBe('15:01');
  expect(formatKeyword('amount', '128.50')).toBe('¥128.50');
  expect(formatKeyword('name', '林*燕')).toBe('林*燕');
  expect(keywordValid('name', '欧阳娜娜娜娜娜娜娜娜娜')).toBe(false);
  expect(formatKeyword('name', '欧阳娜娜娜娜娜娜娜娜娜')).toBe('欧阳娜娜娜娜娜娜娜…');
});

test('WeChat refuses what breaks its rules', () => {
  expect(keywordValid('thing', '')).toBe(false);
  expect(keywordValid('thing', 'x'.repeat(21))).toBe(false);
  expect(keywordValid('phrase', '配送中啦啦啦')).toBe(false);
  expect(keywordValid('phrase', 'ok')).toBe(false);
  expect(keywordValid('time', '明天上午')).toBe(false);
  expect(keywordValid('amount', '12.5元')).toBe(true);
  expect(keywordValid('amount', '¥12345678901')).toBe(false);
  expect(keywordValid('character_string', '中文')).toBe(false);
});

test('keyword types come from the key', () => {
  expect(keywordType('thing12')).toBe('thing');
  expect(keywordType('character_string4')).toBe('character_string');
  expect(keywordType('phone_number1')).toBe('phone_number');
  expect(keywordType('thing')).toBeUndefined();
  expect(keywordType('bogus1')).toBeUndefined();
});
