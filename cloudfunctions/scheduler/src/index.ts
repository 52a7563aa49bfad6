/**
 * The `scheduler` cloud function, on a timer every minute (config.json): the order janitor and the
 * daily reconciliation (docs/architecture.md#payments). Later work adds hospital events and reminders here.
 */
import { randomUUID } from 'node:crypto';
import { businessClock } from '../../common/clock';
import { cloud } from '../../common/cloud-sdk';
import { setUpCollections } from '../../common/collections';
import { loadCloudConfig } from '../../common/config';
import { createFrontMachineClient, FUNCTION_RESERVE_MS } from '../../common/frontmachine';
import { FUNCTION_TIMEOUT_MS, RECONCILIATION_RESERVE_MS } from '../../common/timeouts';
import { createLogger, thresholdFromEnv } from '../../common/logger';
import { cloudPaymentPorts, createPaymentEngine, loadPaymentConfig, paymentDatabase } from '../../common/payments';
import { loadPushConfig, miniprogramState } from '../../common/push/config';
import { runPush } from '../../common/push/job';
import type { PushDatabase } from '../../common/push/store';
import { runScheduler, type SchedulerAnswer } from './jobs';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

/** The set-up step of this instance (collections of the manifest), run on its first timer call. */
let setUp: Promise<void> | undefined;

/** The only caller the scheduler answers: its timer trigger (`getWXContext().SOURCE`). */
export const TIMER_SOURCE = 'wx_trigger';

export async function main(event: unknown, _context: unknown): Promise<SchedulerAnswer> {
  const startedAt = Date.now();
  const log = createLogger({ bindings: { fn: 'scheduler' }, level: thresholdFromEnv(process.env.LOG_LEVEL) });
  // Any user can call a cloud function by name: only the timer trigger runs jobs.
  const { OPENID, SOURCE } = cloud.getWXContext();
  if (OPENID || SOURCE !== TIMER_SOURCE) {
    log.warn('scheduler called by something other than its timer: refused', { openid: OPENID, source: SOURCE });
    return { error: 'not a timer call' };
  }
  const sdk = cloud;
  try {
    // The cloud set-up step, once per instance (so after each deployment): the manifest's collections exist before anything runs.
    setUp ??= setUpCollections(sdk.database()).then(
      (report) => log.info('cloud set-up', { created: report.filter((r) => r.outcome === 'created').map((r) => r.name) }),
      (err: unknown) => {
        setUp = undefined;
        throw err;
      },
    );
    await setUp;
    const config = loadCloudConfig(process.env);
    const ports = cloudPaymentPorts(sdk, loadPaymentConfig(process.env));
    const frontMachine = createFrontMachineClient(config, log, { deadlineAt: startedAt + FUNCTION_TIMEOUT_MS.scheduler - FUNCTION_RESERVE_MS });
    const engine = createPaymentEngine({ ...ports, frontMachine, clock: businessClock, log });
    // Each run is its own lease owner: two overlapping runs never work the same order.
    const owner = `scheduler-${randomUUID()}`;
    const janitorDeadlineAt = startedAt + FUNCTION_TIMEOUT_MS.scheduler - RECONCILIATION_RESERVE_MS;
    // push: the hospital's events as subscription messages (common/push/)
    const push = (runOwner: string) =>
      runPush(
        {
          db: sdk.database({ throwOnNotFound: false }) as PushDatabase,
          frontMachine,
          config: loadPushConfig(process.env),
          clock: businessClock,
          log,
          send: (params) => cloud.openapi.subscribeMessage.send(params as never),
          payments: engine,
          miniprogramState: miniprogramState(process.env),
        },
        runOwner,
      );
    return await runScheduler(event, { engine, reconcile: { ...ports, frontMachine, clock: businessClock, log, db: paymentDatabase(sdk) }, owner, log, janitorDeadlineAt, push });
  } catch (e) {
    log.error('scheduler run failed', { error: e });
    return { error: 'scheduler run failed' };
  }
}
