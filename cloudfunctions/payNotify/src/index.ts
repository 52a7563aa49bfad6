/** The `payNotify` cloud function: WeChat Pay's payment and refund callbacks (docs/architecture.md#payments). */
import { businessClock } from '../../common/clock';
import { cloud } from '../../common/cloud-sdk';
import { loadCloudConfig } from '../../common/config';
import { createFrontMachineClient, FUNCTION_RESERVE_MS } from '../../common/frontmachine';
import { FUNCTION_TIMEOUT_MS } from '../../common/timeouts';
import { createLogger, thresholdFromEnv } from '../../common/logger';
import { cloudPaymentPorts, createPaymentEngine, loadPaymentConfig, type NotifyAnswer } from '../../common/payments';
import { handlePayNotify } from './notify';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export async function main(event: unknown, _context: unknown): Promise<NotifyAnswer> {
  const startedAt = Date.now();
  const log = createLogger({ bindings: { fn: 'payNotify' }, level: thresholdFromEnv(process.env.LOG_LEVEL) });
  let engine;
  try {
    const config = loadCloudConfig(process.env);
    const ports = cloudPaymentPorts(cloud, loadPaymentConfig(process.env));
    engine = createPaymentEngine({ ...ports, frontMachine: createFrontMachineClient(config, log, { deadlineAt: startedAt + FUNCTION_TIMEOUT_MS.payNotify - FUNCTION_RESERVE_MS }), clock: businessClock, log });
  } catch (e) {
    log.error('payNotify misconfigured: callbacks are refused (and retried by WeChat) until the environment is fixed', { error: e });
    return { errcode: -1, errmsg: 'misconfigured' };
  }
  const { OPENID, SOURCE } = cloud.getWXContext();
  return handlePayNotify(event, { ...(OPENID ? { OPENID } : {}), ...(SOURCE ? { SOURCE } : {}) }, engine, log);
}
