/**
 * Passports (护照), Chinese or foreign: ICAO 9303 document numbers, 5 to 17 letters and digits
 * with at least one digit (a Chinese passport is E + 8 digits or E + letter + 7 digits). Birth date
 * and sex are asked apart.
 */
import { compactUpper, type DocumentRules } from './types';

const PATTERN = /^[A-Z0-9]{5,17}$/;

export const passport: DocumentRules = {
  normalize: compactUpper,
  check(raw) {
    const number = compactUpper(raw);
    if (number === '') return { ok: false, message: '请填写护照号码' };
    if (!PATTERN.test(number)) return { ok: false, message: '护照号码应为5-17位字母或数字' };
    return /\d/.test(number) ? { ok: true, number } : { ok: false, message: '护照号码应包含数字' };
  },
};
