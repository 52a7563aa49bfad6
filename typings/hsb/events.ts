/**
 * HSB hospital events (push, ARCHITECTURE §9). Leaves are strings (typings/hsb.ts).
 */

// ---- hospital events (push, ARCHITECTURE §9) --------------------------------------------------
/**
 * QueryEvents: the hospital's events after `SinceSeq` (its own sequence), oldest first, at most
 * `MaxCount` (1..200). Each event's data is a list of name/value fields (typings/events.ts names
 * them), so a hospital adds fields without changing the message. OccurredAt is Shanghai wall time.
 */
export interface QueryEventsRequest {
  SinceSeq: string;
  MaxCount: string;
}
export interface HsbEvent {
  Seq: string;
  Kind: string;
  PatientId: string;
  OccurredAt: string;
  Fields: { Field: { Name: string; Value: string }[] };
}
export interface QueryEventsResponse {
  Events: { Event: HsbEvent[] };
}


/** Push: hospital events since a sequence. */
export interface HsbEventServices {
  QueryEvents: { request: QueryEventsRequest; response: QueryEventsResponse };
}
