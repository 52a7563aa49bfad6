/**
 * `npm run bench -- rush`: the release-time rush (放号). At least 2,000 distinct patients, each bound
 * to their own WeChat account, try to book about 60 slots at the same moment through the local cloud
 * (`api` appointment.create: identity, scope, limits, Idempotency-Key) → the front machine (signed) →
 * the sandbox hospital; hospital, front machine and local cloud each run in their own process.
 * Prints booked, oversold (booked slots at the hospital vs distinct live appointments), answers by
 * code, latency percentiles and HSB calls per attempt. Numbers only: it never decides pass or fail.
 */
import http from 'node:http';
import { fork, type ChildProcess } from 'node:child_process';
import { startLocalCloud } from '../sandbox/cloud/host';
import { nthIdCard } from '../sandbox/hospital/testing';
import { bindPatient, sandboxInbox, type ApiCall } from '../scripts/bind-patient';
import { signedHeaders } from '../protocol/signature';
import { answerCpuUsage, ask, onMessage, startBenchStack, type BookingCount } from './processes';

const ATTEMPTS = Number(process.env.BENCH_RUSH_ATTEMPTS ?? 2000);
const SLOTS = Number(process.env.BENCH_RUSH_SLOTS ?? 60);
/** Sockets the load generator keeps open to the local cloud (the WeChat clients' share). */
const SOCKETS = Number(process.env.BENCH_RUSH_SOCKETS ?? 400);
/** Patients bound through the cloud at once while setting up (not measured; each binding is a code and a registration). */
const SETUP_CONCURRENCY = 20;

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

type ApiAnswer = { ok: boolean; code?: string; message?: string; data?: unknown };

/** `{action, data}` to the local cloud's `api` as the mini program's local mode sends it, as `openid`. */
async function api(agent: http.Agent, cloudUrl: string, openid: string, action: string, data: unknown): Promise<ApiAnswer> {
  const body = JSON.stringify({ action, data });
  return JSON.parse(await post(agent, new URL(cloudUrl), '/functions/api', { 'content-type': 'application/json', 'x-wx-openid': openid }, body)) as ApiAnswer;
}

async function hsbStats(hospitalUrl: string): Promise<Record<string, number>> {
  return ((await (await fetch(`${hospitalUrl}/sandbox/stats`)).json()) as { calls: Record<string, number> }).calls;
}

const DIGITS = '零一二三四五六七八九';
/** A real-name-valid name per bench patient: 压测 + the number in Chinese digits. */
function benchName(i: number): string {
  return `压测${[...String(i)].map((d) => DIGITS[Number(d)]).join('')}`;
}

/** This process's CPU time so far, ms. */
function cpuMsHere(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `task` over `items` with at most `n` at once. */
async function pool<T, R>(items: T[], n: number, task: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i] as T, i);
      }
    }),
  );
  return out;
}

/** The local cloud in a child process (this file, role `cloud`), pointed at the bench's front machine. */
function startCloudChild(frontMachineUrl: string, hmacKey: string, hospitalUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(__filename, ['cloud', frontMachineUrl, hmacKey, hospitalUrl], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench cloud child exited with ${code}`)));
    child.on('message', (m: { ready?: boolean; url?: string }) => {
      if (m.ready === true && m.url !== undefined) resolve({ child, url: m.url });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send({ cmd: 'close' });
  });
}

export async function benchRush(): Promise<void> {
  const stack = await startBenchStack();
  const cloud = await startCloudChild(stack.frontMachineUrl, stack.hmacKey, stack.hospitalUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS });
  try {
    // Each patient binds themself through the cloud (real-name registration at the hospital), one account each.
    const openids = Array.from({ length: ATTEMPTS }, (_, i) => `bench-rush-${i}`);
    const patients = await pool(openids, SETUP_CONCURRENCY, async (openid, i) => {
      // Bound as the app binds (the code from the sandbox's SMS gateway); each its own phone, so each reads its own code.
      const call: ApiCall = (action, data) => api(agent, cloud.url, openid, action, data) as never;
      const person = { name: benchName(i), idCardNo: nthIdCard(i), phone: `138${String(i).padStart(8, '0')}`, relation: '本人' as const };
      const added = await bindPatient(call, person, sandboxInbox(stack.hospitalUrl));
      if (!added.ok) throw new Error(`could not bind bench patient ${i}: ${added.code} ${added.message}`);
      return { openid, patientId: (added.data as { patientId: string }).patientId };
    });
    const slots = await stack.hospital<{ slotId: string; scheduleId: string }[]>({ cmd: 'slots', count: SLOTS });
    const sessions = [...new Set(slots.map((s) => s.scheduleId))];
    // Everyone has the doctor's page open when the slots are released: the slot lists are served (and cached).
    for (const scheduleId of sessions) await api(agent, cloud.url, 'bench-browser', 'slot.list', { scheduleId });
    await fetch(`${stack.hospitalUrl}/sandbox/stats/reset`, { method: 'POST' });

    const cpuMs = async () => ({ ...(await stack.cpuMs()), cloud: await ask<number>(cloud.child, { cmd: 'cpu' }), bench: cpuMsHere() });
    const cpuBefore = await cpuMs();
    const started = performance.now();
    const attempts = await Promise.all(
      patients.map(async ({ openid, patientId }, i): Promise<Attempt> => {
        const slot = slots[i % slots.length]!;
        const t0 = performance.now();
        try {
          const answer = await api(agent, cloud.url, openid, 'appointment.create', { patientId, slotId: slot.slotId, scheduleId: slot.scheduleId });
          return { code: answer.ok ? 'ok' : (answer.code ?? 'unknown'), ms: performance.now() - t0 };
        } catch {
          return { code: 'transport_error', ms: performance.now() - t0 };
        }
      }),
    );
    const wallMs = performance.now() - started;
    const cpuAfter = await cpuMs();
    const cpuPerAttempt = (part: keyof typeof cpuAfter) => ((cpuAfter[part] - cpuBefore[part]) / attempts.length).toFixed(2);

    const calls = await hsbStats(stack.hospitalUrl);
    const hsbTotal = Object.values(calls).reduce((a, b) => a + b, 0);
    const count = await stack.hospital<BookingCount>({ cmd: 'count', slotIds: slots.map((s) => s.slotId) });
    // The operators' numbers are behind the signature (GET /health says only that the process is up).
    const metrics = await fetch(`${stack.frontMachineUrl}/metrics`, { headers: signedHeaders(stack.hmacKey, 'GET', '/metrics', '', Date.now()) });
    const health = ((await metrics.json()) as { data: { bookings: Record<string, number> } }).data;
    const byCode = new Map<string, number>();
    for (const a of attempts) byCode.set(a.code, (byCode.get(a.code) ?? 0) + 1);
    const sorted = attempts.map((a) => a.ms).sort((a, b) => a - b);
    const booked = byCode.get('ok') ?? 0;

    console.log(`rush (${ATTEMPTS} distinct patients and accounts, ${slots.length} slots in ${sessions.length} sessions, ${SOCKETS} sockets, stack in child processes)`);
    console.log('  path: bench → local cloud (api appointment.create) → front machine (signed, appointment.book) → sandbox hospital');
    console.log(`  booked ${booked} of ${slots.length} slots; hospital: ${count.bookedSlots} slots booked, ${count.appointments} live appointments`);
    console.log(`  oversold ${Math.max(0, count.appointments - count.bookedSlots) + count.doubleBooked} (double-booked slots ${count.doubleBooked})`);
    console.log(`  answers: ${[...byCode.entries()].map(([c, n]) => `${c} ${n}`).join(', ')}`);
    const soldOut = byCode.get('SOLD_OUT') ?? 0;
    const fmSoldOut = (health.bookings.soldOutFast ?? 0) + (health.bookings.soldOutHospital ?? 0);
    console.log(`  cloud: SOLD_OUT from the cached slot list (no booking call) ${soldOut - fmSoldOut}`);
    console.log(`  front machine: accepted ${health.bookings.accepted}, SOLD_OUT fast (no hospital call) ${health.bookings.soldOutFast}, SOLD_OUT by the hospital ${health.bookings.soldOutHospital}`);
    console.log(`  latency p50 ${percentile(sorted, 0.5).toFixed(0)} ms, p95 ${percentile(sorted, 0.95).toFixed(0)} ms, p99 ${percentile(sorted, 0.99).toFixed(0)} ms; all answered in ${wallMs.toFixed(0)} ms`);
    console.log(`  CPU per attempt: local cloud ${cpuPerAttempt('cloud')} ms, front machine ${cpuPerAttempt('frontMachine')} ms, hospital ${cpuPerAttempt('hospital')} ms, load generator ${cpuPerAttempt('bench')} ms (CPU time: steadier than latency on a shared machine)`);
    console.log(`  HSB calls per attempt ${(hsbTotal / attempts.length).toFixed(3)} (${Object.entries(calls).map(([s, n]) => `${s} ${n}`).join(', ')}; QueryAppointments: the cloud's limit check)`);
  } finally {
    agent.destroy();
    await stopChild(cloud.child);
    await stack.close();
  }
}

/** Role `cloud`: the local cloud host (emulated wx-server-sdk, in-memory database), closed on `{cmd: 'close'}`. */
async function runCloud(frontMachineUrl: string, hmacKey: string, hospitalUrl: string): Promise<void> {
  const running = await startLocalCloud({ port: 0, hospitalUrl, env: { PALM_DEV: '1', FRONT_MACHINE_URL: frontMachineUrl, FRONT_MACHINE_KEY: hmacKey, LOG_LEVEL: 'silent' } });
  answerCpuUsage();
  onMessage(async (message: { cmd?: string }) => {
    if (message.cmd !== 'close') return;
    await running.close();
    process.exit(0);
  });
  process.send?.({ ready: true, url: running.url });
}

// Forked by startCloudChild (argv: cloud <frontMachineUrl> <key> <hospitalUrl>); importing this module runs nothing.
if (process.argv[2] === 'cloud' && /rush\.ts$/.test(process.argv[1] ?? '')) {
  const [, , , fmUrl, key, hospitalUrl] = process.argv;
  runCloud(fmUrl ?? '', key ?? '', hospitalUrl ?? '').catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

