/**
 * The `scheduler` cloud function, on a timer every minute (config.json): the order janitor and the
 * daily reconciliation (docs/architecture.md#payments). Later work adds hospital events and reminders here.
 */
import { randomUUID } from 'node:crypto';
import * as cloud from 'wx-server-sdk';
import { businessClock } from '../../common/clock';
import { loadCloudConfig } from '../../common/config';
import { createFrontMachineClient } from '../../common/frontmachine';
import { createLogger, thresholdFromEnv } from '../../common/logger';
import { cloudPaymentPorts, createPaymentEngine, loadPaymentConfig, paymentDatabase, type PaymentSdk } from '../../common/payments';
import { runScheduler, type SchedulerAnswer } from './jobs';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export async function main(event: unknown, _context: unknown): Promise<SchedulerAnswer> {
  const log = createLogger({ bindings: { fn: 'scheduler' }, level: thresholdFromEnv(process.env.LOG_LEVEL) });
  // Any mini program user can call a cloud function: only the timer and operators (console, no user) run jobs.
  const { OPENID } = cloud.getWXContext() as { OPENID?: string };
  if (OPENID) {
    log.warn('scheduler called by a user: refused', { openid: OPENID });
    return { error: 'not a timer or operator call' };
  }
  const sdk = cloud as unknown as PaymentSdk;
  try {
    const config = loadCloudConfig(process.env);
    const ports = cloudPaymentPorts(sdk, loadPaymentConfig(process.env));
    const frontMachine = createFrontMachineClient(config, log);
    const engine = createPaymentEngine({ ...ports, frontMachine, clock: businessClock, log });
    // Each run is its own lease owner: two overlapping runs never work the same order.
    const owner = `scheduler-${randomUUID()}`;
    return await runScheduler(event, { engine, reconcile: { ...ports, frontMachine, clock: businessClock, log, db: paymentDatabase(sdk) }, owner, log });
  } catch (e) {
    log.error('scheduler run failed', { error: e });
    return { error: 'scheduler run failed' };
  }
}
