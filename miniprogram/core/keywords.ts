/**
 * WeChat's rules for subscription-message keyword values (订阅消息参数值内容限制): the type is the
 * keyword's name without its number (`thing2` → thing). `keywordValid` is what WeChat checks (the
 * emulation answers 47003 when it fails); `formatKeyword` turns any text into a value WeChat accepts,
 * shortening with … where the type allows it rather than refusing the message.
 */

export type KeywordType =
  | 'thing'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'character_string'
  | 'time'
  | 'date'
  | 'amount'
  | 'phone_number'
  | 'car_number'
  | 'name'
  | 'phrase';

const TYPES: readonly KeywordType[] = ['thing', 'number', 'letter', 'symbol', 'character_string', 'time', 'date', 'amount', 'phone_number', 'car_number', 'name', 'phrase'];

/** `thing12` → 'thing', `character_string4` → 'character_string'; undefined for a key WeChat does not use. */
export function keywordType(key: string): KeywordType | undefined {
  const m = /^([a-z_]+?)(\d+)$/.exec(key);
  return m && (TYPES as readonly string[]).includes(m[1] as string) ? (m[1] as KeywordType) : undefined;
}

/** Longest value of each type where WeChat counts characters. */
export const KEYWORD_LIMITS = { thing: 20, number: 32, letter: 32, symbol: 5, character_string: 32, amountDigits: 10, phone_number: 17, car_number: 8, nameChinese: 10, nameLatin: 20, phrase: 5 } as const;

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/u;
const ELLIPSIS = '…';
// WeChat spells dates 2019年10月1日 and times 15:01 (optionally after a date), ranges joined by ~.
const CN_DATE = String.raw`\d{4}年\d{1,2}月\d{1,2}日`;
const ISO_DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?`;
const TIME_POINT = `(?:(?:${CN_DATE}|${ISO_DATE}) )?${CLOCK}`;
const DATE_POINT = `(?:${CN_DATE}|${ISO_DATE})(?: ${CLOCK})?`;
const TIME_RE = new RegExp(`^${TIME_POINT}(?:~${TIME_POINT})?$`);
const DATE_RE = new RegExp(`^${DATE_POINT}(?:~${DATE_POINT})?$`);

function chars(s: string): string[] {
  return Array.from(s);
}

function isControl(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

/** Whether WeChat accepts `value` for a keyword of `type` (47003 otherwise). Empty is never accepted. */
export function keywordValid(type: KeywordType, value: string): boolean {
  if (value.trim() === '' || chars(value).some(isControl)) return false;
  const n = chars(value).length;
  switch (type) {
    case 'thing':
      return n <= KEYWORD_LIMITS.thing;
    case 'number':
      return n <= KEYWORD_LIMITS.number && /^-?\d+(\.\d+)?$/.test(value);
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(value);
    case 'symbol':
      return n <= KEYWORD_LIMITS.symbol && /^[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+$/.test(value);
    case 'character_string':
      return /^[\x21-\x7e]{1,32}$/.test(value);
    case 'time':
      return TIME_RE.test(value);
    case 'date':
      return DATE_RE.test(value);
    case 'amount':
      return /^[¥￥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(value);
    case 'phone_number':
      return /^[0-9+\-() ]{1,17}$/.test(value);
    case 'car_number':
      return n <= KEYWORD_LIMITS.car_number && /^[\u4e00-\u9fffA-Za-z0-9]+$/.test(value);
    case 'name':
      // Mixed Chinese and letters counts as a Chinese name.
      return CJK.test(value) ? n <= KEYWORD_LIMITS.nameChinese && !/\d/.test(value) : n <= KEYWORD_LIMITS.nameLatin && /^[^\d]+$/.test(value);
    case 'phrase':
      return /^[\u4e00-\u9fff]{1,5}$/.test(value);
  }
}

/** At most `max` characters, the last one … when cut. */
function shorten(s: string, max: number): string {
  const c = chars(s);
  return c.length <= max ? s : c.slice(0, max - 1).join('') + ELLIPSIS;
}

/** `2026-11-27 08:30` (or with seconds) → 2026年11月27日 08:30; a date alone → 2026年11月27日. */
function chineseDateTime(s: string, withTime: boolean): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(s);
  if (!m) return undefined;
  const date = `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  return withTime && m[4] !== undefined ? `${date} ${m[4]}:${m[5]}` : date;
}

/**
 * A value WeChat accepts for `type`, from any text: control characters and runs of spaces go,
 * thing and name are cut with …, character_string with ..., phrase keeps its first 5 Chinese
 * characters (… is not one), times and dates are spelt as WeChat shows them, amounts get ¥.
 * Text that has nothing usable for the type becomes a neutral placeholder (无, -, 0).
 */
export function formatKeyword(type: KeywordType, raw: string): string {
  const text = chars(raw)
    .map((c) => (isControl(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  switch (type) {
    case 'thing':
      return text === '' ? '无' : shorten(text, KEYWORD_LIMITS.thing);
    case 'phrase': {
      const han = chars(text).filter((c) => /[\u4e00-\u9fff]/.test(c));
      return han.length === 0 ? '无' : han.slice(0, KEYWORD_LIMITS.phrase).join('');
    }
    case 'name': {
      if (CJK.test(text)) {
        const v = shorten(text.replace(/\d/g, ''), KEYWORD_LIMITS.nameChinese);
        return v.trim() === '' ? '无' : v;
      }
      const latin = text.replace(/\d/g, '').trim();
      return latin === '' ? '-' : shorten(latin, KEYWORD_LIMITS.nameLatin);
    }
    case 'character_string': {
      const ascii = text.replace(/[^\x21-\x7e]/g, '');
      if (ascii === '') return '-';
      return ascii.length <= KEYWORD_LIMITS.character_string ? ascii : `${ascii.slice(0, KEYWORD_LIMITS.character_string - 3)}...`;
    }
    case 'number': {
      const m = /-?\d+(\.\d+)?/.exec(text);
      return m ? m[0].slice(0, KEYWORD_LIMITS.number) : '0';
    }
    case 'letter': {
      const letters = text.replace(/[^A-Za-z]/g, '').slice(0, KEYWORD_LIMITS.letter);
      return letters === '' ? 'X' : letters;
    }
    case 'symbol': {
      const symbols = chars(text).filter((c) => /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(c)).slice(0, KEYWORD_LIMITS.symbol).join('');
      return symbols === '' ? '-' : symbols;
    }
    case 'time': {
      const spelt = chineseDateTime(text, true);
      if (spelt !== undefined && TIME_RE.test(spelt)) return spelt;
      return TIME_RE.test(text) ? text : (/\d{1,2}:\d{2}/.exec(text)?.[0] ?? '00:00');
    }
    case 'date': {
      const spelt = chineseDateTime(text, false);
      if (spelt !== undefined) return spelt;
      return DATE_RE.test(text) ? text : '1970年1月1日';
    }
    case 'amount': {
      const m = /\d+(\.\d{1,2})?/.exec(text.replace(/,/g, ''));
      const digits = m ? m[0] : '0';
      const [whole = '0', cents] = digits.split('.');
      const capped = whole.length > KEYWORD_LIMITS.amountDigits ? '9'.repeat(KEYWORD_LIMITS.amountDigits) : whole;
      return `¥${capped}${cents !== undefined ? `.${cents}` : ''}`;
    }
    case 'phone_number': {
      const v = text.replace(/[^0-9+\-()]/g, '').slice(0, KEYWORD_LIMITS.phone_number);
      return v === '' ? '-' : v;
    }
    case 'car_number': {
      const v = chars(text.replace(/[^\u4e00-\u9fffA-Za-z0-9]/g, '')).slice(0, KEYWORD_LIMITS.car_number).join('');
      return v === '' ? '无' : v;
    }
  }
}
