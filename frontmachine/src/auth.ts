/**
 * Authentication of every request but `GET /health` (which says only `{ok, version}`): the HMAC signature of
 * protocol/signature.ts over the raw body, a ±300 s timestamp window and one-time nonces.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthRefusal } from '../../typings/frontmachine';
import { FM_HEADERS } from '../../protocol/signature';
import { SIGNATURE_WINDOW_SECONDS, signatureMatches } from '../../protocol/signature';
import type { FrontMachineStore } from './store';

export type AuthVerdict = { ok: true } | { ok: false; reason: AuthRefusal };

/** Nonces are remembered twice as long as a timestamp stays acceptable, so no replay outlives its memory. */
export const NONCE_KEEP_MS = 2 * SIGNATURE_WINDOW_SECONDS * 1000;

/** The message of each refusal (the cloud logs it; Chinese like every message of the contract). */
export const REFUSAL_MESSAGES: Record<AuthRefusal, string> = {
  unsigned: '请求未签名，已拒绝',
  bad_signature: '请求签名无效，已拒绝',
  stale_timestamp: '请求时间已过期，请校准服务器时间后重试',
  replayed_nonce: '重复的请求，已拒绝',
};

export interface SignedRequest {
  method: string;
  /** Path with query string, exactly as received. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Raw body bytes as received (empty when there is none). */
  body: Buffer;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  // A repeated header is as good as none: which copy was signed is unknowable.
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Checks in the order unsigned, stale, bad signature, replay, so a request that fails an earlier
 * check never burns its nonce.
 */
export function verifyRequest(req: SignedRequest, key: string, nowMs: number, store: FrontMachineStore): AuthVerdict {
  const timestamp = header(req.headers, FM_HEADERS.timestamp);
  const nonce = header(req.headers, FM_HEADERS.nonce);
  const signature = header(req.headers, FM_HEADERS.signature);
  if (timestamp === undefined || nonce === undefined || signature === undefined) return { ok: false, reason: 'unsigned' };

  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'stale_timestamp' };
  const skewS = Number(timestamp) - Math.floor(nowMs / 1000);
  if (Math.abs(skewS) > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'stale_timestamp' };

  if (nonce.length > 128) return { ok: false, reason: 'bad_signature' };
  if (!signatureMatches(key, { method: req.method, path: req.path, timestamp, nonce, body: req.body }, signature)) {
    return { ok: false, reason: 'bad_signature' };
  }

  if (!store.claimNonce(nonce, nowMs, nowMs + NONCE_KEEP_MS)) return { ok: false, reason: 'replayed_nonce' };
  return { ok: true };
}
