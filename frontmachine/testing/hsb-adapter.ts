/** One fake HSB per test file and a fresh HsbHospital per test, for the adapter's protocol tests. */
import pino from 'pino';
import { AppError } from '../../miniprogram/core/errors';
import { HsbHospital } from '../src/hsb/adapter';
import { HsbClient } from '../src/hsb/client';
import { createLogger } from '../src/logger';
import { Metrics } from '../src/metrics';
import { startFakeHsb, type FakeHsb, type FakeScript } from './fake-hsb';

export interface HsbAdapterFixture {
  fake: FakeHsb;
  hospital: HsbHospital;
  /** This test's HSB call metrics. */
  metrics: Metrics;
  /** This test's adapter log lines (and the client's, when it logs). */
  logLines: string[];
  answer(script: FakeScript): void;
  /** The AppError a call fails with; fails the test when it succeeds. */
  failure(p: Promise<unknown>): Promise<AppError>;
}

export interface HsbAdapterOptions {
  now: number;
  timeoutMs: number;
  /** Whether the client logs into logLines too, or stays silent. */
  logClient: boolean;
}

/** Registers the jest hooks; read the fields inside tests or hooks, never at describe time. */
export function hsbAdapterFixture(options: HsbAdapterOptions): HsbAdapterFixture {
  const fixture = {
    answer: (script: FakeScript) => {
      fixture.fake.script = script;
    },
    async failure(p: Promise<unknown>): Promise<AppError> {
      try {
        await p;
      } catch (e) {
        if (e instanceof AppError) return e;
        throw e;
      }
      throw new Error('expected a failure');
    },
  } as HsbAdapterFixture;

  beforeAll(async () => {
    fixture.fake = await startFakeHsb(() => ({}));
  });
  afterAll(async () => {
    await fixture.fake.close();
  });
  beforeEach(() => {
    fixture.fake.calls.length = 0;
    const logLines: string[] = [];
    const metrics = new Metrics();
    const logger = createLogger('trace', { write: (s: string) => void logLines.push(s) });
    const client = new HsbClient({
      url: fixture.fake.url,
      timeoutMs: options.timeoutMs,
      concurrency: 4,
      clock: () => options.now,
      logger: options.logClient ? logger : pino({ level: 'silent' }),
      onCall: (_s, outcome, ms) => metrics.recordHsbCall(outcome, ms),
    });
    Object.assign(fixture, { logLines, metrics, hospital: new HsbHospital(client, logger) });
  });
  return fixture;
}
