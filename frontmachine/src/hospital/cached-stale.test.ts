import { AppError } from '../../../miniprogram/core/errors';
import type { Department, HospitalInfo, Schedule } from '../../../typings/hospital';
import { StubHospital } from '../../testing/stub-hospital';
import { CachedHospital, referenceReads } from './cached';
import { freshReads } from './last-good';
import type { SessionSlots } from './port';

const REF_TTL = 600_000;
const SCHEDULE_TTL = 10_000;
const WEEK = { deptId: 'NK01', from: '2026-11-26', to: '2026-11-27' };

/** The stub hospital that stops answering (its HSB down) or refuses (NOT_FOUND) while `down` says so. */
class FailingHospital extends StubHospital {
  down: 'no' | 'unavailable' | 'not-found' = 'no';

  private check(call: string): void {
    if (this.down !== 'no') this.calls.push(call);
    if (this.down === 'unavailable') throw new AppError('HOSPITAL_UNAVAILABLE', '医院系统暂时无法连接，请稍后再试');
    if (this.down === 'not-found') throw new AppError('NOT_FOUND', '医生不存在', 'doctorId');
  }

  override async hospitalInfo(): Promise<HospitalInfo> {
    this.check('hospitalInfo');
    return super.hospitalInfo();
  }
  override async departments(): Promise<Department[]> {
    this.check('departments');
    return super.departments();
  }
  override async doctors(deptId: string): ReturnType<StubHospital['doctors']> {
    this.check(`doctors:${deptId}`);
    return super.doctors(deptId);
  }
  override async schedules(query: Parameters<StubHospital['schedules']>[0]): Promise<Schedule[]> {
    this.check(`schedules:${query.deptId ?? query.doctorId}:${query.from}:${query.to}`);
    return super.schedules(query);
  }
  override async slots(scheduleId: string): Promise<SessionSlots> {
    this.check(`slots:${scheduleId}`);
    return super.slots(scheduleId);
  }
}

describe('CachedHospital.lastGood: reference reads when the hospital does not answer', () => {
  let now: number;
  let inner: FailingHospital;
  let staleAnswers: number;
  let cache: CachedHospital;

  beforeEach(() => {
    now = Date.parse('2026-11-26T01:00:00Z');
    inner = new FailingHospital();
    staleAnswers = 0;
    cache = new CachedHospital(inner, { refTtlMs: REF_TTL, scheduleTtlMs: SCHEDULE_TTL, clock: () => now, onStale: () => (staleAnswers += 1) });
  });

  it('answers fresh reads unmarked', async () => {
    const read = await cache.lastGood.hospitalInfo();
    expect(read.staleSince).toBeUndefined();
    expect(read.value.name).toBe((await inner.hospitalInfo()).name);
  });

  it('answers the last good copy, however old, marked with when the hospital gave it', async () => {
    const fetchedAt = new Date(now).toISOString();
    const info = (await cache.lastGood.hospitalInfo()).value;
    const departments = (await cache.lastGood.departments()).value;
    const doctors = (await cache.lastGood.doctors('NK01')).value;
    await cache.lastGood.schedules(WEEK);
    inner.down = 'unavailable';
    now += 30 * 24 * 3600_000; // a month later, long past every TTL
    inner.calls = [];
    expect(await cache.lastGood.hospitalInfo()).toEqual({ value: info, staleSince: fetchedAt });
    expect(await cache.lastGood.departments()).toEqual({ value: departments, staleSince: fetchedAt });
    expect(await cache.lastGood.doctors('NK01')).toEqual({ value: doctors, staleSince: fetchedAt });
    expect(await cache.lastGood.schedules(WEEK)).toEqual({ value: [], staleSince: fetchedAt });
    // Each went to the hospital first: a stale copy is the fallback, never the first answer.
    expect(inner.calls).toEqual(['hospitalInfo', 'departments', 'doctors:NK01', 'schedules:NK01:2026-11-26:2026-11-27']);
    expect(staleAnswers).toBe(4);
  });

  it('takes the hospital again once it answers, and moves the mark to the new copy', async () => {
    await cache.lastGood.departments();
    inner.down = 'unavailable';
    now += REF_TTL;
    expect((await cache.lastGood.departments()).staleSince).toBeDefined();
    inner.down = 'no';
    expect((await cache.lastGood.departments()).staleSince).toBeUndefined();
    const refreshedAt = new Date(now).toISOString();
    inner.down = 'unavailable';
    now += REF_TTL;
    expect((await cache.lastGood.departments()).staleSince).toBe(refreshedAt);
  });

  it('fails as the hospital does when there is no copy, or when the hospital answered (NOT_FOUND is an answer)', async () => {
    inner.down = 'unavailable';
    await expect(cache.lastGood.hospitalInfo()).rejects.toMatchObject({ code: 'HOSPITAL_UNAVAILABLE' });
    inner.down = 'no';
    await cache.lastGood.doctors('NK01');
    inner.down = 'not-found';
    now += REF_TTL;
    await expect(cache.lastGood.doctors('NK01')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(staleAnswers).toBe(0);
  });

  it('never answers slot lists stale: what is bookable comes from the hospital or not at all', async () => {
    await cache.slots('S1');
    inner.down = 'unavailable';
    now += SCHEDULE_TTL;
    await expect(cache.slots('S1')).rejects.toMatchObject({ code: 'HOSPITAL_UNAVAILABLE' });
  });

  it('an uncached hospital reads fresh, and a failure stays a failure', async () => {
    expect(referenceReads(cache)).toBe(cache.lastGood);
    const reads = referenceReads(inner);
    expect((await reads.departments()).staleSince).toBeUndefined();
    inner.down = 'unavailable';
    await expect(freshReads(inner).departments()).rejects.toMatchObject({ code: 'HOSPITAL_UNAVAILABLE' });
  });
});
