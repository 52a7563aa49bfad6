/** Configuration of the cloud functions, from their environment (set per function in the cloud console). */

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
  if (env.NODE_ENV !== 'production') return key === undefined || key === '' ? DEV_ID_HMAC_KEY : key;
  // Changing the key later orphans every stored HMAC (duplicates go unnoticed), so production must set it once, on purpose.
  if (key === undefined || key === '') throw new ConfigError('ID_HMAC_KEY is required when NODE_ENV=production');
  if (key === DEV_ID_HMAC_KEY) throw new ConfigError('ID_HMAC_KEY must not be the development default in production');
  if (key.length < MIN_PRODUCTION_ID_HMAC_KEY_LENGTH) throw new ConfigError(`ID_HMAC_KEY must be at least ${MIN_PRODUCTION_ID_HMAC_KEY_LENGTH} characters in production`);
  return key;
}

/** Read at call time, not at module load, so a changed environment takes effect. Throws ConfigError when unusable. */
export function loadCloudConfig(env: Record<string, string | undefined> = process.env): CloudConfig {
  const key = env.FRONT_MACHINE_KEY;
  return {
    frontMachineUrl: (env.FRONT_MACHINE_URL || DEFAULT_FRONT_MACHINE_URL).replace(/\/+$/, ''),
    frontMachineKey: key === undefined || key === '' ? undefined : key,
    frontMachineTimeoutMs: positiveInt(env.FRONT_MACHINE_TIMEOUT_MS, DEFAULT_FRONT_MACHINE_TIMEOUT_MS),
    idHmacKey: idHmacKey(env),
  };
}
