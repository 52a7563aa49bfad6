/**
 * 出生医学证明 (medical birth certificate): the serial number printed on the certificate since the
 * 2014 edition, one letter then nine digits (e.g. O440012345). The number carries no birth date or
 * sex (they are asked apart), and a child with one needs a guardian.
 */
import { compactUpper, type DocumentRules } from './types';

const PATTERN = /^[A-Z]\d{9}$/;

export const birthCertificate: DocumentRules = {
  normalize: compactUpper,
  check(raw) {
    const number = compactUpper(raw);
    if (number === '') return { ok: false, message: '请填写出生医学证明编号' };
    return PATTERN.test(number) ? { ok: true, number } : { ok: false, message: '出生医学证明编号应为1位字母加9位数字' };
  },
};
