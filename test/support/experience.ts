/** Test support of the patient-experience tests (issue 16). */
import { bindPatient as bindThroughCode, sandboxInbox } from '../../scripts/bind-patient';
import type { CloudCall } from './journey';
import { data } from './journey';

/** Someone to bind: real-name fields as `patient.add` takes them. */
export interface Person {
  name: string;
  idCardNo: string;
  phone: string;
}

/**
 * Binds `person` to the caller's account as 本人 the way the app does (consent, the hospital's SMS
 * code read from the sandbox at `hospitalUrl`) and answers the hospital's patient id (the one place tests add patients).
 */
export async function bindPatient(call: CloudCall, person: Person, hospitalUrl: string): Promise<string> {
  return data<{ patientId: string }>(await bindThroughCode(call, { ...person, relation: '本人' }, sandboxInbox(hospitalUrl))).patientId;
}
