/**
 * `npm run typecheck`: one `tsc --noEmit` per runtime, each with only that runtime's globals —
 * the mini program (WeChat's typings, no Node), its pure core (neither), the cloud functions, the
 * front machine, the sandbox (Node) — and the root project for tests, scripts and benchmarks.
 * Two at a time; exits non-zero if any fails.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const TS_PROJECTS = [
  'tsconfig.json',
  'miniprogram/tsconfig.json',
  'miniprogram/core/tsconfig.json',
  'cloudfunctions/tsconfig.json',
  'frontmachine/tsconfig.json',
  'sandbox/tsconfig.json',
];

const root = join(__dirname, '..');
const tsc = join(root, 'node_modules', '.bin', 'tsc');

function check(project: string): Promise<{ project: string; ok: boolean; output: string }> {
  return new Promise((done) => {
    const child = spawn(tsc, ['-p', project, '--noEmit', '--pretty', 'false'], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => done({ project, ok: code === 0, output }));
  });
}

async function main(): Promise<void> {
  const queue = [...TS_PROJECTS];
  let failed = 0;
  const worker = async (): Promise<void> => {
    for (let project = queue.shift(); project !== undefined; project = queue.shift()) {
      const r = await check(project);
      console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.project}`);
      if (!r.ok) {
        failed += 1;
        process.stdout.write(r.output);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
