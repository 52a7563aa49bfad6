/**
 * Configuration of the cloud functions, from their environment (set per function in the cloud
 * console). Fails closed: WeChat runs functions without NODE_ENV, so production is the default and
 * only PALM_DEV=1 (the local stack, tests) allows development values.
 */
import { isDevelopment, secretRefusal } from '../../protocol/development';

export interface CloudConfig {
  /** Base URL of the front machine, e.g. https://fm.hospital.example (no trailing /v1). */
  frontMachineUrl: string;
  /** HMAC key shared with the front machine; undefined when not configured (every call then fails loudly). */
  frontMachineKey: string | undefined;
  /** Give up on a front-machine call after this many milliseconds. */
  frontMachineTimeoutMs: number;
  /** Key of the ID-number HMAC kept in `accounts` to find duplicates without keeping the number (ID_HMAC_KEY). */
  idHmacKey: string;
}

export const DEFAULT_FRONT_MACHINE_URL = 'http://127.0.0.1:7102';
export const DEFAULT_FRONT_MACHINE_TIMEOUT_MS = 8000;
/** Development only: production refuses to start without its own ID_HMAC_KEY. */
export const DEV_ID_HMAC_KEY = 'palm-hospital-dev-id-hmac-key-not-for-production';
/** A production ID_HMAC_KEY shorter than this is refused (it must resist guessing ID numbers offline). */
export const MIN_PRODUCTION_ID_HMAC_KEY_LENGTH = 32;
export { isDevelopment };

/** A configuration the function cannot run with; the message is for operators, never for patients. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function idHmacKey(env: Record<string, string | undefined>): string {
  const key = env.ID_HMAC_KEY;
  if (isDevelopment(env)) return key === undefined || key === '' ? DEV_ID_HMAC_KEY : key;
  // Changing the key later orphans every stored HMAC (duplicates go unnoticed), so production must set it once, on purpose.
  const refused = secretRefusal('ID_HMAC_KEY', key);
  if (refused) throw new ConfigError(refused);
  return key as string;
}

/** The front machine's address: in production an https:// URL, set on purpose (personal data crosses it). */
function frontMachineUrl(env: Record<string, string | undefined>): string {
  const url = (env.FRONT_MACHINE_URL ?? '').trim().replace(/\/+$/, '');
  if (isDevelopment(env)) return url || DEFAULT_FRONT_MACHINE_URL;
  if (url === '') throw new ConfigError('FRONT_MACHINE_URL is required (set PALM_DEV=1 only for the local stack)');
  if (!/^https:\/\/[^/\s]+/.test(url)) throw new ConfigError('FRONT_MACHINE_URL must be an https:// URL in production');
  return url;
}

function frontMachineKey(env: Record<string, string | undefined>): string | undefined {
  const key = env.FRONT_MACHINE_KEY;
  if (isDevelopment(env)) return key === undefined || key === '' ? undefined : key;
  const refused = secretRefusal('FRONT_MACHINE_KEY', key);
  if (refused) throw new ConfigError(refused);
  return key;
}

/** Read at call time, not at module load, so a changed environment takes effect. Throws ConfigError when unusable. */
export function loadCloudConfig(env: Record<string, string | undefined> = process.env): CloudConfig {
  return {
    frontMachineUrl: frontMachineUrl(env),
    frontMachineKey: frontMachineKey(env),
    frontMachineTimeoutMs: positiveInt(env.FRONT_MACHINE_TIMEOUT_MS, DEFAULT_FRONT_MACHINE_TIMEOUT_MS),
    idHmacKey: idHmacKey(env),
  };
}
