import pino from 'pino';
import { requestContext } from '../request-context';
import { startFakeHsb, type FakeHsb } from '../../testing/fake-hsb';
import { HsbClient, HsbUnavailableError } from './client';
import { ConcurrencyLimit, QueueTimeoutError } from './limiter';

const silent = pino({ level: 'silent' });

/** Lets pending promise callbacks and I/O run. */
const settle = () => new Promise((r) => setTimeout(r, 10));

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await settle();
}

describe('ConcurrencyLimit', () => {
  it('never runs more than its cap and starts waiters in order', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const started: number[] = [];
    const tasks = Array.from({ length: 7 }, (_, i) =>
      limit.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        started.push(i);
        await new Promise<void>((r) => releases.push(r));
        running -= 1;
        return i;
      }),
    );
    await settle();
    expect([limit.active, limit.waiting]).toEqual([2, 5]);
    while (releases.length > 0 || limit.waiting > 0 || limit.active > 0) {
      releases.shift()?.();
      await settle();
      expect(running).toBeLessThanOrEqual(2);
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(2);
  });

  it('frees the slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit.run(async () => 'next')).toBe('next');
    expect(limit.active).toBe(0);
  });

  it('sheds a waiter that waited longer than allowed, without losing the slot', async () => {
    const limit = new ConcurrencyLimit(1);
    let release = () => {};
    const holder = limit.run(() => new Promise<void>((r) => (release = r)));
    await expect(limit.run(async () => 'late', 20)).rejects.toBeInstanceOf(QueueTimeoutError);
    expect(limit.waiting).toBe(0);
    release();
    await holder;
    expect(await limit.run(async () => 'free again')).toBe('free again');
  });
});

describe('HsbClient concurrency cap', () => {
  let fake: FakeHsb;
  afterEach(async () => {
    await fake.close();
  });

  it('keeps at most HSB_CONCURRENCY calls in flight; the rest queue and all complete', async () => {
    fake = await startFakeHsb(() => ({ hang: true }));
    const client = new HsbClient({ url: fake.url, timeoutMs: 10_000, concurrency: 3, clock: () => 0, logger: silent });
    const calls = Array.from({ length: 12 }, () => client.call('QueryDepartments', {}));
    await until(() => fake.hanging() === 3);
    expect(client.load).toEqual({ active: 3, waiting: 9 });
    while (fake.calls.length < 12 || fake.hanging() > 0) {
      fake.releaseOne();
      await settle();
      expect(fake.inFlight).toBeLessThanOrEqual(3);
    }
    const replies = await Promise.all(calls);
    expect(replies.every((r) => r.resultCode === '0')).toBe(true);
    expect(fake.maxInFlight).toBe(3);
    expect(fake.calls).toHaveLength(12);
  });

  it('sheds calls that cannot get a slot within the timeout as unavailable', async () => {
    fake = await startFakeHsb(() => ({ hang: true }));
    const client = new HsbClient({ url: fake.url, timeoutMs: 50, concurrency: 1, clock: () => 0, logger: silent });
    const results = await Promise.allSettled([client.call('QueryDepartments', {}), client.call('QueryDepartments', {}), client.call('QueryDepartments', {})]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(HsbUnavailableError);
    // The third waits behind two calls of up to 50 ms each, longer than it may wait: it never reaches the HSB.
    const third = results[2];
    expect(third?.status === 'rejected' && (third.reason as HsbUnavailableError).kind).toBe('queue');
    expect(fake.calls.length).toBeLessThanOrEqual(2);
  });

  it('counts the HSB calls made on behalf of a request', async () => {
    fake = await startFakeHsb(() => ({ bodyXml: '<Departments/>' }));
    const client = new HsbClient({ url: fake.url, timeoutMs: 1000, concurrency: 2, clock: () => 0, logger: silent });
    const ctx = { hsbCalls: 0 };
    await requestContext.run(ctx, async () => {
      await client.call('QueryDepartments', {});
      await client.call('GetHospitalInfo', {});
    });
    expect(ctx.hsbCalls).toBe(2);
  });
});
