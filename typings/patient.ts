/**
 * Patients bound to an account (docs/architecture.md#trust): the shapes the app sees and the
 * requests of the patient actions. Only masked values ever leave the cloud function.
 */

/** Who the patient is to the account holder (the list itself: RELATIONS in miniprogram/core/patient.ts). */
export type Relation = '本人' | '子女' | '父母' | '配偶' | '其他';

/**
 * The identity document a patient is registered with: 居民身份证, 出生医学证明, 港澳居民来往内地通行证,
 * 台湾居民来往大陆通行证, 护照 (rules: miniprogram/core/documents/).
 */
export type DocType = 'id_card' | 'birth_certificate' | 'hk_macau_permit' | 'taiwan_permit' | 'passport';

/** A hospital card's state: verified (real-name) cards unlock every service. */
export type CardState = 'verified' | 'unverified';

/** A bound hospital card (就诊卡). */
export interface PatientCard {
  cardNo: string;
  state: CardState;
}

/** A patient as the account sees it: masked, with the card if one is bound. */
export interface BoundPatient {
  /** The hospital's patient id (HIS). */
  patientId: string;
  /** 张*明 */
  name: string;
  /** 110***********002X */
  idCardNo: string;
  /** 138****1234 */
  phone: string;
  relation: Relation;
  sex: 'M' | 'F';
  /** The document the patient is registered with (居民身份证 when absent). */
  docType?: DocType;
  isDefault: boolean;
  /** Null for a card-less patient (booking only). */
  card: PatientCard | null;
  /** True when the patient was a minor at binding and a guardian was recorded by the hospital. */
  hasGuardian: boolean;
}

/**
 * Who is being bound: the document (居民身份证 when `docType` is absent; the others need `birthDate`
 * and `sex`), the real name, the phone (the one on file at the hospital, or for a person new to it
 * the phone to record), and under 14 (or with a birth certificate) the guardian.
 */
export interface PatientIdentity {
  name: string;
  docType?: DocType;
  /** The document's number (the ID number for 居民身份证). */
  idCardNo: string;
  /** YYYY-MM-DD, for documents that do not carry it. */
  birthDate?: string;
  sex?: 'M' | 'F';
  phone: string;
  guardian?: Guardian;
}

/** `patient.sendCode`: the hospital sends a 6-digit code by SMS. */
export type PatientSendCodeRequest = PatientIdentity;
export interface PatientSendCodeResponse {
  /** Give it back to `patient.add` with the code. */
  challengeId: string;
  /** Where the code went, masked (138****1234). */
  sentTo: string;
  /** ISO instants: the code's expiry, and when 获取验证码 may be tapped again. */
  expiresAt: string;
  resendAfter: string;
}

/** `patient.add` — with the challenge of `patient.sendCode` and the code the SMS brought. */
export interface PatientAddRequest extends PatientIdentity {
  relation: Relation;
  challengeId: string;
  smsCode: string;
}

/** A minor's guardian (监护人), real-name checked like the patient. */
export interface Guardian {
  name: string;
  idCardNo: string;
}
export interface PatientAddResponse {
  patientId: string;
  patient: BoundPatient;
}

export type PatientListRequest = Record<string, never>;
export interface PatientListResponse {
  patients: BoundPatient[];
  /** The account's cap (5). */
  limit: number;
}

export interface PatientRefRequest {
  patientId: string;
}
export type PatientRemoveResponse = PatientListResponse;
export type PatientSetDefaultResponse = PatientListResponse;

export interface CardBindRequest {
  patientId: string;
  cardNo: string;
}
export type CardBindResponse = BoundPatient;

/** A short-lived signed code for kiosks and clinic check-in, shown as a QR code. */
export interface PatientQrcodeResponse {
  code: string;
  /** ISO instant; the app refreshes before then. */
  expiresAt: string;
}

/** `privacy.get`: the hospital's privacy guide (隐私保护指引) version in force and the account's consent. */
export type PrivacyGetRequest = Record<string, never>;
export interface PrivacyGetResponse {
  version: string;
  /** The summary shown with the consent box, paragraphs. */
  summary: string[];
  /** Null until the account consents to this version. */
  consentedAt: string | null;
}

/** `privacy.consent`: records consent to the version shown (no personal data, the version and time only). */
export interface PrivacyConsentRequest {
  version: string;
}
export type PrivacyConsentResponse = PrivacyGetResponse;
