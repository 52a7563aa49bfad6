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
