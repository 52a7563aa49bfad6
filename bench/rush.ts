/**
 * `npm run bench -- rush`: the release-time rush (放号). At least 2,000 distinct patients try to book
 * about 60 slots at the same moment, through the front machine (signed, each with its own
 * Idempotency-Key) to the sandbox hospital, each in its own process. Prints booked, oversold (booked
 * slots at the hospital vs distinct live appointments), answers by code, latency percentiles and HSB
 * calls per attempt. Numbers only: it never decides pass or fail.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { FM_HEADERS } from '../typings/frontmachine';
import { signedHeaders } from '../frontmachine/protocol/signature';
import { startBenchStack, type BookingCount } from './processes';

const ATTEMPTS = Number(process.env.BENCH_RUSH_ATTEMPTS ?? 2000);
const SLOTS = Number(process.env.BENCH_RUSH_SLOTS ?? 60);
/** Sockets the load generator keeps open to the front machine (a cloud function fleet's share). */
const SOCKETS = Number(process.env.BENCH_RUSH_SOCKETS ?? 400);

interface Attempt {
  code: string;
  ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

function post(agent: http.Agent, base: URL, path: string, headers: Record<string, string>, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function signedCall(agent: http.Agent, fmUrl: string, key: string, operation: string, data: unknown, write: boolean): Promise<{ ok: boolean; code?: string; data?: unknown }> {
  const path = `/v1/${operation}`;
  const body = JSON.stringify(data);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...signedHeaders(key, 'POST', path, body, Date.now()) };
  if (write) headers[FM_HEADERS.idempotencyKey] = randomUUID();
  return JSON.parse(await post(agent, new URL(fmUrl), path, headers, body)) as { ok: boolean; code?: string; data?: unknown };
}

async function hsbStats(hospitalUrl: string): Promise<Record<string, number>> {
  return ((await (await fetch(`${hospitalUrl}/sandbox/stats`)).json()) as { calls: Record<string, number> }).calls;
}

export async function benchRush(): Promise<void> {
  // BENCH_PROFILE_DIR: a CPU profile of the front machine, to see where a rush's time goes.
  const stack = await startBenchStack(process.env.BENCH_PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}` } : {});
  const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS });
  try {
    const patients = await stack.hospital<string[]>({ cmd: 'patients', from: 0, count: ATTEMPTS });
    const slots = await stack.hospital<{ slotId: string; scheduleId: string }[]>({ cmd: 'slots', count: SLOTS });
    const sessions = [...new Set(slots.map((s) => s.scheduleId))];
    // Everyone has the doctor's page open when the slots are released: the slot lists are cached.
    for (const scheduleId of sessions) await signedCall(agent, stack.frontMachineUrl, stack.hmacKey, 'slot.list', { scheduleId }, false);
    await fetch(`${stack.hospitalUrl}/sandbox/stats/reset`, { method: 'POST' });

    const started = performance.now();
    const attempts = await Promise.all(
      patients.map(async (patientId, i): Promise<Attempt> => {
        const slot = slots[i % slots.length]!;
        const t0 = performance.now();
        try {
          const answer = await signedCall(agent, stack.frontMachineUrl, stack.hmacKey, 'appointment.book', { patientId, slotId: slot.slotId }, true);
          return { code: answer.ok ? 'ok' : (answer.code ?? 'unknown'), ms: performance.now() - t0 };
        } catch {
          return { code: 'transport_error', ms: performance.now() - t0 };
        }
      }),
    );
    const wallMs = performance.now() - started;

    const calls = await hsbStats(stack.hospitalUrl);
    const hsbTotal = Object.values(calls).reduce((a, b) => a + b, 0);
    const count = await stack.hospital<BookingCount>({ cmd: 'count', slotIds: slots.map((s) => s.slotId) });
    const health = (await (await fetch(`${stack.frontMachineUrl}/health`)).json()) as { bookings: Record<string, number> };
    const byCode = new Map<string, number>();
    for (const a of attempts) byCode.set(a.code, (byCode.get(a.code) ?? 0) + 1);
    const sorted = attempts.map((a) => a.ms).sort((a, b) => a - b);
    const booked = byCode.get('ok') ?? 0;

    console.log(`rush (${ATTEMPTS} distinct patients, ${slots.length} slots in ${sessions.length} sessions, ${SOCKETS} sockets, stack in child processes)`);
    console.log('  path: bench → front machine (signed, appointment.book) → sandbox hospital; the cloud action appointment.create does not exist yet, so the local cloud is skipped');
    console.log(`  booked ${booked} of ${slots.length} slots; hospital: ${count.bookedSlots} slots booked, ${count.appointments} live appointments`);
    console.log(`  oversold ${Math.max(0, count.appointments - count.bookedSlots) + count.doubleBooked} (double-booked slots ${count.doubleBooked})`);
    console.log(`  answers: ${[...byCode.entries()].map(([c, n]) => `${c} ${n}`).join(', ')}`);
    console.log(`  front machine: accepted ${health.bookings.accepted}, SOLD_OUT fast (no hospital call) ${health.bookings.soldOutFast}, SOLD_OUT by the hospital ${health.bookings.soldOutHospital}`);
    console.log(`  latency p50 ${percentile(sorted, 0.5).toFixed(0)} ms, p95 ${percentile(sorted, 0.95).toFixed(0)} ms, p99 ${percentile(sorted, 0.99).toFixed(0)} ms; all answered in ${wallMs.toFixed(0)} ms`);
    console.log(`  HSB calls per attempt ${(hsbTotal / attempts.length).toFixed(3)} (${Object.entries(calls).map(([s, n]) => `${s} ${n}`).join(', ')})`);
  } finally {
    agent.destroy();
    await stack.close();
  }
}
