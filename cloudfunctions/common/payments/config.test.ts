import fc from 'fast-check';
import { ConfigError } from '../config';
import { billOrderNo, loadPaymentConfig, refundNoOf } from '.';

describe('payment configuration', () => {
  test('development defaults: 10-minute orders, 30-minute confirmation deadline', () => {
    expect(loadPaymentConfig({ PALM_DEV: '1' })).toEqual({ subMchId: '1900000109', envId: 'local', orderTtlMs: 600_000, confirmDeadlineMs: 1_800_000 });
    expect(loadPaymentConfig({ PALM_DEV: '1', ORDER_TTL_MINUTES: '15', CONFIRM_DEADLINE_MINUTES: '60', WXPAY_SUB_MCH_ID: '1600000001', CLOUD_ENV: 'prod-1a2b' })).toEqual({
      subMchId: '1600000001',
      envId: 'prod-1a2b',
      orderTtlMs: 900_000,
      confirmDeadlineMs: 3_600_000,
    });
  });

  test('production (anything without PALM_DEV=1) requires every payment variable, and never the sample merchant', () => {
    const full = { WXPAY_SUB_MCH_ID: '1600000001', CLOUD_ENV: 'prod-1a2b', ORDER_TTL_MINUTES: '10', CONFIRM_DEADLINE_MINUTES: '30' };
    expect(loadPaymentConfig(full).subMchId).toBe('1600000001');
    for (const name of ['WXPAY_SUB_MCH_ID', 'CLOUD_ENV', 'ORDER_TTL_MINUTES', 'CONFIRM_DEADLINE_MINUTES']) {
      expect(() => loadPaymentConfig({ ...full, [name]: '' })).toThrow(new ConfigError(`${name} is required (set PALM_DEV=1 only for the local stack)`));
    }
    expect(() => loadPaymentConfig({ ...full, WXPAY_SUB_MCH_ID: '1900000109' })).toThrow(/sample merchant/);
  });

  test('malformed values are refused, naming the variable', () => {
    expect(() => loadPaymentConfig({ PALM_DEV: '1', ORDER_TTL_MINUTES: '4' })).toThrow(/at least 5/);
    expect(() => loadPaymentConfig({ PALM_DEV: '1', CONFIRM_DEADLINE_MINUTES: '1.5' })).toThrow(/CONFIRM_DEADLINE_MINUTES/);
    expect(() => loadPaymentConfig({ PALM_DEV: '1', WXPAY_SUB_MCH_ID: '19-00' })).toThrow(/WXPAY_SUB_MCH_ID/);
  });
});

describe('order and refund numbers', () => {
  test('deterministic per (patient, bill set, attempt), whatever the order of the bills; ≤ 32 characters of WeChat’s alphabet', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 100 }), (patientId, billIds, attempt) => {
          const no = billOrderNo(patientId, billIds, attempt);
          expect(no).toMatch(/^[0-9A-Za-z]{1,32}$/);
          expect(billOrderNo(patientId, [...billIds].reverse(), attempt)).toBe(no);
          expect(billOrderNo(patientId, billIds, attempt + 1)).not.toBe(no);
          expect(refundNoOf(no)).toBe(`R${no}`);
        },
      ),
    );
  });
});
