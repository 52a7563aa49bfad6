import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleCloudFunctions, cloudFunctionNames } from '../../scripts/bundle-cloud';
import { resetDatabase, runWithContext } from '../../sandbox/cloud/wx-server-sdk';
import { COLLECTION_NAMES } from '../common/collections';

// The shipped artefacts of the payment functions: one CommonJS file each, wx-server-sdk left to the cloud.
test('bundles payNotify and scheduler, which run as the cloud would run them', async () => {
  expect(cloudFunctionNames()).toEqual(expect.arrayContaining(['api', 'payNotify', 'scheduler']));
  const out = await bundleCloudFunctions({ only: ['payNotify', 'scheduler'] });
  expect(out.map((b) => b.name)).toEqual(['payNotify', 'scheduler']);
  resetDatabase({ collections: COLLECTION_NAMES });
  const saved = { ...process.env };
  Object.assign(process.env, { FRONT_MACHINE_KEY: 'bundle-key', FRONT_MACHINE_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' });
  try {
    for (const name of ['payNotify', 'scheduler']) {
      const code = readFileSync(join(__dirname, '..', name, 'index.js'), 'utf8');
      expect(code).toContain('require("wx-server-sdk")');
      expect(code).not.toMatch(/better-sqlite3|AsyncLocalStorage|fastify|billingHospital/);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const payNotify = require(join(__dirname, '..', 'payNotify', 'index.js')) as { main(e: unknown, c: unknown): Promise<unknown> };
    // A user calling payNotify is not WeChat Pay; an unknown order is refused and retried.
    expect(await runWithContext({ OPENID: 'o1' }, () => payNotify.main({ outTradeNo: 'X' }, {}))).toMatchObject({ errcode: 1 });
    expect(await runWithContext({ SOURCE: 'wx_paycallback' }, () => payNotify.main({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', subMchId: '1900000109', outTradeNo: 'NOPE', transactionId: '1', totalFee: 1 }, {}))).toMatchObject({ errcode: 1 });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const scheduler = require(join(__dirname, 'index.js')) as { main(e: unknown, c: unknown): Promise<unknown> };
    expect(await runWithContext({ SOURCE: 'wx_trigger' }, () => scheduler.main({ job: 'janitor' }, {}))).toMatchObject({ janitor: { examined: 0 } });
    // Only its timer: a user, an HTTP API call or the IDE is refused, whatever the event says.
    for (const source of ['wx_client', 'wx_http', 'wx_devtools']) {
      expect(await runWithContext({ SOURCE: source }, () => scheduler.main({ job: 'janitor' }, {}))).toEqual({ error: 'not a timer call' });
    }
  } finally {
    process.env = saved;
  }
});
