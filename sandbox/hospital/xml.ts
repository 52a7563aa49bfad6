/**
 * The HSB envelope on the wire (typings/hsb.ts): parsing requests, building responses. Leaves are
 * strings, repeated elements are arrays, an empty list is an empty container element.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { HsbEnvelope, HsbHeader, HsbResultCode } from '../../typings/hsb';

/** Elements that repeat inside a list container; parsed as arrays even when one is present. */
export const HSB_LIST_ELEMENTS: readonly string[] = ['Department', 'Doctor', 'Bill', 'Item', 'Payment', 'Visit', 'Slot', /* push */ 'Event', 'Field'];

/** List items whose tag is also a single element elsewhere (a bill's own BillNo, QuerySlots' Schedule, a booked Appointment): arrays only inside their container. */
export const HSB_LIST_PATHS: readonly string[] = [
  'BillNos.BillNo',
  'Schedules.Schedule',
  'Appointments.Appointment',
  'Registrations.Registration',
  // Records and reports (issue 13).
  'Diagnoses.Diagnosis',
  'Prescriptions.Prescription',
  'Drugs.Drug',
  'Reports.Report',
  'Results.Result',
  'Points.Point',
  // Inpatient (住院).
  'Stays.Stay',
  // After the visit (issue 15).
  'Applications.Application',
  'Surveys.Survey',
  'Questions.Question',
  'Answers.Answer',
  'Invoices.Invoice',
];

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name, jpath) => HSB_LIST_ELEMENTS.includes(name) || HSB_LIST_PATHS.some((path) => String(jpath).endsWith(`.${path}`)),
});

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false });

/** A request's header as far as it could be read, to echo in the answer. */
export interface RequestHeader {
  ServiceName: string;
  MessageId: string;
}

export type ParsedRequest =
  | { ok: true; header: RequestHeader; body: Record<string, unknown> }
  | { ok: false; header: RequestHeader; message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads one request envelope; every way it can be malformed becomes a Chinese message. */
export function parseRequest(xml: string): ParsedRequest {
  const header: RequestHeader = { ServiceName: '', MessageId: '' };
  const refuse = (message: string): ParsedRequest => ({ ok: false, header, message });
  if (xml.trim() === '') return refuse('报文为空');
  // HSB messages never carry a DTD; refusing it rules out entity expansion attacks.
  if (/<!DOCTYPE/i.test(xml)) return refuse('报文不允许包含DTD声明');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return refuse(`报文不是有效的XML（第${valid.err.line}行第${valid.err.col}列）`);
  const doc: unknown = parser.parse(xml);
  if (!isRecord(doc) || Object.keys(doc).length !== 1 || !isRecord(doc.Message)) return refuse('报文根元素应为Message');
  const message = doc.Message;
  if (!isRecord(message.Header)) return refuse('缺少报文头Header');
  const { ServiceName, MessageId } = message.Header;
  if (typeof ServiceName === 'string') header.ServiceName = ServiceName;
  if (typeof MessageId === 'string') header.MessageId = MessageId;
  if (header.ServiceName === '') return refuse('缺少服务名ServiceName');
  if (header.MessageId === '') return refuse('缺少报文编号MessageId');
  const body = message.Body ?? '';
  if (body === '') return { ok: true, header, body: {} };
  if (!isRecord(body)) return refuse('报文体Body格式不正确');
  return { ok: true, header, body };
}

/** One response envelope, SourceSystem HSB, MessageId echoed. */
export function buildResponse(request: RequestHeader, sendTime: string, code: HsbResultCode, message: string, body: object = {}): string {
  const header: HsbHeader = {
    ServiceName: request.ServiceName,
    MessageId: request.MessageId,
    SendTime: sendTime,
    SourceSystem: 'HSB',
    ResultCode: code,
    ResultMessage: message,
  };
  const envelope: HsbEnvelope<object> = { Header: header, Body: body };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ Message: envelope }) as string}`;
}

/** Parses any HSB envelope (requests in tests, responses for clients), lists as arrays. */
export function parseEnvelope(xml: string): HsbEnvelope<unknown> {
  const doc = parser.parse(xml) as { Message?: HsbEnvelope<unknown> };
  if (!doc.Message) throw new Error('not an HSB envelope');
  return doc.Message;
}

/** Builds a request envelope as the front machine sends it (for tests and tools). */
export function buildRequest(serviceName: string, messageId: string, sendTime: string, body: object = {}): string {
  const header: HsbHeader = { ServiceName: serviceName, MessageId: messageId, SendTime: sendTime, SourceSystem: 'FRONT' };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ Message: { Header: header, Body: body } }) as string}`;
}

/** Fen (integer) to HSB yuan with two decimals: 3500 → "35.00". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
