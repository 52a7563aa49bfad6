/** The `api` cloud function: `{action, data}` in, `Result` out (docs/contracts.md#result-model). */
import * as cloud from 'wx-server-sdk';
import type { ApiResult } from '../../../typings/api';
import { fail } from '../../../miniprogram/core/errors';
import { cloudAccountStore, type AccountDatabase } from '../../common/accounts';
import { businessClock } from '../../common/clock';
import { loadCloudConfig, type CloudConfig } from '../../common/config';
import { createFrontMachineClient } from '../../common/frontmachine';
import { createLogger, thresholdFromEnv } from '../../common/logger';
import { cloudPaymentPorts, loadPaymentConfig, type PaymentConfig } from '../../common/payments';
import { dispatch } from './router';

// The SDK's typings declare env as a string, but DYNAMIC_CURRENT_ENV (a symbol) is its documented value.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/** A missing account reads as null (the SDK's documented option; its typings omit it and type transactions as any). */
function accountDatabase(): AccountDatabase {
  const options: Record<string, unknown> = { throwOnNotFound: false };
  return cloud.database(options) as unknown as AccountDatabase;
}

export async function main(event: unknown, _context: unknown): Promise<ApiResult> {
  const { OPENID } = cloud.getWXContext();
  // Environment is read per call: the cloud console (or the local host) may change it between calls.
  const log = createLogger({ bindings: { fn: 'api' }, level: thresholdFromEnv(process.env.LOG_LEVEL) });
  let config: CloudConfig;
  let paymentConfig: PaymentConfig;
  try {
    config = loadCloudConfig(process.env);
    paymentConfig = loadPaymentConfig(process.env);
  } catch (e) {
    log.error('api misconfigured: every call fails until the environment is fixed', { error: e });
    return fail('INTERNAL');
  }
  const frontMachine = createFrontMachineClient(config, log);
  const accounts = cloudAccountStore(accountDatabase());
  const payments = cloudPaymentPorts(cloud as unknown as Parameters<typeof cloudPaymentPorts>[0], paymentConfig);
  return dispatch(event, { openid: OPENID, clock: businessClock, frontMachine, log, accounts, idHmacKey: config.idHmacKey, payments });
}
