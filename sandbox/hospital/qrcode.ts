/**
 * The electronic check-in code (电子就诊码): `PHQR1.<patientId>.<expiry epoch s>.<signature>`, the
 * signature an HMAC-SHA256 (base64url, first 22 characters = 132 bits) over everything before it,
 * with a key only the hospital holds. Kiosks and clinics verify it against the hospital clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const QR_PREFIX = 'PHQR1';
/** How long a code is good for, from the hospital clock's now. */
export const QR_LIFETIME_SECONDS = 5 * 60;
/** Only for development: anyone reading this repository knows it. */
export const DEV_QR_KEY = 'sandbox-dev-qr-key-not-a-secret';
const SIGNATURE_LENGTH = 22;
const CODE = /^PHQR1\.(P\d{1,18})\.(\d{1,12})\.([A-Za-z0-9_-]+)$/;

export interface IssuedQrCode {
  code: string;
  /** Epoch ms; the code is refused from this instant on. */
  expiresAtMs: number;
}

export type QrVerdict =
  | { valid: true; patientId: string; expiresAtMs: number }
  | { valid: false; reason: 'malformed' | 'bad_signature' | 'expired'; patientId?: string };

export class PatientQrCodes {
  constructor(private readonly key: string) {
    if (key === '') throw new RangeError('the QR signing key must not be empty');
  }

  /** A code for `patientId` that expires QR_LIFETIME_SECONDS after `nowMs` (whole seconds). */
  issue(patientId: string, nowMs: number): IssuedQrCode {
    const expiry = Math.floor(nowMs / 1000) + QR_LIFETIME_SECONDS;
    const signed = `${QR_PREFIX}.${patientId}.${expiry}`;
    return { code: `${signed}.${this.sign(signed)}`, expiresAtMs: expiry * 1000 };
  }

  /** Checks form, then signature, then expiry (so a forged code never learns whether it expired). */
  verify(code: string, nowMs: number): QrVerdict {
    const m = CODE.exec(code.trim());
    const [patientId, expiry, signature] = [m?.[1], m?.[2], m?.[3]];
    if (patientId === undefined || expiry === undefined || signature === undefined || signature.length !== SIGNATURE_LENGTH) {
      return { valid: false, reason: 'malformed' };
    }
    const expected = Buffer.from(this.sign(`${QR_PREFIX}.${patientId}.${expiry}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'bad_signature' };
    const expiresAtMs = Number(expiry) * 1000;
    if (nowMs >= expiresAtMs) return { valid: false, reason: 'expired', patientId };
    return { valid: true, patientId, expiresAtMs };
  }

  private sign(signed: string): string {
    return createHmac('sha256', this.key).update(signed, 'utf8').digest('base64url').slice(0, SIGNATURE_LENGTH);
  }
}
