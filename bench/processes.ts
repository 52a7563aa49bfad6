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
  /** CPU time each child has used so far, ms (user + system). */
  cpuMs(): Promise<{ hospital: number; frontMachine: number }>;
  close(): Promise<void>;
}

let requestSeq = 0;

/** In a bench child: `{cmd: 'cpu', id}` answers this process's CPU time so far, ms (user + system). */
export function answerCpuUsage(): void {
  process.on('message', (message: { cmd?: string; id?: number }) => {
    if (message.cmd !== 'cpu' || message.id === undefined) return;
    const { user, system } = process.cpuUsage();
    process.send?.({ id: message.id, result: (user + system) / 1000 });
  });
}

/** Sends `message` with a fresh id to a bench child and resolves with its `{id, result}` answer. */
export function ask<T>(child: ChildProcess, message: Record<string, unknown>): Promise<T> {
  const id = ++requestSeq;
  return new Promise((resolve) => {
    const onMessage = (m: { id?: number; result?: unknown }) => {
      if (m.id !== id) return;
      child.off('message', onMessage);
      resolve(m.result as T);
    };
    child.on('message', onMessage);
    child.send({ ...message, id });
  });
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
  return {
    hospitalUrl: hospital.url,
    frontMachineUrl: fm.url,
    hmacKey: BENCH_HMAC_KEY,
    hospital<T>(command: Exclude<HospitalCommand, { cmd: 'close' }>): Promise<T> {
      return ask<T>(hospital.child, command);
    },
    async cpuMs() {
      const [h, f] = await Promise.all([ask<number>(hospital.child, { cmd: 'cpu' }), ask<number>(fm.child, { cmd: 'cpu' })]);
      return { hospital: h, frontMachine: f };
    },
    async close() {
      await stop(fm.child);
      await stop(hospital.child);
    },
  };
}

/** Handles the parent's commands in a child; a failure ends the child loudly, never silently. */
export function onMessage<M>(handle: (message: M) => Promise<void>): void {
  process.on('message', (message: M) => {
    handle(message).catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  });
}
