/**
 * Keyed digests that let the cloud recognise a person without keeping their data (docs/architecture.md#trust):
 * the ID number's HMAC finds duplicates; no digest here can be reversed without ID_HMAC_KEY.
 */
import { createHmac } from 'node:crypto';
import { normalizeIdCard } from '../../miniprogram/core/idcard';

/** HMAC-SHA256 (hex) of the normalised ID number: the same person gives the same value, whatever they typed. */
export function idCardHmac(key: string, idCardNo: string): string {
  return createHmac('sha256', key).update(normalizeIdCard(idCardNo), 'utf8').digest('hex');
}

/** HMAC-SHA256 (hex) of parts joined unambiguously (JSON), for deterministic keys that reveal none of them. */
export function keyedDigest(key: string, parts: readonly unknown[]): string {
  return createHmac('sha256', key).update(JSON.stringify(parts), 'utf8').digest('hex');
}
