/** QueryEvents (push): the hospital's events after a sequence number, what the clock made due published first. */
import type { HsbEvent, QueryEventsRequest, QueryEventsResponse } from '../../../typings/hsb';
import { eventsSince } from '../events';
import { settleEvents } from '../notices';
import type { ServiceHandler } from './context';
import { ok, readParams } from './context';

/** Most events one QueryEvents answers. */
export const MAX_EVENTS_PER_QUERY = 200;

export const queryEvents: ServiceHandler<QueryEventsResponse> = (body, { db, now }) => {
  const params = readParams<QueryEventsRequest>(
    {
      SinceSeq: { type: 'string', label: '起始序号', required: true, pattern: /^\d{1,15}$/ },
      MaxCount: { type: 'string', label: '最大条数', required: true, pattern: /^\d{1,3}$/ },
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const max = Math.min(Math.max(Number(params.value.MaxCount), 1), MAX_EVENTS_PER_QUERY);
  db.transaction(() => settleEvents(db, now())).immediate();
  const events: HsbEvent[] = eventsSince(db, Number(params.value.SinceSeq), max).map((e) => ({
    Seq: String(e.seq),
    Kind: e.kind,
    PatientId: e.patientId,
    OccurredAt: e.occurredAt,
    Fields: { Field: Object.entries(e.fields).map(([Name, Value]) => ({ Name, Value })) },
  }));
  return ok({ Events: { Event: events } });
};
