/**
 * Binding proves possession, in HSB terms: who a binding is about as HSB fields (document codes,
 * sex 1/2) and the challenge answered by SendVerificationCode.
 */
import type { DocType } from '../../../typings/patient';
import type { HsbDocType, SendVerificationCodeResponse } from '../../../typings/hsb';
import type { PersonIdentity } from '../../../typings/frontmachine';
import type { CodeChallenge } from '../hospital/port';
import { HsbProtocolError } from './envelope';
import { isNode, requiredLeaf, wallTimeInstant } from './fields';

/** Our document types → the HSB's codes. */
export const HSB_DOC_TYPES: Record<DocType, HsbDocType> = {
  id_card: '01',
  birth_certificate: '02',
  hk_macau_permit: '03',
  taiwan_permit: '04',
  passport: '05',
};

/** The person's HSB fields (SendVerificationCode BIND and RegisterPatient share them). */
export function personFields(p: PersonIdentity) {
  return {
    PatientName: p.name,
    DocType: HSB_DOC_TYPES[p.docType ?? 'id_card'],
    IdCardNo: p.idCardNo,
    BirthDate: p.birthDate,
    Sex: p.sex === undefined ? undefined : p.sex === 'M' ? ('1' as const) : ('2' as const),
    Phone: p.phone,
    GuardianName: p.guardian?.name,
    GuardianIdCardNo: p.guardian?.idCardNo,
  };
}

export function toCodeChallenge(body: Record<string, unknown>): CodeChallenge {
  const c = body['Challenge' satisfies keyof SendVerificationCodeResponse];
  if (!isNode(c)) throw new HsbProtocolError('<Challenge> is missing');
  type C = SendVerificationCodeResponse['Challenge'];
  const instant = (tag: 'ExpireTime' | 'ResendTime') => {
    const ms = wallTimeInstant(requiredLeaf<C>(c, tag));
    if (ms === undefined) throw new HsbProtocolError(`<${tag}> is not a Shanghai wall time`);
    return new Date(ms).toISOString();
  };
  return { challengeId: requiredLeaf<C>(c, 'ChallengeNo'), sentTo: requiredLeaf<C>(c, 'SentTo'), expiresAt: instant('ExpireTime'), resendAfter: instant('ResendTime') };
}
