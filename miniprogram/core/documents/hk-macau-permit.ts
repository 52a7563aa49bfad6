/**
 * 港澳居民来往内地通行证 (回乡证): H (Hong Kong) or M (Macao) then 8 digits, or 10 on cards issued
 * before 2013 (e.g. H12345678). Birth date and sex are asked apart.
 */
import { compactUpper, type DocumentRules } from './types';

const PATTERN = /^[HM]\d{8}(\d{2})?$/;

export const hkMacauPermit: DocumentRules = {
  normalize: compactUpper,
  check(raw) {
    const number = compactUpper(raw);
    if (number === '') return { ok: false, message: '请填写港澳居民来往内地通行证号码' };
    return PATTERN.test(number) ? { ok: true, number } : { ok: false, message: '港澳居民来往内地通行证号码应为H或M加8位（旧版10位）数字' };
  },
};
