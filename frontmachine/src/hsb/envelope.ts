/**
 * HSB envelopes (typings/hsb.ts): building requests and parsing responses. Every leaf stays a
 * string ("007" and "25.00" must not become numbers) and repeated elements are always arrays.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { HsbHeader, HsbServiceName } from '../../../typings/hsb';
import { formatHospital } from '../../../miniprogram/core/time';

/** The response did not follow the HSB protocol; the hospital counts as unreachable. */
export class HsbProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HsbProtocolError';
  }
}

/** Elements that repeat, so a single item still parses as a list. */
const REPEATED = new Set([
  'Message.Body.Departments.Department',
  'Message.Body.Doctors.Doctor',
  'Message.Body.Schedules.Schedule',
  'Message.Body.Bills.Bill',
  'Message.Body.Bills.Bill.Items.Item',
  'Message.Body.Payments.Payment',
  'Message.Body.Visits.Visit',
  'Message.Body.Visits.Visit.Bills.Bill',
  'Message.Body.Slots.Slot',
  'Message.Body.Appointments.Appointment',
  'Message.Body.Registrations.Registration',
  // Records and reports (issue 13).
  'Message.Body.Record.Diagnoses.Diagnosis',
  'Message.Body.Prescriptions.Prescription',
  'Message.Body.Prescriptions.Prescription.Drugs.Drug',
  'Message.Body.Reports.Report',
  'Message.Body.Report.Results.Result',
  'Message.Body.Points.Point',
  // Inpatient (住院)
  'Message.Body.Stays.Stay',
  'Message.Body.Items.Item',
  // After the visit (issue 15).
  'Message.Body.Applications.Application',
  'Message.Body.Surveys.Survey',
  'Message.Body.Questions.Question',
  'Message.Body.Invoices.Invoice',
  'Message.Body.Invoices.Invoice.Items.Item',
  // push: hospital events and their fields
  'Message.Body.Events.Event',
  'Message.Body.Events.Event.Fields.Field',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (_name: string, jpath: unknown) => REPEATED.has(String(jpath)),
});
const builder = new XMLBuilder({ ignoreAttributes: false, format: false, suppressEmptyNode: false });

/** A request envelope to `service` sent at `nowMs`, SendTime in Shanghai wall time. */
export function buildRequest(service: HsbServiceName, body: object, messageId: string, nowMs: number): string {
  const header: HsbHeader = { ServiceName: service, MessageId: messageId, SendTime: formatHospital(nowMs), SourceSystem: 'FRONT' };
  // Absent optional fields are left out rather than sent empty.
  const cleanBody = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, Message: { Header: header, Body: cleanBody } }) as string;
}

export interface ParsedResponse {
  header: HsbHeader & { ResultCode: string; ResultMessage: string };
  /** The parsed Body; an empty `<Body/>` is an empty object. */
  body: Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a response envelope; throws HsbProtocolError when it is not one. */
export function parseResponse(xml: string): ParsedResponse {
  if (XMLValidator.validate(xml) !== true) throw new HsbProtocolError('response is not well-formed XML');
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (e) {
    throw new HsbProtocolError(`response could not be parsed: ${(e as Error).message}`);
  }
  const message = isRecord(doc) ? doc.Message : undefined;
  if (!isRecord(message) || !isRecord(message.Header)) throw new HsbProtocolError('response has no Message/Header');
  const h = message.Header;
  const str = (k: string): string => (typeof h[k] === 'string' ? (h[k] as string) : '');
  const resultCode = str('ResultCode');
  if (resultCode === '') throw new HsbProtocolError('response header has no ResultCode');
  return {
    header: {
      ServiceName: str('ServiceName'),
      MessageId: str('MessageId'),
      SendTime: str('SendTime'),
      SourceSystem: 'HSB',
      ResultCode: resultCode,
      ResultMessage: str('ResultMessage'),
    },
    body: isRecord(message.Body) ? message.Body : {},
  };
}
