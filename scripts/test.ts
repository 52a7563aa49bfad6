/**
 * `npm test`: type-check, lint, then the whole jest suite under TZ=UTC, then the time-sensitive
 * node tests again under a far-off zone (UTC+14), so no rule leans on the machine's zone.
 * Ends with one summary line `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
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

const checks = [
  run('type-check (tsc --noEmit, one project per runtime)', bin('tsx'), [join(root, 'scripts', 'typecheck.ts')]),
  run('lint (eslint)', bin('eslint'), ['.']),
];
const all = jest('jest, TZ=UTC', 'UTC', process.argv.slice(2));
const far = jest('jest node tests, TZ=Pacific/Kiritimati (UTC+14)', 'Pacific/Kiritimati', [
  '--selectProjects',
  'node',
  '--testPathPatterns',
  'miniprogram/core|cloudfunctions|test/(journey|booking|payments|core)',
]);

const passed = all.summary.numPassedTests + far.summary.numPassedTests;
const failed = all.summary.numFailedTests + far.summary.numFailedTests;
const skipped = all.summary.numPendingTests + far.summary.numPendingTests;
const ok = checks.every((s) => s === 0) && all.status === 0 && far.status === 0;
if (!ok) console.log('\nSome checks failed: see above.');
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
