/**
 * HSB shapes → domain shapes, one function per service, and the only place besides the envelope
 * that knows a tag name: one module per area, gathered here. Anything off-protocol throws
 * HsbProtocolError (the hospital counts as unreachable rather than the app showing half-read data).
 */
export * from './fields';
export * from './reference-mapping';
export * from './patient-mapping';
export * from './payment-mapping';
export * from './booking-mapping';
export * from './records-mapping';
