/** The `api` cloud function: `{action, data}` in, `Result` out (docs/contracts.md#result-model). */
import { defaultIdentityStore } from '../../common/identity/store';
import type { ApiResult } from '../../../typings/api';
import { fail } from '../../../miniprogram/core/errors';
import { cloudAccountStore } from '../../common/accounts';
import { cloud } from '../../common/cloud-sdk';
import { businessClock } from '../../common/clock';
import { loadCloudConfig, type CloudConfig } from '../../common/config';
import { createFrontMachineClient, FUNCTION_RESERVE_MS } from '../../common/frontmachine';
import { FUNCTION_TIMEOUT_MS } from '../../common/timeouts';
import { createLogger, thresholdFromEnv } from '../../common/logger';
import { cloudPaymentPorts, loadPaymentConfig, type PaymentConfig } from '../../common/payments';
import { dispatch } from './router';
import { cloudStayIndex } from '../../common/inpatient/stay-index';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export async function main(event: unknown, _context: unknown): Promise<ApiResult> {
  const startedAt = Date.now();
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
  const frontMachine = createFrontMachineClient(config, log, { deadlineAt: startedAt + FUNCTION_TIMEOUT_MS.api - FUNCTION_RESERVE_MS });
  // A missing account reads as null (the SDK's documented option).
  const accounts = cloudAccountStore(cloud.database({ throwOnNotFound: false }));
  const payments = cloudPaymentPorts(cloud, paymentConfig);
  const stays = cloudStayIndex(cloud.database({ throwOnNotFound: false }));
  const identity = defaultIdentityStore();
  return dispatch(event, { openid: OPENID, clock: businessClock, frontMachine, log, accounts, idHmacKey: config.idHmacKey, payments, stays, identity });
}
