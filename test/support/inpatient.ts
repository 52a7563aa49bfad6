/**
 * Inpatient tests' one way to bind a patient (so the coming patient.sendCode + smsCode change of
 * patient.add touches this file only), and the ward's controls.
 */
import type { PatientAddResponse } from '../../typings/patient';
import { bindPatient as bindThroughCode, sandboxInbox, type ApiCall, type PersonToBind } from '../../scripts/bind-patient';
import { data, post, type CloudCall } from './journey';

/** Binds `person` to the caller's account through patient.add; answers the hospital's patient id. */
export async function bindPatient(call: CloudCall, person: PersonToBind, hospitalUrl: string): Promise<string> {
  return data<PatientAddResponse>(await bindThroughCode(call as ApiCall, person, sandboxInbox(hospitalUrl))).patientId;
}

/** The ward admits the patient (`POST /sandbox/admissions`); `deposit` in fen taken at the cashier. */
export async function admit(hospitalUrl: string, patientId: string, deposit?: number): Promise<{ stayId: string; admissionNo: string }> {
  const res = await post(`${hospitalUrl}/sandbox/admissions`, deposit === undefined ? { patientId } : { patientId, deposit });
  if (res.status !== 200) throw new Error(`admission refused: ${JSON.stringify(res.json)}`);
  return res.json as unknown as { stayId: string; admissionNo: string };
}

/** The ward discharges (and, unless `settle: false`, settles) the stay. */
export async function discharge(hospitalUrl: string, admissionNo: string, settle = true): Promise<Record<string, unknown>> {
  const res = await post(`${hospitalUrl}/sandbox/admissions/${admissionNo}/discharge`, { settle });
  if (res.status !== 200) throw new Error(`discharge refused: ${JSON.stringify(res.json)}`);
  return res.json;
}
