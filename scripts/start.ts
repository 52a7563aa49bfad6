/**
 * `npm start`: the embedded default — sandbox hospital, front machine and local cloud on this
 * machine, data kept under .data/ between runs.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_HMAC_KEY, startStack } from './stack';

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? join(__dirname, '..', '.data');
  mkdirSync(dataDir, { recursive: true });
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const stack = await startStack({
    hospitalPort: port('SANDBOX_PORT', 7101),
    frontMachinePort: port('FM_PORT', 7102),
    cloudPort: port('CLOUD_PORT', 7103),
    hospitalDb: join(dataDir, 'hospital.db'),
    frontMachineStore: join(dataDir, 'frontmachine.db'),
    cloudDb: join(dataDir, 'cloud.db'),
    hmacKey: process.env.FM_HMAC_KEY ?? DEV_HMAC_KEY,
    quiet: process.env.LOG_LEVEL === undefined,
    timers: true,
    // SANDBOX_PAY_AT_BOOKING=1 (or 0): the sandbox hospital charges the registration fee when booking.
    bookingRules: process.env.SANDBOX_PAY_AT_BOOKING ? { payAtBooking: process.env.SANDBOX_PAY_AT_BOOKING === '1' } : undefined,
  });
  console.log(`
掌上医院 local stack is running (data in ${dataDir}):
  sandbox hospital (HSB XML)   ${stack.hospitalUrl}   POST /hsb, controls under /sandbox/
  front machine (signed JSON)  ${stack.frontMachineUrl}   GET /health
  local cloud                  ${stack.cloudUrl}   POST /functions/api  (header x-wx-openid)

WeChat DevTools: open this folder (project.config.json), turn on "不校验合法域名" in 详情 → 本地设置,
keep miniprogram/config.ts on mode 'local' (it calls ${stack.cloudUrl}), then compile.
Try it:  curl -s -X POST ${stack.cloudUrl}/functions/api -H 'x-wx-openid: demo' \\
           -H 'content-type: application/json' -d '{"action":"dept.list","data":{}}'
  npm run demo   walks a patient journey against this stack.     Ctrl+C stops everything.
Set LOG_LEVEL=info to see the services' logs.
`);
  const stop = async () => {
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error('Could not start the local stack:', err instanceof Error ? err.message : err);
  process.exit(1);
});
