/** The booking rules on the business clock, at their edges (run under TZ=UTC and a far-off zone). */
import { hospitalInstant } from '../../miniprogram/core/time';
import { TAKE_NUMBER_OPENS_AT as HOSPITAL_OPENS_AT } from '../../sandbox/hospital/booking';
import { PUBLISHED_DAYS as HOSPITAL_PUBLISHED_DAYS } from '../../sandbox/hospital/schedule-generator';
import {
  BOOKING_MESSAGES,
  bookingWindowRefusal,
  canCancel,
  cancelDeadline,
  PUBLISHED_DAYS,
  TAKE_NUMBER_OPENS_AT,
  takeNumberRefusal,
} from '../../cloudfunctions/common/booking/rules';

const at = (wall: string) => hospitalInstant(wall);

test('the cloud’s windows are the hospital’s', () => {
  expect(TAKE_NUMBER_OPENS_AT).toBe(HOSPITAL_OPENS_AT);
  expect(PUBLISHED_DAYS).toBe(HOSPITAL_PUBLISHED_DAYS);
});

test('booking window: today → 当日挂号; tomorrow and day +6 bookable; day +7 and the past refused', () => {
  const now = at('2026-03-09 23:59:59');
  expect(bookingWindowRefusal('2026-03-09', now)).toBe(BOOKING_MESSAGES.sameDay);
  expect(bookingWindowRefusal('2026-03-10', now)).toBeUndefined();
  expect(bookingWindowRefusal('2026-03-15', now)).toBeUndefined();
  expect(bookingWindowRefusal('2026-03-16', now)).toBe(BOOKING_MESSAGES.outsideWindow);
  expect(bookingWindowRefusal('2026-03-08', now)).toBe(BOOKING_MESSAGES.outsideWindow);
  // One second later it is the 10th in Shanghai (still the 9th in UTC): tomorrow became today.
  expect(bookingWindowRefusal('2026-03-10', at('2026-03-10 00:00:00'))).toBe(BOOKING_MESSAGES.sameDay);
});

test('cancel deadline is 00:00 of the visit day in Shanghai: 23:59:59 the day before yes, 00:00:00 no', () => {
  const a = { status: 'booked' as const, registrationId: null, date: '2026-03-10' };
  expect(new Date(cancelDeadline('2026-03-10')).toISOString()).toBe('2026-03-09T16:00:00.000Z');
  expect(canCancel(a, at('2026-03-09 23:59:59'))).toBe(true);
  expect(canCancel(a, at('2026-03-10 00:00:00'))).toBe(false);
  expect(canCancel({ ...a, registrationId: 'GH1' }, at('2026-03-09 10:00:00'))).toBe(false);
});

test('take-number window: [07:00 of the visit day, the slot’s start)', () => {
  const a = { status: 'booked' as const, registrationId: null, date: '2026-03-10', startTime: '09:30' };
  expect(takeNumberRefusal(a, at('2026-03-09 12:00:00'))).toBe(BOOKING_MESSAGES.takeNotToday);
  expect(takeNumberRefusal(a, at('2026-03-10 06:59:59'))).toBe(BOOKING_MESSAGES.takeTooEarly);
  expect(takeNumberRefusal(a, at('2026-03-10 07:00:00'))).toBeUndefined();
  expect(takeNumberRefusal(a, at('2026-03-10 09:29:59'))).toBeUndefined();
  expect(takeNumberRefusal(a, at('2026-03-10 09:30:00'))).toBe(BOOKING_MESSAGES.takeClosed);
  expect(takeNumberRefusal({ ...a, registrationId: 'GH1' }, at('2026-03-10 08:00:00'))).toBe(BOOKING_MESSAGES.alreadyTaken);
  expect(takeNumberRefusal({ ...a, status: 'cancelled' }, at('2026-03-10 08:00:00'))).toBe(BOOKING_MESSAGES.takeNotBooked);
});
