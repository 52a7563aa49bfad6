/**
 * A tiny fake hospital service bus for tests: answers hand-written envelopes per typings/hsb.ts,
 * records what it was sent, and can hang, fail or answer garbage on demand.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';

export interface ReceivedCall {
  service: string;
  messageId: string;
  sendTime: string;
  sourceSystem: string;
  contentType: string | undefined;
  /** Body fields as text. */
  body: Record<string, string>;
  xml: string;
}

/** How the fake answers one call. */
export type FakeAnswer =
  | { code?: string; message?: string; bodyXml?: string; messageId?: string }
  | { hang: true }
  | { raw: string; status?: number };

export type FakeScript = (call: ReceivedCall) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeHsb {
  url: string;
  calls: ReceivedCall[];
  /** Most calls the fake was ever serving at once. */
  maxInFlight: number;
  inFlight: number;
  script: FakeScript;
  /** Lets every hanging call go (it then answers an empty success). */
  releaseHanging(): void;
  /** Lets the oldest hanging call go. */
  releaseOne(): boolean;
  hanging(): number;
  close(): Promise<void>;
}

const parser = new XMLParser({ parseTagValue: false });

export function envelope(service: string, messageId: string, code: string, message: string, bodyXml: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n  <Header>\n' +
    `    <ServiceName>${service}</ServiceName>\n    <MessageId>${messageId}</MessageId>\n` +
    '    <SendTime>2026-11-26 09:30:00</SendTime>\n    <SourceSystem>HSB</SourceSystem>\n' +
    `    <ResultCode>${code}</ResultCode>\n    <ResultMessage>${message}</ResultMessage>\n  </Header>\n` +
    `  <Body>${bodyXml}</Body>\n</Message>\n`
  );
}

export async function startFakeHsb(script: FakeScript): Promise<FakeHsb> {
  const app: FastifyInstance = Fastify({ forceCloseConnections: true });
  const waiting: Array<() => void> = [];
  const fake: FakeHsb = {
    url: '',
    calls: [],
    maxInFlight: 0,
    inFlight: 0,
    script,
    releaseHanging: () => waiting.splice(0).forEach((go) => go()),
    releaseOne: () => {
      const go = waiting.shift();
      go?.();
      return go !== undefined;
    },
    hanging: () => waiting.length,
    close: async () => {
      fake.releaseHanging();
      await app.close();
    },
  };
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.post('/hsb', async (request, reply) => {
    const xml = String(request.body);
    const doc = parser.parse(xml) as { Message?: { Header?: Record<string, string>; Body?: Record<string, string> | '' } };
    const header = doc.Message?.Header ?? {};
    const body = doc.Message?.Body;
    const call: ReceivedCall = {
      service: header.ServiceName ?? '',
      messageId: header.MessageId ?? '',
      sendTime: header.SendTime ?? '',
      sourceSystem: header.SourceSystem ?? '',
      contentType: request.headers['content-type'],
      body: typeof body === 'object' ? body : {},
      xml,
    };
    fake.calls.push(call);
    fake.inFlight += 1;
    fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight);
    try {
      let answer = await fake.script(call);
      if ('hang' in answer) {
        await new Promise<void>((resolve) => waiting.push(resolve));
        answer = {};
      }
      reply.header('content-type', 'application/xml; charset=utf-8');
      if ('raw' in answer) return reply.code(answer.status ?? 200).send(answer.raw);
      return reply.send(envelope(call.service, answer.messageId ?? call.messageId, answer.code ?? '0', answer.message ?? '成功', answer.bodyXml ?? ''));
    } finally {
      fake.inFlight -= 1;
    }
  });
  fake.url = await app.listen({ port: 0, host: '127.0.0.1' });
  return fake;
}

/** XML of one element per field, in order. */
export function fields(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => (v === '' ? `<${k}/>` : `<${k}>${v}</${k}>`))
    .join('');
}
