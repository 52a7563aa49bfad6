/** The front machine's configuration, read once from the environment at start. */
import { isDevelopment, secretRefusal } from '../../protocol/development';

/** Everything the front machine needs to run; `loadConfig` builds it from the environment. */
export interface FrontMachineConfig {
  /** 0 picks a random free port (tests). */
  port: number;
  host: string;
  /** Shared HMAC key with the cloud functions; never logged. */
  hmacKey: string;
  /** Base URL of the hospital service bus; the adapter posts to `${hsbUrl}/hsb`. */
  hsbUrl: string;
  hsbTimeoutMs: number;
  /** Most HSB calls in flight at once; the rest wait in a queue. */
  hsbConcurrency: number;
  /** Cache lifetime of reference data (hospital info, departments, doctors), seconds. */
  refTtlS: number;
  /** Cache lifetime of schedules (remaining slots move), seconds. */
  scheduleTtlS: number;
  /** SQLite file of the store (nonces, idempotency records); ':memory:' for one process. */
  storePath: string;
  logLevel: string;
  /** How often the event outbox polls the hospital's QueryEvents, seconds; 0 only when asked (push). */
  eventPollS: number;
}

/** Only for development: anyone reading this repository knows it. */
export const DEV_HMAC_KEY = 'dev-only-insecure-front-machine-key';
const MIN_KEY_LENGTH = 16;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  return n;
}

function text(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? fallback : raw.trim();
}

/**
 * Reads the configuration from `env`. Fails closed: without PALM_DEV=1 it refuses to start unless
 * `FM_HMAC_KEY` is set, not a key published in the repository, and long enough; with PALM_DEV=1
 * (the local stack, tests) it falls back to an obvious development key and warns through `warn`.
 */
export function loadConfig(env: NodeJS.ProcessEnv, warn: (message: string) => void = (m) => process.stderr.write(`WARNING: ${m}\n`)): FrontMachineConfig {
  let hmacKey = env.FM_HMAC_KEY ?? '';
  if (!isDevelopment(env)) {
    const refused = secretRefusal('FM_HMAC_KEY', hmacKey);
    if (refused) throw new Error(`${refused} (the HMAC key shared with the cloud functions)`);
  } else if (hmacKey === '') {
    warn('FM_HMAC_KEY is not set: using the public development key; never run like this outside development');
    hmacKey = DEV_HMAC_KEY;
  } else if (hmacKey.length < MIN_KEY_LENGTH) {
    warn(`FM_HMAC_KEY is shorter than ${MIN_KEY_LENGTH} characters`);
  }
  const hsbUrl = text(env, 'HSB_URL', 'http://127.0.0.1:7101').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(hsbUrl)) throw new Error(`HSB_URL must be an http(s) URL, got "${hsbUrl}"`);
  const logLevel = text(env, 'LOG_LEVEL', 'info');
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  return {
    port: integer(env, 'FM_PORT', 7102, 0, 65535),
    host: text(env, 'FM_HOST', '127.0.0.1'),
    hmacKey,
    hsbUrl,
    hsbTimeoutMs: integer(env, 'HSB_TIMEOUT_MS', 5000, 1, 600_000),
    hsbConcurrency: integer(env, 'HSB_CONCURRENCY', 16, 1, 10_000),
    refTtlS: integer(env, 'FM_REF_TTL_S', 600, 0, 86_400 * 7),
    scheduleTtlS: integer(env, 'FM_SCHEDULE_TTL_S', 10, 0, 86_400),
    storePath: text(env, 'FM_STORE', ':memory:'),
    logLevel,
    eventPollS: integer(env, 'FM_EVENT_POLL_S', 15, 0, 3600),
  };
}
