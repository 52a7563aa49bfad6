/**
 * The identity documents a patient may be registered with (docs/architecture.md#trust): each validated by its
 * own module, with birth date and sex asked where the number does not carry them, masked and
 * HMAC-keyed alike. Shared by the mini program's form, the cloud and the sandbox hospital.
 */
import type { HospitalDate } from '../../../typings/hospital';
import type { DocType } from '../../../typings/patient';
import { ageOn, EARLIEST_BIRTH_YEAR, isMinor, parseIdCard } from '../idcard';
import { maskIdCard } from '../mask';
import { hospitalDate, isHospitalDate } from '../time';
import { birthCertificate } from './birth-certificate';
import { hkMacauPermit } from './hk-macau-permit';
import { residentIdCard } from './id-card';
import { passport } from './passport';
import { taiwanPermit } from './taiwan-permit';
import type { DocumentRules } from './types';

export type { DocType };

export interface DocumentKind {
  type: DocType;
  /** The document's name as the patient reads it. */
  label: string;
  /** The number carries birth date and sex (only the resident ID card); otherwise they are asked. */
  carriesBirth: boolean;
  /** A guardian is required whatever the age (a birth certificate's holder is a child). */
  guardianAlways: boolean;
}

/** In the order the form offers them. */
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  { type: 'id_card', label: '居民身份证', carriesBirth: true, guardianAlways: false },
  { type: 'birth_certificate', label: '出生医学证明', carriesBirth: false, guardianAlways: true },
  { type: 'hk_macau_permit', label: '港澳居民来往内地通行证', carriesBirth: false, guardianAlways: false },
  { type: 'taiwan_permit', label: '台湾居民来往大陆通行证', carriesBirth: false, guardianAlways: false },
  { type: 'passport', label: '护照', carriesBirth: false, guardianAlways: false },
];
export const DOC_TYPES: readonly DocType[] = DOCUMENT_KINDS.map((k) => k.type);

const RULES: Record<DocType, DocumentRules> = {
  id_card: residentIdCard,
  birth_certificate: birthCertificate,
  hk_macau_permit: hkMacauPermit,
  taiwan_permit: taiwanPermit,
  passport,
};

export function documentKind(type: DocType): DocumentKind {
  return DOCUMENT_KINDS.find((k) => k.type === type) as DocumentKind;
}

export function isDocType(v: unknown): v is DocType {
  return typeof v === 'string' && (DOC_TYPES as readonly string[]).includes(v);
}

/** A birth certificate is a child's: beyond this age the holder has an ID card. */
export const BIRTH_CERTIFICATE_MAX_AGE = 17;

/** Who a document says the holder is. */
export interface DocumentInfo {
  docType: DocType;
  /** Normalised number. */
  number: string;
  birthDate: HospitalDate;
  sex: 'M' | 'F';
  /** Full years on the hospital's date of `nowMs`. */
  ageYears: number;
}

/** A refusal names the field at fault: `idCardNo` (the number), `birthDate` or `sex`. */
export type DocumentParse = { ok: true; value: DocumentInfo } | { ok: false; field: 'idCardNo' | 'birthDate' | 'sex'; message: string };

/** Normalises without validating. */
export function normalizeDocument(type: DocType, raw: string): string {
  return RULES[type].normalize(raw);
}

/**
 * Checks the number by its document's own rules and, where the number does not carry them, the
 * birth date (a real date, not after today, not before 1900) and sex; derives the age on the
 * hospital's calendar.
 */
export function parseDocument(type: DocType, raw: string, asked: { birthDate?: string; sex?: string }, nowMs: number): DocumentParse {
  if (type === 'id_card') {
    const parsed = parseIdCard(raw, nowMs);
    if (!parsed.ok) return { ok: false, field: 'idCardNo', message: parsed.message };
    const { idCardNo, birthDate, sex, ageYears } = parsed.value;
    return { ok: true, value: { docType: type, number: idCardNo, birthDate, sex, ageYears } };
  }
  const checked = RULES[type].check(raw);
  if (!checked.ok) return { ok: false, field: 'idCardNo', message: checked.message };
  const today = hospitalDate(nowMs);
  const { birthDate, sex } = asked;
  if (birthDate === undefined || birthDate === '') return { ok: false, field: 'birthDate', message: '请选择出生日期' };
  if (!isHospitalDate(birthDate) || Number(birthDate.slice(0, 4)) < EARLIEST_BIRTH_YEAR || birthDate > today) {
    return { ok: false, field: 'birthDate', message: '出生日期无效' };
  }
  if (sex !== 'M' && sex !== 'F') return { ok: false, field: 'sex', message: '请选择性别' };
  const ageYears = ageOn(birthDate, today);
  if (type === 'birth_certificate' && ageYears > BIRTH_CERTIFICATE_MAX_AGE) {
    return { ok: false, field: 'birthDate', message: '出生医学证明仅适用于未成年就诊人，请选择其他证件' };
  }
  return { ok: true, value: { docType: type, number: checked.number, birthDate, sex, ageYears } };
}

/** Whether this holder must be registered with a guardian: a birth certificate always, otherwise under 14. */
export function needsGuardian(info: Pick<DocumentInfo, 'docType' | 'ageYears'>): boolean {
  return documentKind(info.docType).guardianAlways || isMinor(info.ageYears);
}

/**
 * Masked for people and logs: an ID number 3 first + 4 last (340***********123X); the other
 * documents' shorter numbers 1 first + 3 last (E*****678), all stars up to 5 characters.
 */
export function maskDocument(type: DocType, number: string): string {
  if (type === 'id_card') return maskIdCard(number);
  const s = number.trim();
  if (s.length <= 5) return '*'.repeat(s.length);
  return `${s.slice(0, 1)}${'*'.repeat(s.length - 4)}${s.slice(-3)}`;
}

/**
 * The text an HMAC is taken of to recognise a person: the bare number for an ID card (as bindings
 * made before other documents keep it), `type:number` for the rest, so equal numbers of two kinds
 * are two people.
 */
export function documentKey(type: DocType, number: string): string {
  const n = normalizeDocument(type, number);
  return type === 'id_card' ? n : `${type}:${n}`;
}
