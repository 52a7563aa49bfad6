/**
 * The sandbox hospital and the front machine, each in a child process (bench/stack-child.ts), so the
 * load generator in this process measures the servers instead of competing with them for one event loop.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { BookingCount, HospitalCommand } from './stack-child';

export const BENCH_HMAC_KEY = 'palm-hospital-bench-key-0123456789';

export interface BenchStack {
  hospitalUrl: string;
  frontMachineUrl: string;
  hmacKey: string;
  /** Asks the hospital process (set-up and counting that need its database). */
  hospital<T>(command: Exclude<HospitalCommand, { cmd: 'close' }>): Promise<T>;
  close(): Promise<void>;
}

export type { BookingCount };

function start(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(join(__dirname, 'stack-child.ts'), args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench child ${args[0]} exited with ${code}`)));
    child.on('message', (m: { ready?: boolean; url?: string }) => {
      if (m.ready === true && m.url !== undefined) resolve({ child, url: m.url });
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send({ cmd: 'close' });
  });
}

export async function startBenchStack(frontMachineEnv: Record<string, string> = {}): Promise<BenchStack> {
  const hospital = await start(['hospital']);
  const fm = await start(['frontmachine', hospital.url, BENCH_HMAC_KEY], frontMachineEnv);
  let seq = 0;
  return {
    hospitalUrl: hospital.url,
    frontMachineUrl: fm.url,
    hmacKey: BENCH_HMAC_KEY,
    hospital<T>(command: Exclude<HospitalCommand, { cmd: 'close' }>): Promise<T> {
      const id = ++seq;
      return new Promise((resolve) => {
        const onMessage = (m: { id?: number; result?: unknown }) => {
          if (m.id !== id) return;
          hospital.child.off('message', onMessage);
          resolve(m.result as T);
        };
        hospital.child.on('message', onMessage);
        hospital.child.send({ ...command, id });
      });
    },
    async close() {
      await stop(fm.child);
      await stop(hospital.child);
    },
  };
}
