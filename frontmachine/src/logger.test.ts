import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** Runs `body` in a fresh Node process with the default logger as `log`, answering its stdout lines. */
function stdoutOf(body: string): string[] {
  const script = `const { createLogger } = require('./frontmachine/src/logger'); const log = createLogger('info'); ${body}`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return run.stdout.split('\n').filter((l) => l !== '');
}

describe('the default logger (stdout, written asynchronously)', () => {
  it('loses no line when the process exits right after a burst, or crashes', () => {
    const burst = `for (let i = 0; i < 2000; i++) log.info({ i, name: '张小明' }, 'line');`;
    for (const ending of ['process.exit(0);', 'process.exit(1);', `throw new Error('crash');`]) {
      const lines = stdoutOf(`${burst} ${ending}`);
      expect(lines).toHaveLength(2000);
      expect(lines.map((l) => (JSON.parse(l) as { i: number }).i)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
      expect(lines.join('\n')).not.toContain('张小明');
    }
  });
});
