import { DEV_QR_KEY, PatientQrCodes, QR_LIFETIME_SECONDS } from './qrcode';

const NOW = Date.UTC(2026, 10, 26, 1, 30, 0, 250); // 09:30:00.250 in Shanghai
const codes = new PatientQrCodes('hospital-key-0123456789');

describe('check-in codes', () => {
  it('carry the patient and an expiry 5 minutes on, in whole seconds, signed in 22 base64url characters', () => {
    const { code, expiresAtMs } = codes.issue('P10000001', NOW);
    expect(QR_LIFETIME_SECONDS).toBe(300);
    expect(expiresAtMs).toBe(Date.UTC(2026, 10, 26, 1, 35, 0));
    expect(code).toMatch(new RegExp(`^PHQR1\\.P10000001\\.${expiresAtMs / 1000}\\.[A-Za-z0-9_-]{22}$`));
    expect(codes.issue('P10000001', NOW).code).toBe(code);
    expect(codes.issue('P10000002', NOW).code).not.toBe(code);
  });

  it('verify until the second before expiry, then answer expired', () => {
    const { code, expiresAtMs } = codes.issue('P10000001', NOW);
    expect(codes.verify(code, NOW)).toEqual({ valid: true, patientId: 'P10000001', expiresAtMs });
    expect(codes.verify(code, expiresAtMs - 1)).toMatchObject({ valid: true });
    expect(codes.verify(code, expiresAtMs)).toEqual({ valid: false, reason: 'expired', patientId: 'P10000001' });
    expect(codes.verify(` ${code}\n`, NOW)).toMatchObject({ valid: true });
  });

  it('refuse a code signed with another key, or altered in any part', () => {
    const { code } = codes.issue('P10000001', NOW);
    expect(new PatientQrCodes(DEV_QR_KEY).verify(code, NOW)).toEqual({ valid: false, reason: 'bad_signature' });
    const [prefix, patient, expiry, signature] = code.split('.') as [string, string, string, string];
    const later = String(Number(expiry) + 3600);
    expect(codes.verify([prefix, 'P10000002', expiry, signature].join('.'), NOW)).toEqual({ valid: false, reason: 'bad_signature' });
    expect(codes.verify([prefix, patient, later, signature].join('.'), NOW)).toEqual({ valid: false, reason: 'bad_signature' });
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    expect(codes.verify([prefix, patient, expiry, flipped].join('.'), NOW)).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('does not tell whether a forged code has expired', () => {
    const { code } = codes.issue('P10000001', NOW - 3_600_000);
    expect(new PatientQrCodes('another-key').verify(code, NOW)).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it.each(['', 'hello', 'PHQR1.P1.1.', 'PHQR2.P10000001.1795656900.AAAAAAAAAAAAAAAAAAAAAA', 'PHQR1.X1.1795656900.AAAAAAAAAAAAAAAAAAAAAA', 'PHQR1.P1.soon.AAAAAAAAAAAAAAAAAAAAAA', 'PHQR1.P1.1795656900.AAAA', 'PHQR1.P1.1795656900.AAAAAAAAAAAAAAAAAAAAAA.x', 'PHQR1.P1.1795656900.AAAAAAAAAAAAAAAAAAAA+/'])(
    'call %j malformed',
    (code) => {
      expect(codes.verify(code, NOW)).toEqual({ valid: false, reason: 'malformed' });
    },
  );

  it('refuse an empty key', () => {
    expect(() => new PatientQrCodes('')).toThrow(RangeError);
  });
});
