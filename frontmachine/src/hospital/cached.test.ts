import { AppError } from '../../../miniprogram/core/errors';
import type { Department, Schedule } from '../../../typings/hospital';
import { StubHospital } from '../../testing/stub-hospital';
import { CachedHospital, NEGATIVE_TTL_MS } from './cached';

const REF_TTL = 600_000;
const SCHEDULE_TTL = 10_000;

describe('CachedHospital', () => {
  let now: number;
  let inner: StubHospital;
  let lookups: boolean[];
  let cache: CachedHospital;

  beforeEach(() => {
    now = 1_000_000;
    inner = new StubHospital();
    lookups = [];
    cache = new CachedHospital(inner, { refTtlMs: REF_TTL, scheduleTtlMs: SCHEDULE_TTL, clock: () => now, onLookup: (hit) => lookups.push(hit) });
  });

  it('serves reference data from cache until the reference TTL has passed', async () => {
    const first = await cache.hospitalInfo();
    now += REF_TTL - 1;
    expect(await cache.hospitalInfo()).toBe(first);
    expect(inner.calls).toEqual(['hospitalInfo']);
    now += 1;
    await cache.hospitalInfo();
    expect(inner.calls).toEqual(['hospitalInfo', 'hospitalInfo']);
    expect(lookups).toEqual([false, true, false]);
  });

  it('caches departments, doctor lists and doctors with the reference TTL', async () => {
    await cache.departments();
    await cache.doctors('NK01');
    await cache.doctor('D001');
    now += REF_TTL - 1;
    await cache.departments();
    await cache.doctors('NK01');
    await cache.doctor('D001');
    expect(inner.calls).toEqual(['departments', 'doctors:NK01', 'doctor:D001']);
  });

  it('keys by argument', async () => {
    await cache.doctor('D001');
    await expect(cache.doctor('D002')).rejects.toBeInstanceOf(AppError);
    await cache.schedules({ deptId: 'NK01', from: '2026-11-26', to: '2026-11-27' });
    await cache.schedules({ deptId: 'NK01', from: '2026-11-26', to: '2026-11-28' });
    await cache.schedules({ doctorId: 'NK01', from: '2026-11-26', to: '2026-11-28' });
    await cache.schedules({ deptId: 'NK01', from: '2026-11-26', to: '2026-11-27' });
    expect(inner.calls).toEqual([
      'doctor:D001',
      'doctor:D002',
      'schedules:NK01:2026-11-26:2026-11-27',
      'schedules:NK01:2026-11-26:2026-11-28',
      'schedules:NK01:2026-11-26:2026-11-28',
    ]);
  });

  it('keeps schedules only for the schedule TTL', async () => {
    const q = { deptId: 'NK01', from: '2026-11-26', to: '2026-11-27' } as const;
    await cache.schedules(q);
    now += SCHEDULE_TTL - 1;
    await cache.schedules(q);
    expect(inner.calls).toHaveLength(1);
    now += 1;
    await cache.schedules(q);
    expect(inner.calls).toHaveLength(2);
  });

  it('answers an unknown department or doctor from a short negative cache (60 s), so random ids do not each cost a hospital call', async () => {
    await expect(cache.doctors('NOPE')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'deptId' });
    await expect(cache.doctors('NOPE')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'deptId' });
    await expect(cache.doctor('D404')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'doctorId' });
    await expect(cache.doctor('D404')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'doctorId' });
    expect(inner.calls).toEqual(['doctors:NOPE', 'doctor:D404']);
    now += NEGATIVE_TTL_MS;
    await expect(cache.doctors('NOPE')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(inner.calls).toEqual(['doctors:NOPE', 'doctor:D404', 'doctors:NOPE']);
  });

  it('never caches any other failure', async () => {
    const flaky = new StubHospital();
    flaky.doctors = async () => {
      flaky.calls.push('doctors');
      throw new AppError('HOSPITAL_UNAVAILABLE');
    };
    const c = new CachedHospital(flaky, { refTtlMs: REF_TTL, scheduleTtlMs: SCHEDULE_TTL, clock: () => now });
    await expect(c.doctors('NK01')).rejects.toMatchObject({ code: 'HOSPITAL_UNAVAILABLE' });
    await expect(c.doctors('NK01')).rejects.toMatchObject({ code: 'HOSPITAL_UNAVAILABLE' });
    expect(flaky.calls).toEqual(['doctors', 'doctors']);
  });

  it('recovers as soon as the hospital answers again', async () => {
    let down = true;
    const flaky = new StubHospital();
    const departments = flaky.departments.bind(flaky);
    flaky.departments = async () => {
      if (down) throw new AppError('HOSPITAL_UNAVAILABLE');
      return departments();
    };
    const c = new CachedHospital(flaky, { refTtlMs: REF_TTL, scheduleTtlMs: SCHEDULE_TTL, clock: () => now });
    await expect(c.departments()).rejects.toMatchObject({ code: 'HOSPITAL_UNAVAILABLE' });
    down = false;
    expect(await c.departments()).toHaveLength(1);
  });

  describe('single-flight', () => {
    function gated<T>(value: T) {
      let open: (v: T) => void = () => {};
      let shut: (e: unknown) => void = () => {};
      const promise = new Promise<T>((resolve, reject) => {
        open = resolve;
        shut = reject;
      });
      return { promise, open: () => open(value), shut: (e: unknown) => shut(e) };
    }

    it('shares one hospital call among concurrent misses of the same key', async () => {
      const gate = gated<Department[]>([]);
      let calls = 0;
      inner.departments = () => {
        calls += 1;
        return gate.promise;
      };
      const all = Promise.all(Array.from({ length: 5 }, () => cache.departments()));
      gate.open();
      const results = await all;
      expect(calls).toBe(1);
      expect(new Set(results).size).toBe(1);
      expect(lookups).toEqual([false, true, true, true, true]);
    });

    it('shares a failure too, then tries again on the next call', async () => {
      const gate = gated<Schedule[]>([]);
      let calls = 0;
      inner.schedules = () => {
        calls += 1;
        return calls === 1 ? gate.promise : Promise.resolve([]);
      };
      const q = { doctorId: 'D001', from: '2026-11-26', to: '2026-11-26' } as const;
      const all = Promise.allSettled([cache.schedules(q), cache.schedules(q), cache.schedules(q)]);
      gate.shut(new AppError('HOSPITAL_UNAVAILABLE'));
      expect((await all).map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(calls).toBe(1);
      expect(await cache.schedules(q)).toEqual([]);
      expect(calls).toBe(2);
    });

    it('does not merge different keys', async () => {
      await Promise.all([cache.doctor('D001'), cache.doctors('NK01'), cache.doctor('D001')]);
      expect(inner.calls).toEqual(['doctor:D001', 'doctors:NK01']);
    });
  });

  it('forgets the oldest entries beyond its size limit', async () => {
    const small = new CachedHospital(inner, { refTtlMs: REF_TTL, scheduleTtlMs: SCHEDULE_TTL, clock: () => now, maxEntries: 2 });
    await small.doctors('NK01');
    await small.doctor('D001');
    await small.hospitalInfo();
    await small.doctors('NK01');
    expect(inner.calls).toEqual(['doctors:NK01', 'doctor:D001', 'hospitalInfo', 'doctors:NK01']);
  });

  it('never caches patients, cards or check-in codes: each call reaches the hospital, and none counts as a lookup', async () => {
    const registration = { name: '王小明', idCardNo: '110105199003071239', phone: '13812345678', caller: 'c0ffee00c0ffee00', challengeId: 'VC1', code: '123456' };
    for (let i = 0; i < 2; i++) {
      await cache.registerPatient(registration);
      await cache.card('9100000001');
      await cache.patientQrCode('P10000001');
    }
    await expect(cache.card('9100000404')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'cardNo' });
    expect(inner.calls).toEqual([
      'registerPatient',
      'card:9100000001',
      'patientQrCode:P10000001',
      'registerPatient',
      'card:9100000001',
      'patientQrCode:P10000001',
      'card:9100000404',
    ]);
    expect(lookups).toEqual([]);
  });

  it('never caches bills, payments or costs: live money and personal data', async () => {
    const confirmation = { patientId: 'P10000001', billIds: ['SF10000001'], amount: 2850, outTradeNo: 'OT000001', transactionId: '4200000001', paidAt: '2026-11-26T01:31:00.000Z' };
    for (let i = 0; i < 2; i++) {
      await cache.pendingBills('P10000001');
      await cache.confirmPayment(confirmation);
      await cache.payments('2026-11-26');
      await cache.costs('P10000001');
    }
    expect(inner.calls).toEqual(
      [1, 2].flatMap(() => ['pendingBills:P10000001', 'confirmPayment:OT000001', 'payments:2026-11-26', 'costs:P10000001']),
    );
    expect(lookups).toEqual([]);
  });
});
