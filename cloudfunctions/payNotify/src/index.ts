/** The `payNotify` cloud function: WeChat Pay's payment and refund callbacks (docs/architecture.md#payments). */
import * as cloud from 'wx-server-sdk';
import { businessClock } from '../../common/clock';
import { loadCloudConfig } from '../../common/config';
import { createFrontMachineClient } from '../../common/frontmachine';
import { createLogger, thresholdFromEnv } from '../../common/logger';
import { cloudPaymentPorts, createPaymentEngine, loadPaymentConfig, type NotifyAnswer, type PaymentSdk } from '../../common/payments';
import { handlePayNotify } from './notify';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export async function main(event: unknown, _context: unknown): Promise<NotifyAnswer> {
  const log = createLogger({ bindings: { fn: 'payNotify' }, level: thresholdFromEnv(process.env.LOG_LEVEL) });
  let engine;
  try {
    const config = loadCloudConfig(process.env);
    const ports = cloudPaymentPorts(cloud as unknown as PaymentSdk, loadPaymentConfig(process.env));
    engine = createPaymentEngine({ ...ports, frontMachine: createFrontMachineClient(config, log), clock: businessClock, log });
  } catch (e) {
    log.error('payNotify misconfigured: callbacks are refused (and retried by WeChat) until the environment is fixed', { error: e });
    return { errcode: -1, errmsg: 'misconfigured' };
  }
  const { OPENID, SOURCE } = cloud.getWXContext() as { OPENID?: string; SOURCE?: string };
  return handlePayNotify(event, { ...(OPENID ? { OPENID } : {}), ...(SOURCE ? { SOURCE } : {}) }, engine, log);
}
