/** What every document module answers: the number normalised, or the Chinese refusal. */
export type DocumentCheck = { ok: true; number: string } | { ok: false; message: string };

/** One document type's own rules. */
export interface DocumentRules {
  /** Trims, removes blanks, full-width to ASCII, upper case. Does not validate. */
  normalize(raw: string): string;
  /** The number's own format and check; birth date and sex are checked apart where the number does not carry them. */
  check(raw: string): DocumentCheck;
}

/** Blanks removed, full-width digits and letters (as input methods type them) to ASCII, upper case. */
export function compactUpper(raw: string): string {
  return raw
    .replace(/[\s\u3000]/g, '')
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}
