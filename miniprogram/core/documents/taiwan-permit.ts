/**
 * 台湾居民来往大陆通行证 (台胞证): 8 digits on the card issued since 2015, 10 on the older booklet
 * (whose reissue letter in brackets is dropped: it is not part of the number). Birth date and sex
 * are asked apart.
 */
import { compactUpper, type DocumentRules } from './types';

const PATTERN = /^(\d{8}|\d{10})$/;

function normalize(raw: string): string {
  return compactUpper(raw).replace(/[(（][A-Z][)）]$/, '');
}

export const taiwanPermit: DocumentRules = {
  normalize,
  check(raw) {
    const number = normalize(raw);
    if (number === '') return { ok: false, message: '请填写台湾居民来往大陆通行证号码' };
    return PATTERN.test(number) ? { ok: true, number } : { ok: false, message: '台湾居民来往大陆通行证号码应为8位（旧版10位）数字' };
  },
};
