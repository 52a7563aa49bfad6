/**
 * Cloud DB documents (ARCHITECTURE §3). Never clinical content, never a full ID number, name or
 * phone: masked values and an HMAC of the ID number only.
 */
import type { CardState, Relation } from './patient';

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
  isDefault: boolean;
  card: { cardNo: string; state: CardState } | null;
  hasGuardian: boolean;
  boundAt: number;
}
