/**
 * Configuration fails closed (docs/architecture.md#trust): WeChat cloud functions run without NODE_ENV, so
 * production is the default everywhere, and only the local stack and the tests opt into development
 * values, explicitly, with PALM_DEV=1. Shared by the cloud functions and the front machine.
 */

/** True only when the environment opts into development values on purpose. */
export function isDevelopment(env: Record<string, string | undefined>): boolean {
  return env.PALM_DEV === '1';
}

/**
 * Keys printed in this repository (development defaults, documentation examples): anyone can read
 * them, so production refuses every one of them whatever its length.
 */
export const REPOSITORY_KEYS: readonly string[] = [
  'palm-hospital-local-dev-key-change-me',
  'dev-only-insecure-front-machine-key',
  'example-key-do-not-use-0123456789',
  'palm-hospital-dev-id-hmac-key-not-for-production',
  'test-id-hmac-key',
];

/** A production secret must be at least this long (32 random bytes as hex are 64). */
export const MIN_PRODUCTION_KEY_LENGTH = 32;

/** Why a production secret is refused, or undefined when it is acceptable. */
export function secretRefusal(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return `${name} is required (set PALM_DEV=1 only for the local stack)`;
  if (REPOSITORY_KEYS.includes(value)) return `${name} must not be a key published in the repository`;
  if (value.length < MIN_PRODUCTION_KEY_LENGTH) return `${name} must be at least ${MIN_PRODUCTION_KEY_LENGTH} characters`;
  return undefined;
}
