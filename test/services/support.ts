/** What the after-the-visit journeys share: the one way they bind a patient, and reading a PDF's text. */
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { bindPatient as bindThroughCode, sandboxInbox } from '../../scripts/bind-patient';
import type { CloudCall } from '../support/journey';
import { data } from '../support/journey';

export interface Person {
  name: string;
  idCardNo: string;
  phone: string;
}

/** A valid ID number from its first 17 digits. */
export function idCard(first17: string): string {
  return first17 + idCardCheckChar(first17);
}

/** Binds a patient to the caller's account as the app does (code sent by the hospital, read from the phone): the only place these tests add patients. */
export async function bindPatient(call: CloudCall, person: Person, hospitalUrl: string): Promise<string> {
  return data<{ patientId: string }>(await bindThroughCode(call, { ...person, relation: '本人' }, sandboxInbox(hospitalUrl))).patientId;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;

/** The text of a PDF, as a reader would extract it. */
export async function pdfText(bytes: Buffer): Promise<string> {
  return (await pdfParse(bytes)).text;
}
