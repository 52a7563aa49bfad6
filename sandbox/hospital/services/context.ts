/** What every HSB service handler gets and answers: the hospital's db and time, a tagged outcome. */
import type { HospitalDate } from '../../../typings/hospital';
import type { Schema } from '../../../miniprogram/core/validate';
import { validate } from '../../../miniprogram/core/validate';
import type { HospitalDb } from '../db';
import type { PatientQrCodes } from '../qrcode';
import type { VerificationCodes } from '../verification';

export interface ServiceContext {
  db: HospitalDb;
  /** The hospital's current instant (its clock, never the machine's). */
  now(): number;
  /** The hospital's date today. */
  today(): HospitalDate;
  /** The dates the hospital publishes (today and the 6 after), their schedules generated. */
  publishedDates(): HospitalDate[];
  /** Issues and verifies check-in codes with the hospital's own key. */
  qrCodes: PatientQrCodes;
  /** Verification challenges and the SMS gateway. */
  codes: VerificationCodes;
}

/** Result codes a handler may refuse with; 9999 is the dispatcher's (faults, exceptions). */
export type RefusalCode = '1001' | '1002' | '2001' | '2002' | '2003';

export type ServiceOutcome<B> = { code: '0'; body: B } | { code: RefusalCode; message: string };

/** A service: the request body (parsed XML, leaves as strings) in, an outcome out. */
export type ServiceHandler<B> = (body: Record<string, unknown>, ctx: ServiceContext) => ServiceOutcome<B> | Promise<ServiceOutcome<B>>;

export function ok<B>(body: B): ServiceOutcome<B> {
  return { code: '0', body };
}

export function refuse(code: RefusalCode, message: string): { code: RefusalCode; message: string } {
  return { code, message };
}

/** Reads the body against a schema; a refusal is 1002 with the field named in Chinese. */
export function readParams<T>(schema: Schema, body: Record<string, unknown>): { ok: true; value: T } | { ok: false; refusal: { code: RefusalCode; message: string } } {
  const result = validate<T>(schema, body);
  return result.ok ? { ok: true, value: result.value } : { ok: false, refusal: refuse('1002', result.message) };
}
