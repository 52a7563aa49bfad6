/** `npx tsx sandbox/hospital/main.ts`: the sandbox hospital alone, on SANDBOX_PORT (default 7101). */
import { DEFAULT_PORT, startHospital } from './index';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const running = await startHospital({
    port: envNumber('SANDBOX_PORT', DEFAULT_PORT),
    host: process.env.SANDBOX_HOST || undefined,
    seed: process.env.SANDBOX_SEED ? envNumber('SANDBOX_SEED', 0) : undefined,
    dbPath: process.env.SANDBOX_DB || undefined,
    now: process.env.SANDBOX_NOW || undefined,
    logger: process.env.SANDBOX_LOG === '1',
    // SANDBOX_PAY_AT_BOOKING=1: the hospital charges the registration fee when booking (held until paid).
    bookingRules: process.env.SANDBOX_PAY_AT_BOOKING ? { payAtBooking: process.env.SANDBOX_PAY_AT_BOOKING === '1' } : undefined,
  });
  console.log(`sandbox hospital (seed ${running.hospital.seed}, today ${running.hospital.today()}) listening on ${running.url}`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
