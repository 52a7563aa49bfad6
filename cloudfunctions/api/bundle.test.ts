import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleCloudFunctions, cloudFunctionNames } from '../../scripts/bundle-cloud';
import { ok, startFakeFrontMachine } from '../testing/fake-front-machine';
import { runWithContext } from '../../sandbox/cloud/wx-server-sdk';

// The shipped artefact: one CommonJS file per function, wx-server-sdk left for the cloud to install.
test('bundles api into cloudfunctions/api/index.js, which runs as the cloud would run it', async () => {
  expect(cloudFunctionNames()).toContain('api');
  const out = await bundleCloudFunctions({ only: ['api'] });
  expect(out).toEqual([{ name: 'api', bytes: expect.any(Number) }]);
  const file = join(__dirname, 'index.js');
  const code = readFileSync(file, 'utf8');
  expect(code).toContain('require("wx-server-sdk")');
  expect(code).not.toMatch(/better-sqlite3|AsyncLocalStorage|fastify/);

  const fm = await startFakeFrontMachine({ key: 'bundle-key', responders: { 'hospital.info': () => ok({ name: '示例儿童医院', bookingRules: { payAtBooking: false, maxActiveAppointments: 3, holdMinutes: 10 } }) } });
  const saved = { ...process.env };
  Object.assign(process.env, { FRONT_MACHINE_URL: fm.url, FRONT_MACHINE_KEY: 'bundle-key', LOG_LEVEL: 'silent' });
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fn = require(file) as { main(event: unknown, ctx: unknown): Promise<unknown> };
    const r = await runWithContext({ OPENID: 'o1' }, () => fn.main({ action: 'hospital.info' }, {}));
    expect(r).toMatchObject({ ok: true, data: { name: '示例儿童医院' } });
    await expect(fn.main({ action: 'hospital.info' }, {})).resolves.toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  } finally {
    process.env = saved;
    await fm.close();
  }
});
