/**
 * Patients bound to an account (docs/architecture.md#trust): the shapes the app sees and the
 * requests of the patient actions. Only masked values ever leave the cloud function.
 */

/** Who the patient is to the account holder (the list itself: RELATIONS in miniprogram/core/patient.ts). */
export type Relation = '本人' | '子女' | '父母' | '配偶' | '其他';

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
  isDefault: boolean;
  /** Null for a card-less patient (booking only). */
  card: PatientCard | null;
  /** True when the patient was a minor at binding and a guardian was recorded by the hospital. */
  hasGuardian: boolean;
}

/** `patient.add` — under 14 the guardian is required. */
export interface PatientAddRequest {
  name: string;
  idCardNo: string;
  phone: string;
  relation: Relation;
  guardian?: Guardian;
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
