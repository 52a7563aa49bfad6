/** Signed requests for tests, built with the shared signature module like the cloud's client. */
import { FM_HEADERS } from '../../protocol/signature';
import { sign } from '../../protocol/signature';

export const TEST_KEY = 'test-key-0123456789abcdef';

let counter = 0;

export interface SignOptions {
  method?: string;
  key?: string;
  nonce?: string;
  /** Unix seconds as sent; defaults to `nowMs`. */
  timestamp?: string;
}

/** Headers signing `body` for `path` at `nowMs`. */
export function signHeaders(path: string, body: string, nowMs: number, o: SignOptions = {}): Record<string, string> {
  counter += 1;
  const timestamp = o.timestamp ?? String(Math.floor(nowMs / 1000));
  const nonce = o.nonce ?? `nonce-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`;
  const method = o.method ?? 'POST';
  return {
    'content-type': 'application/json',
    [FM_HEADERS.timestamp]: timestamp,
    [FM_HEADERS.nonce]: nonce,
    [FM_HEADERS.signature]: sign(o.key ?? TEST_KEY, { method, path, timestamp, nonce, body }),
  };
}
