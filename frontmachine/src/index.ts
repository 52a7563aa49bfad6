/**
 * The front machine 前置机: the signed JSON API of typings/frontmachine.ts for the cloud functions,
 * HSB XML to the hospital, a cache in between.
 */
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../../miniprogram/core/time';
import { createApp } from './app';
import type { FrontMachineConfig } from './config';
import { CachedHospital } from './hospital/cached';
import type { Hospital } from './hospital/port';
import { HsbHospital } from './hsb/adapter';
import { HsbClient } from './hsb/client';
import { createLogger } from './logger';
import { Metrics } from './metrics';
import type { OperationTable } from './operations';
import { SqliteStore } from './store';

export { createApp, type AppOptions } from './app';
export { loadConfig, type FrontMachineConfig } from './config';
export { CachedHospital, SOLD_OUT_MESSAGE, type BookingOutcome } from './hospital/cached';
export type {
  Hospital,
  HospitalCard,
  PatientQrCode,
  PatientRegistration,
  RegisteredPatient,
  RegistrationConfirmation,
  RegistrationReceipt,
  RegistrationRefund,
  ScheduleQuery,
  SessionSlots,
} from './hospital/port';
export { HsbHospital } from './hsb/adapter';
export { HsbClient } from './hsb/client';
export { createLogger } from './logger';
export { Metrics, type HealthReport } from './metrics';
export { createHospitalOperations, defineOperation, hospitalOperations, type Operation, type OperationContext, type OperationTable } from './operations';

/** Replaceable parts, for tests and the lead's wiring; production uses none of them. */
export interface FrontMachineOverrides {
  /** Defaults to pino on stdout at `config.logLevel`. */
  logger?: Logger;
  /** The real clock (signatures, store, cache TTL, SendTime). */
  clock?: Clock;
  /** Clock of the cache alone, so tests step TTLs without touching signature windows. */
  cacheClock?: Clock;
  /** Stands in for the HSB adapter (it is still cached). */
  hospital?: Hospital;
  operations?: OperationTable;
}

export interface RunningFrontMachine {
  /** e.g. http://127.0.0.1:7102 */
  url: string;
  close(): Promise<void>;
  /** The same numbers `GET /metrics` reports. */
  metrics: Metrics;
}

export async function startFrontMachine(config: FrontMachineConfig, overrides: FrontMachineOverrides = {}): Promise<RunningFrontMachine> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const metrics = new Metrics();
  const hsb =
    overrides.hospital ??
    new HsbHospital(
      new HsbClient({
        url: config.hsbUrl,
        timeoutMs: config.hsbTimeoutMs,
        concurrency: config.hsbConcurrency,
        clock,
        logger,
        onCall: (_service, outcome, durationMs) => metrics.recordHsbCall(outcome, durationMs),
      }),
      logger,
    );
  const hospital = new CachedHospital(hsb, {
    refTtlMs: config.refTtlS * 1000,
    scheduleTtlMs: config.scheduleTtlS * 1000,
    clock: overrides.cacheClock ?? clock,
    onLookup: (hit) => metrics.recordCache(hit),
    onBooking: (outcome) => metrics.recordBooking(outcome),
  });
  const store = new SqliteStore(config.storePath);
  const app = createApp({ hmacKey: config.hmacKey, hospital, operations: overrides.operations, clock, store, metrics, logger });
  app.addHook('onClose', async () => store.close());
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await app.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.info({ url: `http://${host}:${port}`, hsbUrl: config.hsbUrl, store: config.storePath }, 'front machine listening');
  return { url: `http://${host}:${port}`, close: () => app.close(), metrics };
}
