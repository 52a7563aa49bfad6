/**
 * HSB patient answers → domain shapes: the registered patient, the card, the check-in QR code.
 * Personal answers: protocol errors name the tag, never the value.
 */
import type { GetPatientQrCodeResponse, QueryCardResponse, RegisterPatientResponse } from '../../../typings/hsb';
import { isHospitalDate } from '../../../miniprogram/core/time';
import type { HospitalCard, PatientQrCode, RegisteredPatient } from '../hospital/port';
import { HsbProtocolError } from './envelope';
import { flag, gender, isNode, leaf, requiredLeaf, wallTimeInstant, type XmlNode } from './fields';

// ---- RegisterPatient
// Personal answers from here on: protocol errors name the tag, never the value.
export function toRegisteredPatient(body: XmlNode): RegisteredPatient {
  const p = body['Patient' satisfies keyof RegisterPatientResponse];
  if (!isNode(p)) throw new HsbProtocolError('<Patient> is missing');
  type P = RegisterPatientResponse['Patient'];
  const birthDate = leaf<P>(p, 'BirthDate');
  if (!isHospitalDate(birthDate)) throw new HsbProtocolError('<BirthDate> is not a date');
  return {
    patientId: requiredLeaf<P>(p, 'PatientId'),
    sex: gender(leaf<P>(p, 'Sex'), 'Sex'),
    birthDate,
    isNew: flag(leaf<P>(p, 'IsNew'), 'IsNew'),
    hasGuardian: flag(leaf<P>(p, 'HasGuardian'), 'HasGuardian'),
  };
}

// ---- QueryCard
const CARD_STATES: Record<string, HospitalCard['state']> = { '1': 'verified', '0': 'unverified', '2': 'cancelled' };

export function toHospitalCard(body: XmlNode): HospitalCard {
  const c = body['Card' satisfies keyof QueryCardResponse];
  if (!isNode(c)) throw new HsbProtocolError('<Card> is missing');
  type C = QueryCardResponse['Card'];
  const code = leaf<C>(c, 'CardState');
  const state = Object.hasOwn(CARD_STATES, code) ? CARD_STATES[code] : undefined;
  if (state === undefined) throw new HsbProtocolError(`<CardState> "${code}" is not 0, 1 or 2`);
  return { cardNo: requiredLeaf<C>(c, 'CardNo'), patientId: requiredLeaf<C>(c, 'PatientId'), state };
}

// ---- GetPatientQrCode

export function toPatientQrCode(body: XmlNode): PatientQrCode {
  type Q = GetPatientQrCodeResponse;
  const wall = leaf<Q>(body, 'ExpireTime');
  const ms = wallTimeInstant(wall);
  if (ms === undefined) throw new HsbProtocolError(`<ExpireTime> "${wall}" is not a Shanghai wall time`);
  return { code: requiredLeaf<Q>(body, 'QrCode'), expiresAt: new Date(ms).toISOString() };
}
