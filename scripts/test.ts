/**
 * `npm test`: type-check and lint (side by side), then the whole jest suite under TZ=UTC, then the
 * time-sensitive node tests again under a far-off zone (UTC+14), so no rule leans on the machine's
 * zone. Ends with one summary line `N passed, N failed`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

function run(label: string, cmd: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`  ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status ?? 1;
}

interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}

function jest(label: string, tz: string, extra: string[]): { status: number; summary: JestSummary } {
  const out = join(mkdtempSync(join(tmpdir(), 'palm-jest-')), 'result.json');
  const status = run(label, bin('jest'), ['--json', `--outputFile=${out}`, ...extra], { TZ: tz });
  try {
    return { status, summary: JSON.parse(readFileSync(out, 'utf8')) as JestSummary };
  } catch {
    return { status: status || 1, summary: { numPassedTests: 0, numFailedTests: 1, numPendingTests: 0 } };
  }
}

/** Runs a check with its output held back, so two checks side by side print one after the other. */
function background(label: string, cmd: string, args: string[]): Promise<number> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: root, env: process.env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      console.log(`\n▶ ${label}\n${output.trimEnd()}`);
      console.log(`  ${label}: ${code === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      done(code ?? 1);
    });
  });
}

/**
 * The suites whose rules depend on the hospital's calendar (windows, deadlines, published days,
 * the Beijing day of reconciliation), run again under UTC+14. A new time-sensitive suite adds its
 * path here; suites about money balance, races or authorization do not depend on the zone.
 */
const TIME_SENSITIVE = [
  'miniprogram/core/',
  'test/core/',
  'cloudfunctions/(api/src|common)/',
  'test/booking/(booking|rules)\\.test',
  'test/journey/booking\\.test',
  'test/payments/reconcile\\.test',
  'sandbox/hospital/(booking|booking-rules|clock|seed|services)\\.test',
  'sandbox/cloud/timers\\.test',
  'frontmachine/src/booking\\.test',
  // The hospital clock's days and hours: ward charges per day, reminders at 18:00 / 07:00, surveys at 19:00, codes' 5 minutes.
  'sandbox/hospital/(inpatient|notices|events|verification)\\.test',
  'sandbox/hospital/after-visit/',
  'test/journey/(inpatient|push|identity)\\.test',
  'test/services/',
];

async function main(): Promise<void> {
  // tsc and eslint are single-threaded: side by side they take the time of the longer one.
  const checks = await Promise.all([
    background('type-check (tsc --noEmit, one project per runtime)', bin('tsx'), [join(root, 'scripts', 'typecheck.ts')]),
    background('lint (eslint)', bin('eslint'), ['.']),
  ]);
  // Jest's default on a 2-core machine is a single worker; the suites wait on I/O often enough for two.
  const workers = `--maxWorkers=${process.env.JEST_WORKERS ?? '2'}`;
  const all = jest('jest, TZ=UTC', 'UTC', [workers, ...process.argv.slice(2)]);
  const far = jest('jest time-sensitive node tests, TZ=Pacific/Kiritimati (UTC+14)', 'Pacific/Kiritimati', [
    workers,
    '--selectProjects',
    'node',
    '--testPathPatterns',
    TIME_SENSITIVE.join('|'),
  ]);
  report(checks, all, far);
}

function report(checks: number[], all: { status: number; summary: JestSummary }, far: { status: number; summary: JestSummary }): void {
  const passed = all.summary.numPassedTests + far.summary.numPassedTests;
  const failed = all.summary.numFailedTests + far.summary.numFailedTests;
  const skipped = all.summary.numPendingTests + far.summary.numPendingTests;
  const ok = checks.every((s) => s === 0) && all.status === 0 && far.status === 0;
  if (!ok) console.log('\nSome checks failed: see above.');
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

void main();
