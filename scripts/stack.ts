/**
 * Starts the whole local stack in one process: sandbox hospital → front machine → local cloud.
 * Used by `npm start`, `npm run demo`, the journeys and the benches.
 */
import { startLocalCloud } from '../sandbox/cloud/host';
import { startHospital, type HospitalCoreOptions } from '../sandbox/hospital';
import { loadConfig, startFrontMachine } from '../frontmachine/src';

export interface StackOptions {
  /** Ports; 0 picks a free one. Defaults: 7101, 7102, 7103. */
  hospitalPort?: number;
  frontMachinePort?: number;
  cloudPort?: number;
  /** SQLite files; ':memory:' (the default) keeps nothing. */
  hospitalDb?: string;
  frontMachineStore?: string;
  cloudDb?: string;
  seed?: number;
  /** Initial hospital and cloud clock (ISO or epoch ms); default real time. */
  now?: number | string;
  /** The HMAC key shared by the cloud functions and the front machine. */
  hmacKey?: string;
  /** Extra environment for the front machine (e.g. cache TTLs). */
  frontMachineEnv?: Record<string, string>;
  quiet?: boolean;
  /** Run the cloud functions' timer triggers (the scheduler every minute); `npm start` turns them on. */
  timers?: boolean;
  /** The hospital's booking rules at start (e.g. charging at booking). */
  bookingRules?: HospitalCoreOptions['bookingRules'];
}

export interface RunningStack {
  hospitalUrl: string;
  frontMachineUrl: string;
  cloudUrl: string;
  hmacKey: string;
  close(): Promise<void>;
}

export const DEV_HMAC_KEY = 'palm-hospital-local-dev-key-change-me';

export async function startStack(opts: StackOptions = {}): Promise<RunningStack> {
  const hmacKey = opts.hmacKey ?? DEV_HMAC_KEY;
  const hospital = await startHospital({
    port: opts.hospitalPort ?? 7101,
    dbPath: opts.hospitalDb ?? ':memory:',
    seed: opts.seed,
    now: opts.now,
    logger: !opts.quiet,
    bookingRules: opts.bookingRules,
  });
  const fmConfig = loadConfig({
    ...process.env,
    LOG_LEVEL: opts.quiet ? 'silent' : (process.env.LOG_LEVEL ?? 'info'),
    ...opts.frontMachineEnv,
    FM_PORT: String(opts.frontMachinePort ?? 7102),
    FM_HMAC_KEY: hmacKey,
    HSB_URL: hospital.url,
    FM_STORE: opts.frontMachineStore ?? ':memory:',
    // The local stack opts into development values explicitly; anything else fails closed.
    PALM_DEV: '1',
  });
  const frontMachine = await startFrontMachine(fmConfig);
  const cloud = await startLocalCloud({
    port: opts.cloudPort ?? 7103,
    dbPath: opts.cloudDb ?? ':memory:',
    hospitalUrl: hospital.url,
    timers: opts.timers ?? false,
    env: {
      PALM_DEV: '1',
      FRONT_MACHINE_URL: frontMachine.url,
      FRONT_MACHINE_KEY: hmacKey,
      LOG_LEVEL: opts.quiet ? 'silent' : (process.env.LOG_LEVEL ?? 'info'),
    },
  });
  if (opts.now !== undefined) {
    // The cloud's business clock follows the hospital's.
    await fetch(`${cloud.url}/sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: opts.now }),
    });
  }
  return {
    hospitalUrl: hospital.url,
    frontMachineUrl: frontMachine.url,
    cloudUrl: cloud.url,
    hmacKey,
    async close() {
      await cloud.close();
      await frontMachine.close();
      await hospital.close();
    },
  };
}
