/** 居民身份证 as a document module: GB 11643 (miniprogram/core/idcard.ts); birth date and sex come from the number. */
import { normalizeIdCard, parseIdCard } from '../idcard';
import type { DocumentRules } from './types';

/** Checks the format and checksum; the birth date against today is checked with the clock (parseDocument). */
export const residentIdCard: DocumentRules = {
  normalize: normalizeIdCard,
  check(raw) {
    // A date far in the future: the format, region and checksum rules only; parseDocument dates it.
    const parsed = parseIdCard(raw, Date.UTC(9999, 0, 1));
    return parsed.ok ? { ok: true, number: parsed.value.idCardNo } : { ok: false, message: parsed.message };
  },
};
