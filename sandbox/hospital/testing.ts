/** Helpers for tests that talk HSB to a hospital in-process: build the request, parse the answer. */
import type { HsbEnvelope, HsbServiceName, HsbServices } from '../../typings/hsb';
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import type { Hospital } from './hospital';
import { buildRequest, parseEnvelope } from './xml';

let sequence = 0;

/** Sends one request through `hospital.handle` and parses the answer (lists as arrays). */
export async function callHsb<S extends HsbServiceName>(
  hospital: Hospital,
  service: S,
  body: Partial<Record<keyof HsbServices[S]['request'], string>> | Record<string, string> = {},
  messageId = `test-${++sequence}`,
): Promise<HsbEnvelope<HsbServices[S]['response']>> {
  const xml = await hospital.handle(buildRequest(service, messageId, '2026-11-26 09:30:00', body));
  return parseEnvelope(xml) as HsbEnvelope<HsbServices[S]['response']>;
}

/** A valid ID number from its first 17 digits (region, birth date `YYYYMMDD`, sequence; odd = male). */
export function validIdCard(first17: string): string {
  return first17 + idCardCheckChar(first17);
}

/** The i-th of many distinct valid adult ID numbers (tests and benchmarks that need crowds). */
export function nthIdCard(i: number): string {
  const year = 1960 + (Math.floor(i / 336) % 40);
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0');
  const seq = String(100 + Math.floor(i / 13440)).padStart(3, '0');
  return validIdCard(`110105${year}${month}${day}${seq}`);
}
