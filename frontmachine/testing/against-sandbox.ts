/** The front machine wired to the real sandbox hospital (both on random ports), and signed calls to it. */
import { FM_HEADERS } from '../../protocol/signature';
import { startHospital, type RunningHospital } from '../../sandbox/hospital';
import { latestCode } from '../../sandbox/hospital/testing';
import { createLogger } from '../src/logger';
import { loadConfig, startFrontMachine, type RunningFrontMachine } from '../src/index';
import { request } from './http';
import { signHeaders, TEST_KEY } from './signed';

export interface AgainstSandbox {
  sandbox: RunningHospital;
  fm: RunningFrontMachine;
  /** The front machine's log lines, when captured. */
  logText: string[];
  close(): Promise<void>;
}

export interface AgainstSandboxOptions {
  /** Captures every log line at trace level into logText, or logs nothing. */
  captureLog: boolean;
  env?: Record<string, string>;
  cacheClock?: () => number;
}

/** Starts the sandbox hospital with its clock frozen at `now`, then a front machine asking it. */
export async function startAgainstSandbox(now: number, o: AgainstSandboxOptions): Promise<AgainstSandbox> {
  // Started at `now`, so its published dates are `now`'s whatever the real date (tests query them directly).
  const sandbox = await startHospital({ port: 0, now });
  sandbox.hospital.clock.set(now, true);
  const logText: string[] = [];
  const logger = o.captureLog ? createLogger('trace', { write: (s: string) => void logText.push(s) }) : createLogger('silent');
  const config = loadConfig({ PALM_DEV: '1', FM_PORT: '0', FM_HMAC_KEY: TEST_KEY, HSB_URL: sandbox.url, ...o.env }, () => {});
  const fm = await startFrontMachine(config, { logger, clock: () => now, ...(o.cacheClock ? { cacheClock: o.cacheClock } : {}) });
  return {
    sandbox,
    fm,
    logText,
    async close() {
      await fm.close();
      await sandbox.close();
    },
  };
}

/** POSTs `data` to operation signed at `now`, with an Idempotency-Key when given. */
export async function signedCall<B>(fmUrl: string, operation: string, data: unknown, now: number, idempotencyKey?: string): Promise<{ status: number; text: string; body: B }> {
  const path = `/v1/${operation}`;
  const body = JSON.stringify(data);
  const headers = { ...signHeaders(path, body, now), ...(idempotencyKey === undefined ? {} : { [FM_HEADERS.idempotencyKey]: idempotencyKey }) };
  const res = await request(fmUrl, 'POST', path, headers, body);
  return { status: res.statusCode, text: res.text, body: res.json() as B };
}

/** POSTs to one of the sandbox hospital's controls (kiosk, doctor, accounts). */
export async function sandboxControl(sandboxUrl: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sandboxUrl}${path}`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

let callers = 0;

/**
 * Registers a person through the front machine as the cloud does — patient.sendCode, the code from
 * the sandbox hospital's SMS gateway, patient.register with it — and answers the patient id.
 */
export async function registerThroughCode(running: Pick<AgainstSandbox, 'fm' | 'sandbox'>, person: { name: string; idCardNo: string; phone: string; guardian?: { name: string; idCardNo: string } }, now: number): Promise<string> {
  const caller = `fm-test-caller-${++callers}`;
  const sent = await signedCall<{ ok: boolean; data: { challengeId: string } }>(running.fm.url, 'patient.sendCode', { ...person, caller }, now);
  if (!sent.body.ok) throw new Error(`patient.sendCode: ${sent.text}`);
  const code = latestCode(running.sandbox.hospital, person.phone) ?? '000000';
  const registered = await signedCall<{ ok: boolean; data: { patientId: string } }>(
    running.fm.url,
    'patient.register',
    { ...person, caller, challengeId: sent.body.data.challengeId, code },
    now,
    `register-${caller}`,
  );
  if (!registered.body.ok) throw new Error(`patient.register: ${registered.text}`);
  return registered.body.data.patientId;
}
