/** Test support of the patient-experience tests (issue 16). */
import type { CloudCall } from './journey';
import { data } from './journey';

/** Someone to bind: real-name fields as `patient.add` takes them. */
export interface Person {
  name: string;
  idCardNo: string;
  phone: string;
}

/** Binds `person` to the caller's account as 本人 and answers the hospital's patient id (the one place tests add patients). */
export async function bindPatient(call: CloudCall, person: Person): Promise<string> {
  return data<{ patientId: string }>(await call('patient.add', { ...person, relation: '本人' })).patientId;
}
