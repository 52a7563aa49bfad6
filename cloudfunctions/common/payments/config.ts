/**
 * The payment engine's configuration, from the function's environment (cloud console): the merchant,
 * the cloud environment WeChat calls back into, and the ledger's deadlines. Development has defaults;
 * production must set every one on purpose.
 */
import { ConfigError, isDevelopment } from '../config';

export interface PaymentConfig {
  /** WXPAY_SUB_MCH_ID: our (sub-)merchant number; a callback for another merchant is refused. */
  subMchId: string;
  /** CLOUD_ENV: the cloud environment id WeChat Pay calls `payNotify` in. */
  envId: string;
  /** ORDER_TTL_MINUTES (default 10): an unpaid order is closed after this. */
  orderTtlMs: number;
  /** CONFIRM_DEADLINE_MINUTES (default 30): a paid order the hospital has not confirmed by then is refunded. */
  confirmDeadlineMs: number;
}

export const DEV_SUB_MCH_ID = '1900000109';
export const DEV_CLOUD_ENV = 'local';
export const DEFAULT_ORDER_TTL_MINUTES = 10;
export const DEFAULT_CONFIRM_DEADLINE_MINUTES = 30;
/** WeChat refuses to close an order younger than this (closeOrder's documented 5-minute rule). */
export const WECHAT_CLOSE_AFTER_MS = 5 * 60_000;

function setting(env: Record<string, string | undefined>, name: string, devDefault: string): string {
  const v = env[name]?.trim();
  if (v) return v;
  if (!isDevelopment(env)) throw new ConfigError(`${name} is required (set PALM_DEV=1 only for the local stack)`);
  return devDefault;
}

function minutes(env: Record<string, string | undefined>, name: string, devDefault: number): number {
  const raw = setting(env, name, String(devDefault));
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > 7 * 24 * 60) throw new ConfigError(`${name} must be a whole number of minutes (1–10080), got "${raw}"`);
  return n * 60_000;
}

/** Read at call time; throws ConfigError when unusable (the function then answers INTERNAL and logs why). */
export function loadPaymentConfig(env: Record<string, string | undefined> = process.env): PaymentConfig {
  const subMchId = setting(env, 'WXPAY_SUB_MCH_ID', DEV_SUB_MCH_ID);
  if (!/^[0-9A-Za-z]{1,32}$/.test(subMchId)) throw new ConfigError('WXPAY_SUB_MCH_ID must be 1–32 letters or digits');
  // The sample merchant of WeChat's documentation and of this repository: never a real one.
  if (!isDevelopment(env) && subMchId === DEV_SUB_MCH_ID) throw new ConfigError('WXPAY_SUB_MCH_ID must not be the sample merchant in production');
  const orderTtlMs = minutes(env, 'ORDER_TTL_MINUTES', DEFAULT_ORDER_TTL_MINUTES);
  // WeChat closes nothing younger than 5 minutes, so a shorter expiry could never be closed on time.
  if (orderTtlMs < WECHAT_CLOSE_AFTER_MS) throw new ConfigError('ORDER_TTL_MINUTES must be at least 5 (WeChat closes no order younger than 5 minutes)');
  return {
    subMchId,
    envId: setting(env, 'CLOUD_ENV', DEV_CLOUD_ENV),
    orderTtlMs,
    confirmDeadlineMs: minutes(env, 'CONFIRM_DEADLINE_MINUTES', DEFAULT_CONFIRM_DEADLINE_MINUTES),
  };
}
