/**
 * Mainland mobile numbers: 11 digits, `1[3-9]` then 9 more. Patients type them with a country code,
 * spaces or dashes, and input methods may give full-width digits; all of that is accepted.
 */

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * The bare 11-digit mobile number, or null when `s` is not a mainland mobile number. Strips blanks and
 * dashes, full-width digits become ASCII, and a leading +86, 0086 or 86 is dropped.
 */
export function normalizeMobile(s: string): string | null {
  const compact = s
    .replace(/[\s\u3000\-\u2010-\u2015\uFF0D]/g, '')
    .replace(/[\uFF10-\uFF19\uFF0B]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  // The country code only counts in front of a full 11-digit number; a bare number never starts with 8.
  const m = /^(?:\+86|0086|86)?(\d{11})$/.exec(compact);
  const digits = m?.[1];
  return digits !== undefined && MOBILE.test(digits) ? digits : null;
}

/** True when `s`, once normalised, is a mainland mobile number. */
export function isMobile(s: string): boolean {
  return normalizeMobile(s) !== null;
}
