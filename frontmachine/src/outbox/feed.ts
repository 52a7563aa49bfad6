/**
 * How the front machine learns of the hospital's events: QueryEvents (typings/hsb.ts) after the
 * hospital's own sequence number, polled. The only code that knows the event tags.
 */
import type { Logger } from 'pino';
import type { EventFields } from '../../../typings/events';
import { HsbResultCode } from '../../../typings/hsb';
import { AppError } from '../../../miniprogram/core/errors';
import { hospitalInstant } from '../../../miniprogram/core/time';
import { failureOf } from '../hsb/failures';
import { HsbUnavailableError, type HsbClient } from '../hsb/client';
import { HsbProtocolError } from '../hsb/envelope';

/** One event as the hospital published it, before it enters the outbox. */
export interface FedEvent {
  hospitalSeq: number;
  kind: string;
  patientId: string;
  /** ISO instant. */
  occurredAt: string;
  fields: EventFields;
}

/** Where the outbox reads the hospital's events; tests may stand in for it. */
export interface EventFeed {
  /** Events after the hospital's sequence `since`, oldest first; HOSPITAL_UNAVAILABLE when it cannot be asked. */
  fetch(since: number, max: number): Promise<FedEvent[]>;
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const WALL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function text(node: Node, tag: string): string {
  const v = node[tag];
  if (typeof v !== 'string') throw new HsbProtocolError(`<${tag}> is missing or not text`);
  return v;
}

/** Maps QueryEvents' body; anything off protocol throws HsbProtocolError naming the tag. */
export function toFedEvents(body: Node): FedEvent[] {
  const events = body.Events;
  if (events === '') return [];
  if (!isNode(events)) throw new HsbProtocolError('<Events> is missing');
  const list = events.Event ?? [];
  if (!Array.isArray(list)) throw new HsbProtocolError('<Event> is not a list');
  return list.map((e: unknown) => {
    if (!isNode(e)) throw new HsbProtocolError('<Event> is not an element');
    const seq = text(e, 'Seq');
    if (!/^\d{1,15}$/.test(seq)) throw new HsbProtocolError('<Seq> is not a sequence number');
    const kind = text(e, 'Kind');
    if (!/^[a-z][a-z.]{0,39}$/.test(kind)) throw new HsbProtocolError('<Kind> is not an event kind');
    const occurred = text(e, 'OccurredAt');
    const ms = WALL_TIME.test(occurred) ? hospitalInstant(occurred) : NaN;
    if (!Number.isFinite(ms)) throw new HsbProtocolError('<OccurredAt> is not a Shanghai wall time');
    const fields: EventFields = {};
    const container = e.Fields;
    const items = isNode(container) ? (container.Field ?? []) : [];
    if (!Array.isArray(items)) throw new HsbProtocolError('<Field> is not a list');
    for (const f of items as unknown[]) {
      if (!isNode(f)) throw new HsbProtocolError('<Field> is not an element');
      const name = text(f, 'Name');
      if (!/^[A-Za-z][A-Za-z0-9]{0,39}$/.test(name)) throw new HsbProtocolError('<Name> of a field is not a name');
      fields[name] = typeof f.Value === 'string' ? f.Value : '';
    }
    return { hospitalSeq: Number(seq), kind, patientId: text(e, 'PatientId'), occurredAt: new Date(ms).toISOString(), fields };
  });
}

export class HsbEventFeed implements EventFeed {
  constructor(
    private readonly client: HsbClient,
    private readonly logger?: Logger,
  ) {}

  async fetch(since: number, max: number): Promise<FedEvent[]> {
    let reply;
    try {
      reply = await this.client.call('QueryEvents', { SinceSeq: String(since), MaxCount: String(max) });
    } catch (e) {
      if (e instanceof HsbUnavailableError) throw new AppError('HOSPITAL_UNAVAILABLE');
      throw e;
    }
    if (reply.resultCode !== HsbResultCode.OK) throw failureOf(reply, undefined);
    try {
      return toFedEvents(reply.body);
    } catch (e) {
      if (e instanceof HsbProtocolError) {
        this.logger?.error({ service: 'QueryEvents', problem: e.message }, 'hsb answer off protocol');
        throw new AppError('HOSPITAL_UNAVAILABLE');
      }
      throw e;
    }
  }
}
