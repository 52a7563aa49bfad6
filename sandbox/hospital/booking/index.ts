/**
 * Booking on the hospital side (ARCHITECTURE §7): appointments (预约), holds while a same-day
 * registration is paid (锁号), registrations (挂号: same-day or an appointment's number taken), refunds
 * (退号) and the clinic queue (排队叫号). Every change of a slot runs in one `BEGIN IMMEDIATE`
 * transaction that first settles what the clock made due (lapsed holds, no-shows), so concurrent
 * bookings — even through two connections on one file — never oversell. No timers: time-driven
 * changes are computed from the hospital clock whenever a booking or a query comes by.
 *
 * Parts: `rules` (states, windows, limits, refusals), `rows` (tables, finders, settling what fell due),
 * `appointments`, `registrations` (with holds and 退号), `queue`.
 */
export * from './rules';
export * from './rows';
export * from './appointments';
export * from './registrations';
export * from './queue';
export * from './events';
