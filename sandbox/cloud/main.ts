/**
 * CLI: `npx tsx sandbox/cloud/main.ts` runs the local cloud alone (port from CLOUD_PORT, default
 * 7103), with its database in .data/cloud.db and the functions' environment from this process's.
 */
import { join, resolve } from 'node:path';
import { startLocalCloud } from './host';

function port(raw: string | undefined, fallback: number): number {
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 && n < 65536 ? n : fallback;
}

async function run(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const env: Record<string, string> = {};
  for (const key of ['PALM_DEV', 'FRONT_MACHINE_URL', 'FRONT_MACHINE_KEY', 'FRONT_MACHINE_TIMEOUT_MS', 'LOG_LEVEL']) {
    const v = process.env[key];
    if (v !== undefined) env[key] = v;
  }
  const cloud = await startLocalCloud({
    port: port(process.env.CLOUD_PORT, 7103),
    host: process.env.CLOUD_HOST ?? '127.0.0.1',
    env,
    hospitalUrl: process.env.HOSPITAL_URL ?? `http://127.0.0.1:${port(process.env.SANDBOX_PORT, 7101)}`,
    dbPath: process.env.CLOUD_DB ?? join(root, '.data', 'cloud.db'),
  });
  console.log(`local cloud listening on ${cloud.url}  (POST /functions/<name>, header x-wx-openid)`);
  if (!env.FRONT_MACHINE_KEY) console.warn('FRONT_MACHINE_KEY is not set: every hospital call will answer HOSPITAL_UNAVAILABLE');
  const stop = () => {
    void cloud.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

run().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
