/**
 * Binding a patient as the app does, for tests, the demo and the benches — the one place that adds
 * patients outside the mini program: consent to the privacy guide → `patient.sendCode` → the code
 * from the SMS the hospital sent → `patient.add` with the challenge and the code.
 */
import type { ActionName, ActionRequest, ApiResult } from '../typings/api';
import type { PatientAddRequest } from '../typings/patient';
import { PRIVACY_GUIDE_VERSION } from '../miniprogram/core/privacy';

/** Calls the `api` function as one WeChat user. */
export type ApiCall = <A extends ActionName>(action: A, data: ActionRequest<A>) => Promise<ApiResult<A>>;

/** The patient's phone: the newest code the hospital sent to `phone` (for the challenge, where the inbox can tell), if any. */
export type SmsInbox = (phone: string, challengeId: string) => Promise<string | undefined>;

/** Who to bind: patient.add's fields without the challenge and the code. */
export type PersonToBind = Omit<PatientAddRequest, 'challengeId' | 'smsCode'>;

/** The sandbox hospital's SMS gateway (`GET /sandbox/sms?phone=`), read as the patient reads their phone. */
export function sandboxInbox(hospitalUrl: string): SmsInbox {
  return async (phone) => {
    const res = await fetch(`${hospitalUrl}/sandbox/sms?phone=${encodeURIComponent(phone)}`);
    const { messages } = (await res.json()) as { messages?: { text: string }[] };
    return /验证码为(\d{6})/.exec(messages?.[0]?.text ?? '')?.[1];
  };
}

/**
 * Binds `person` to the caller. Answers patient.add's result, or patient.sendCode's failure. When no
 * code reached the phone (the hospital's record does not match), a wrong code is sent, as a
 * stranger would, and the hospital's neutral refusal comes back.
 */
export async function bindPatient(call: ApiCall, person: PersonToBind, inbox: SmsInbox): Promise<ApiResult<'patient.add'>> {
  const consent = await call('privacy.consent', { version: PRIVACY_GUIDE_VERSION });
  if (!consent.ok) return consent;
  const { relation: _relation, ...identity } = person;
  const sent = await call('patient.sendCode', identity);
  if (!sent.ok) return sent;
  const code = (await inbox(person.phone, sent.data.challengeId)) ?? '000000';
  return call('patient.add', { ...person, challengeId: sent.data.challengeId, smsCode: code });
}
