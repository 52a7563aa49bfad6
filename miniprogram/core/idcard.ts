/**
 * Mainland resident ID numbers (公民身份号码) per GB 11643-1999: 6-digit region code, 8-digit birth
 * date, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character. Birth date, sex and age are
 * derived from the number; age is counted in the hospital's calendar (Asia/Shanghai).
 */
import type { HospitalDate } from '../../typings/hospital';
import { hospitalDate, isHospitalDate } from './time';

/** Patients younger than this many full years need a guardian's name and ID (docs/architecture.md#trust). */
export const GUARDIAN_REQUIRED_UNDER = 14;

/** A guardian must be at least this old (full years, hospital calendar). */
export const GUARDIAN_MIN_AGE = 18;

/** The earliest birth year accepted. */
export const EARLIEST_BIRTH_YEAR = 1900;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * First two digits of the region code: the provinces of GB/T 2260, plus 83 which the 2018
 * residence-permit rules (港澳台居民居住证) give Taiwan residents next to 81 Hong Kong and 82 Macao.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);
/** Residence permits carry only the region's province-level code (810000, 820000, 830000). */
const PERMIT_PROVINCES: ReadonlySet<string> = new Set(['81', '82', '83']);

/** Why a number was refused. */
export type IdCardFailureReason = 'length' | 'format' | 'region' | 'birthDate' | 'checksum';

/** What the number tells about its holder. */
export interface IdCardInfo {
  /** The normalised 18-character number (upper-case X). */
  idCardNo: string;
  birthDate: HospitalDate;
  /** 17th digit odd = male. */
  sex: 'M' | 'F';
  /** Full years on the hospital's calendar date of `nowMs`. */
  ageYears: number;
}

export type IdCardParse =
  | { ok: true; value: IdCardInfo }
  | { ok: false; reason: IdCardFailureReason; message: string };

const MESSAGES: Record<IdCardFailureReason, string> = {
  length: '身份证号应为18位',
  format: '身份证号只能由数字组成，最后一位可以是X',
  region: '身份证号地区码无效',
  birthDate: '身份证号出生日期无效',
  checksum: '身份证号校验位不正确，请核对后重新输入',
};

/**
 * Trims and removes blanks, turns full-width digits and letters (as Chinese input methods type them)
 * into ASCII, and upper-cases the x. Does not validate.
 */
export function normalizeIdCard(s: string): string {
  return s
    .replace(/[\s\u3000]/g, '')
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. Throws on anything but 17 digits. */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCardCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** Full years from `birth` to `today`, both `YYYY-MM-DD`; a 29 February birthday counts on 1 March in common years. */
export function ageOn(birth: HospitalDate, today: HospitalDate): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const beforeBirthday = tm < bm || (tm === bm && td < bd);
  return ty - by - (beforeBirthday ? 1 : 0);
}

/** Validates a number and derives birth date, sex and age on the hospital's date of `nowMs`. */
export function parseIdCard(s: string, nowMs: number): IdCardParse {
  const refuse = (reason: IdCardFailureReason): IdCardParse => ({ ok: false, reason, message: MESSAGES[reason] });
  const id = normalizeIdCard(s);
  if (Array.from(id).length !== 18) return refuse('length');
  if (!/^\d{17}[\dX]$/.test(id)) return refuse('format');

  const province = id.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) return refuse('region');
  if (PERMIT_PROVINCES.has(province) && id.slice(2, 6) !== '0000') return refuse('region');

  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const today = hospitalDate(nowMs);
  // Same-width ISO dates compare correctly as strings; isHospitalDate checks the calendar on the digits.
  if (!isHospitalDate(birthDate) || Number(id.slice(6, 10)) < EARLIEST_BIRTH_YEAR || birthDate > today) {
    return refuse('birthDate');
  }

  if (idCardCheckChar(id.slice(0, 17)) !== id.charAt(17)) return refuse('checksum');

  return {
    ok: true,
    value: {
      idCardNo: id,
      birthDate,
      sex: Number(id.charAt(16)) % 2 === 1 ? 'M' : 'F',
      ageYears: ageOn(birthDate, today),
    },
  };
}

/** True when a patient of this age needs a guardian (under 14 full years). */
export function isMinor(ageYears: number): boolean {
  return ageYears < GUARDIAN_REQUIRED_UNDER;
}
