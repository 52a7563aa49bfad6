/**
 * The front machine's request signature (docs/architecture.md#trust), shared by its clients and its verifier:
 * HMAC-SHA256 over `METHOD\nPATH\nTIMESTAMP\nNONCE\nSHA256(body)`, hex encoded.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** Header names of the signature scheme. */
export const FM_HEADERS = {
  timestamp: 'x-fm-timestamp',
  nonce: 'x-fm-nonce',
  signature: 'x-fm-signature',
  idempotencyKey: 'idempotency-key',
} as const;

/** Requests older or newer than this many seconds are refused. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export interface SignedParts {
  method: string;
  /** Path with query string, exactly as sent. */
  path: string;
  /** Unix seconds, decimal. */
  timestamp: string;
  nonce: string;
  /** The body exactly as sent: a string is hashed as its UTF-8 bytes, a Buffer as is. */
  body: string | Buffer;
}

export function canonicalString(parts: SignedParts): string {
  const bodyHash = typeof parts.body === 'string' ? createHash('sha256').update(parts.body, 'utf8').digest('hex') : createHash('sha256').update(parts.body).digest('hex');
  return [parts.method.toUpperCase(), parts.path, parts.timestamp, parts.nonce, bodyHash].join('\n');
}

export function sign(key: string, parts: SignedParts): string {
  return createHmac('sha256', key).update(canonicalString(parts), 'utf8').digest('hex');
}

/** Constant-time comparison of a presented signature with the expected one. */
export function signatureMatches(key: string, parts: SignedParts, presented: string): boolean {
  // Buffer.from(…, 'hex') silently stops at the first non-hex character, so insist on exact hex first.
  if (!/^[0-9a-fA-F]{64}$/.test(presented)) return false;
  const expected = Buffer.from(sign(key, parts), 'hex');
  const given = Buffer.from(presented, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The headers a client adds to a request it sends at `nowMs`. */
export function signedHeaders(key: string, method: string, path: string, body: string | Buffer, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = randomUUID();
  return {
    [FM_HEADERS.timestamp]: timestamp,
    [FM_HEADERS.nonce]: nonce,
    [FM_HEADERS.signature]: sign(key, { method, path, timestamp, nonce, body }),
  };
}
