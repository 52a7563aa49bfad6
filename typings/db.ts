/**
 * Cloud DB documents (docs/architecture.md#trust). Never clinical content, never a full ID number, name or
 * phone: masked values and an HMAC of the ID number only.
 */
import type { CardState, DocType, Relation } from './patient';

/** `accounts/<OPENID>`: one document per WeChat user, so limits hold in a single-document transaction. */
export interface AccountDoc {
  _id: string;
  patients: PatientBinding[];
  createdAt: number;
  updatedAt: number;
}

/** One patient bound to an account. */
export interface PatientBinding {
  patientId: string;
  nameMasked: string;
  idCardMasked: string;
  /** HMAC-SHA256 of the normalised ID number under ID_HMAC_KEY: finds duplicates without keeping the number. */
  idCardHmac: string;
  phoneMasked: string;
  relation: Relation;
  sex: 'M' | 'F';
  /** The document the patient is registered with (居民身份证 when absent); `idCardMasked`/`idCardHmac` are of it. */
  docType?: DocType;
  isDefault: boolean;
  card: { cardNo: string; state: CardState } | null;
  hasGuardian: boolean;
  boundAt: number;
}

import type { Fen } from './hospital';
import type { OrderKind, OrderStatus, OrderTransition, WxPaymentParams } from './payment';

/**
 * What the hospital confirms a paid order against, tagged by what is paid for: outpatient bills
 * (`bill.confirm`), a held slot (当日挂号) or an appointment's number (取号), both
 * `registration.confirm`, or a held appointment where the fee is paid at booking (`appointment.confirm`),
 * or a deposit for a stay (`inpatient.deposit`).
 */
export type HospitalRef =
  | { kind: 'outpatient-bill'; billIds: string[] }
  | { kind: 'registration'; holdId: string; slotId: string }
  | { kind: 'take-number'; appointmentId: string }
  | { kind: 'appointment'; appointmentId: string; slotId: string }
  // An inpatient deposit (住院押金) for a stay in hospital (`inpatient.deposit`).
  | { kind: 'inpatient-deposit'; stayId: string }
  /** A test application (核酸) whose fee the hospital takes online (`nat.confirm`). */
  | { kind: 'test-application'; applicationId: string };

/**
 * `orders/<outTradeNo>`: the payment ledger. No clinical content: bill ids and amounts, never item
 * names. Every status change is appended to `history` in the same transaction that makes it.
 */
export interface OrderDoc {
  _id: string;
  openid: string;
  patientId: string;
  kind: OrderKind;
  /** What the hospital is asked to confirm, by order kind (the engine's confirmation table). */
  hospitalRef: HospitalRef;
  description: string;
  amount: Fen;
  status: OrderStatus;
  history: OrderTransition[];
  createdAt: number;
  expiresAt: number;
  transactionId: string | null;
  paidAt: number | null;
  confirmedAt: number | null;
  receiptNo: string | null;
  /** Hospital confirmation attempts so far, and when the janitor may try next. */
  confirmAttempts: number;
  nextAttemptAt: number | null;
  /** Past this instant an order the hospital still has not answered for raises an alert (a refusal, not silence, refunds). */
  confirmDeadline: number | null;
  /** Deterministic: `R` + outTradeNo, so a retried refund is the same refund. */
  outRefundNo: string | null;
  refundAmount: Fen | null;
  refundedAt: number | null;
  /** A janitor run's claim on the order, so two timer runs never work it at once. */
  lease: { owner: string; until: number } | null;
  /** WeChat's payment parameters from the first unifiedOrder: paying again gets them back while valid, never a second unifiedOrder. */
  prepay?: { params: WxPaymentParams; placedAt: number } | null;
  /** When a janitor run last worked it: a run cut short by its time budget resumes with the least recently worked. */
  workedAt?: number;
  /** A hand-back (退号, a prepaid cancel) recorded before asking the hospital; the janitor finishes one whose answer was lost. */
  handBack?: HandBack | null;
}

/** The hospital call that hands a paid booking back, kept so it can be repeated under the same key. */
export type HandBackCall =
  | { op: 'registration.refund'; request: { registrationId: string; outTradeNo: string }; idempotencyKey: string }
  | { op: 'appointment.cancel'; request: { appointmentId: string }; idempotencyKey: string };

/** The intent to hand a confirmed booking back and refund it (`cause`: 退号 / 取消预约). */
export interface HandBack {
  cause: string;
  requestedAt: number;
  call: HandBackCall;
}

/**
 * `appointments/<appointmentId>` and `registrations/<registrationId>`: who owns a hospital booking,
 * so the router can authorize `{appointment}` / `{registration}` scopes before any hospital call.
 * Only ids and times: doctor, department and date are health-related and stay at the hospital.
 */
export interface BookingIndexDoc {
  _id: string;
  openid: string;
  patientId: string;
  /** The order that paid for it (registrations; absent for an unpaid appointment). */
  outTradeNo?: string;
  createdAt: number;
}
export type AppointmentIndexDoc = BookingIndexDoc;
export type RegistrationIndexDoc = BookingIndexDoc;

/**
 * `stays/<stayId>`: a stay bound to a patient (inpatient.bind), so the router can authorize `{stay}`
 * scopes before any hospital call. Ids and times only: ward, bed, doctor and money stay at the hospital.
 */
export interface StayIndexDoc {
  _id: string;
  /** The account that bound it first. */
  openid: string;
  patientId: string;
  createdAt: number;
}
// Identity: binding proves possession (cloudfunctions/common/identity/store.ts). No personal data.

/** `identityLimits/<OPENID>`: instants (epoch ms) of the last 24 hours, per counter, for the account's limits. */
export interface IdentityLimitsDoc {
  _id: string;
  /** Codes sent (patient.sendCode), 20 a day. */
  sends?: number[];
  /** New hospital records made (patient.add answered isNew), 5 a day; removing a patient gives none back. */
  newRecords?: number[];
  /** card.bind tries, 10 an hour. */
  cardBinds?: number[];
  updatedAt: number;
}

/** `bindChallenges/<challengeId>`: whose challenge, about whom (the document's HMAC), until when. Never the code. */
export interface BindChallengeDoc {
  _id: string;
  openid: string;
  personHmac: string;
  expiresAt: number;
  createdAt: number;
}

/** `privacyConsents/<OPENID>`: the 隐私保护指引 version the account consented to, and when. */
export interface PrivacyConsentDoc {
  _id: string;
  version: string;
  consentedAt: number;
}
