/** The release-time protection of CachedHospital against a hand-written hospital double. */
import { AppError } from '../../../miniprogram/core/errors';
import { StubHospital } from '../../testing/stub-hospital';
import { CachedHospital, type BookingOutcome } from './cached';

const TTL = 10_000;

describe('CachedHospital at release time', () => {
  let now: number;
  let inner: StubHospital;
  let outcomes: BookingOutcome[];
  let cache: CachedHospital;

  beforeEach(() => {
    now = 1_000_000;
    inner = new StubHospital();
    outcomes = [];
    cache = new CachedHospital(inner, { refTtlMs: 600_000, scheduleTtlMs: TTL, clock: () => now, onBooking: (o) => outcomes.push(o) });
  });

  const soldOut = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'SOLD_OUT', field: 'slotId', message: '该时段已被预约，请选择其他时段' });

  it('answers SOLD_OUT without a hospital call for a slot a cached list shows taken, until the TTL passes', async () => {
    await cache.slots('S1');
    await soldOut(cache.bookAppointment('P2', 'S1-02'));
    await soldOut(cache.holdSlot('P2', 'S1-02', 10));
    expect(inner.calls).toEqual(['slots:S1']);
    now += TTL;
    await soldOut(cache.bookAppointment('P2', 'S1-02'));
    expect(inner.calls).toEqual(['slots:S1', 'bookAppointment:P2:S1-02']);
    expect(outcomes).toEqual(['soldOutFast', 'soldOutFast', 'soldOutHospital']);
  });

  it('invalidates the cached list after a booking, and remembers the booked slot', async () => {
    expect((await cache.slots('S1')).slots.find((s) => s.slotId === 'S1-01')?.state).toBe('free');
    await cache.bookAppointment('P1', 'S1-01');
    expect((await cache.slots('S1')).slots.find((s) => s.slotId === 'S1-01')?.state).toBe('booked');
    expect(inner.calls.filter((c) => c === 'slots:S1')).toHaveLength(2);
    await soldOut(cache.bookAppointment('P2', 'S1-01'));
    // The same patient again (a double submission) still reaches the hospital.
    await expect(cache.bookAppointment('P1', 'S1-01')).rejects.toBeInstanceOf(AppError);
    expect(inner.calls.filter((c) => c.startsWith('bookAppointment'))).toEqual(['bookAppointment:P1:S1-01', 'bookAppointment:P1:S1-01']);
    expect(outcomes).toEqual(['accepted', 'soldOutFast', 'soldOutHospital']);
  });

  it('never stores a list loaded before our own booking finished', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slots = inner.slots.bind(inner);
    // The hospital reads the slots before the booking, but the answer arrives after it.
    inner.slots = async (scheduleId) => {
      const answer = await slots(scheduleId);
      await gate;
      return answer;
    };
    const stale = cache.slots('S1');
    await new Promise((r) => setImmediate(r));
    await cache.bookAppointment('P1', 'S1-01');
    release();
    expect((await stale).slots.find((s) => s.slotId === 'S1-01')?.state).toBe('free'); // that caller asked before
    inner.slots = slots;
    expect((await cache.slots('S1')).slots.find((s) => s.slotId === 'S1-01')?.state).toBe('booked');
  });

  it('a cancellation or refund frees the slot in the cache too', async () => {
    await cache.slots('S1');
    await cache.bookAppointment('P1', 'S1-01');
    await cache.cancelAppointment('YY10000001');
    expect((await cache.slots('S1')).slots.find((s) => s.slotId === 'S1-01')?.state).toBe('free');
    await cache.bookAppointment('P2', 'S1-01');
    await cache.refundRegistration('GH10000001', 'OT20261127000001');
    await expect(cache.bookAppointment('P3', 'S1-01')).resolves.toMatchObject({ slotId: 'S1-01' });
  });

  it('a session known to have nothing left answers SOLD_OUT for any of its slots', async () => {
    inner.slotStates = { 'S1-01': 'booked', 'S1-02': 'booked' };
    await cache.slots('S1');
    now += TTL - 1;
    await soldOut(cache.bookAppointment('P2', 'S1-01'));
    expect(inner.calls).toEqual(['slots:S1']);
  });

  it('does not cache appointments, registrations or the queue', async () => {
    await cache.appointments('P1');
    await cache.appointments('P1');
    await cache.registrations('P1');
    await cache.registrations('P1');
    await cache.queueStatus('GH1');
    await cache.queueStatus('GH1');
    expect(inner.calls).toEqual(['appointments:P1', 'appointments:P1', 'registrations:P1', 'registrations:P1', 'queueStatus:GH1', 'queueStatus:GH1']);
  });
});
