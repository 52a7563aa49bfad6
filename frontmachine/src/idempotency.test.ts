import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { FM_HEADERS } from '../../protocol/signature';
import { AppError } from '../../miniprogram/core/errors';
import { validate } from '../../miniprogram/core/validate';
import { createApp } from './app';
import { defineOperation, type OperationTable } from './operations';
import { SqliteStore } from './store';
import { listen, request } from '../testing/http';
import { signHeaders, TEST_KEY } from '../testing/signed';
import { StubHospital } from '../testing/stub-hospital';

const T0 = Date.UTC(2026, 10, 26, 1, 30, 0);
const PATH = '/v1/test.book';

/** A test-only write: books `slot`, counting how often it really ran. */
function bookingOperation(state: { runs: number; outcome: 'ok' | 'unavailable' | 'sold_out'; gate?: Promise<void> }): OperationTable {
  return {
    'test.book': defineOperation<{ slot: string }, { bookingNo: string; run: number }>({
      write: true,
      check: (input) => validate({ slot: { type: 'string', label: '号源', required: true } }, input),
      handle: async ({ slot }) => {
        state.runs += 1;
        const run = state.runs;
        await state.gate;
        if (state.outcome === 'unavailable') throw new AppError('HOSPITAL_UNAVAILABLE');
        if (state.outcome === 'sold_out') throw new AppError('SOLD_OUT');
        return { bookingNo: `B-${slot}-${run}`, run };
      },
    }),
  };
}

describe('idempotent writes', () => {
  let app: FastifyInstance;
  let url: string;
  let store: SqliteStore;
  let state: { runs: number; outcome: 'ok' | 'unavailable' | 'sold_out'; gate?: Promise<void> };

  beforeEach(async () => {
    state = { runs: 0, outcome: 'ok' };
    store = new SqliteStore(':memory:');
    app = createApp({ hmacKey: TEST_KEY, hospital: new StubHospital(), clock: () => T0, store, operations: bookingOperation(state) });
    url = await listen(app);
  });
  afterEach(async () => {
    await app.close();
    store.close();
  });

  const book = (body: string, key?: string) =>
    request(url, 'POST', PATH, { ...signHeaders(PATH, body, T0), ...(key === undefined ? {} : { [FM_HEADERS.idempotencyKey]: key }) }, body);

  it('runs a write once and replays its first answer to a retry with the same key', async () => {
    const first = await book('{"slot":"S1"}', 'key-1');
    const retry = await book('{"slot":"S1"}', 'key-1');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ ok: true, data: { bookingNo: 'B-S1-1', run: 1 } });
    expect(retry.statusCode).toBe(200);
    expect(retry.text).toBe(first.text);
    expect(state.runs).toBe(1);
  });

  it('runs again under a new key', async () => {
    await book('{"slot":"S1"}', 'key-1');
    const other = await book('{"slot":"S1"}', 'key-2');
    expect(other.json()).toEqual({ ok: true, data: { bookingNo: 'B-S1-2', run: 2 } });
    expect(state.runs).toBe(2);
  });

  it('refuses the same key with another body as CONFLICT (409) without running', async () => {
    await book('{"slot":"S1"}', 'key-1');
    const res = await book('{"slot":"S2"}', 'key-1');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((res.json() as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
    expect(state.runs).toBe(1);
  });

  it('refuses a write without an Idempotency-Key (400 INVALID_INPUT)', async () => {
    const res = await book('{"slot":"S1"}');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: FM_HEADERS.idempotencyKey });
    expect(state.runs).toBe(0);
  });

  it('lets a retry that arrives while the first is running wait for the first answer', async () => {
    let open = () => {};
    state.gate = new Promise<void>((resolve) => (open = resolve));
    const first = book('{"slot":"S1"}', 'key-1');
    // Wait until the first request is inside the handler.
    while (state.runs === 0) await new Promise((r) => setTimeout(r, 5));
    const retry = book('{"slot":"S1"}', 'key-1');
    const clash = await book('{"slot":"S9"}', 'key-1');
    expect(clash.statusCode).toBe(409);
    open();
    const [a, b] = await Promise.all([first, retry]);
    expect(b.text).toBe(a.text);
    expect(state.runs).toBe(1);
  });

  it('never replays a refusal: a later attempt with the same key is asked again (the slot freed up) and its success is kept', async () => {
    state.outcome = 'sold_out';
    const first = await book('{"slot":"S1"}', 'key-1');
    expect(first.json()).toMatchObject({ ok: false, code: 'SOLD_OUT' });
    state.outcome = 'ok';
    const later = await book('{"slot":"S1"}', 'key-1');
    expect(later.json()).toEqual({ ok: true, data: { bookingNo: 'B-S1-2', run: 2 } });
    const retry = await book('{"slot":"S1"}', 'key-1');
    expect(retry.text).toBe(later.text);
    expect(state.runs).toBe(2);
  });

  it('a retry while the first attempt is in flight gets its answer, refusal or not, without running twice', async () => {
    state.outcome = 'sold_out';
    let open!: () => void;
    state.gate = new Promise<void>((resolve) => (open = resolve));
    const first = book('{"slot":"S1"}', 'key-1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = book('{"slot":"S1"}', 'key-1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    open();
    expect((await first).json()).toMatchObject({ ok: false, code: 'SOLD_OUT' });
    expect((await second).json()).toMatchObject({ ok: false, code: 'SOLD_OUT' });
    expect(state.runs).toBe(1);
  });

  it('does not keep HOSPITAL_UNAVAILABLE: the retry reaches the hospital again', async () => {
    state.outcome = 'unavailable';
    const first = await book('{"slot":"S1"}', 'key-1');
    expect(first.json()).toMatchObject({ ok: false, code: 'HOSPITAL_UNAVAILABLE' });
    state.outcome = 'ok';
    const retry = await book('{"slot":"S1"}', 'key-1');
    expect(retry.json()).toMatchObject({ ok: true, data: { run: 2 } });
    expect(state.runs).toBe(2);
  });

  it('does not keep refused input: the key stays usable', async () => {
    const bad = await book('{"slot":""}', 'key-1');
    expect(bad.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'slot' });
    const good = await book('{"slot":"S1"}', 'key-1');
    expect(good.json()).toMatchObject({ ok: true });
    expect(state.runs).toBe(1);
  });

  it('does not ask read operations for a key', async () => {
    const res = await request(url, 'POST', '/v1/hospital.info', signHeaders('/v1/hospital.info', '', T0), '');
    expect(res.json()).toMatchObject({ ok: true });
  });
});

describe('idempotency records in a file store', () => {
  it('survive a restart of the front machine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fm-store-'));
    const path = join(dir, 'store.db');
    const state = { runs: 0, outcome: 'ok' as const };
    const body = '{"slot":"S1"}';
    try {
      const answers: string[] = [];
      for (let i = 0; i < 2; i++) {
        const store = new SqliteStore(path);
        const app = createApp({ hmacKey: TEST_KEY, hospital: new StubHospital(), clock: () => T0, store, operations: bookingOperation(state) });
        const url = await listen(app);
        const res = await request(url, 'POST', PATH, { ...signHeaders(PATH, body, T0), [FM_HEADERS.idempotencyKey]: 'key-1' }, body);
        answers.push(res.text);
        await app.close();
        store.close();
      }
      expect(answers[1]).toBe(answers[0]);
      expect(state.runs).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
