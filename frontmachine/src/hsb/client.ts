/**
 * The HTTP client of the hospital service bus: one envelope per POST to `${url}/hsb`, a timeout per
 * call (AbortController) and a cap on concurrent calls. Transport failures of any kind become
 * HsbUnavailableError; business result codes are returned for the adapter to map.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { HsbServiceName, HsbServices } from '../../../typings/hsb';
import type { Clock } from '../../../miniprogram/core/time';
import type { HsbOutcome } from '../metrics';
import { requestContext } from '../request-context';
import { buildRequest, HsbProtocolError, parseResponse } from './envelope';
import { ConcurrencyLimit, QueueTimeoutError } from './limiter';

export interface HsbClientOptions {
  /** Base URL, e.g. http://127.0.0.1:7101 */
  url: string;
  timeoutMs: number;
  concurrency: number;
  /** SendTime of requests. */
  clock: Clock;
  logger: Logger;
  /** Told about every call that reached the wire: outcome and duration. */
  onCall?: (service: HsbServiceName, outcome: HsbOutcome, durationMs: number) => void;
  newMessageId?: () => string;
}

/** The hospital could not be reached or did not answer in the protocol; `kind` says how. */
export class HsbUnavailableError extends Error {
  constructor(
    readonly kind: 'timeout' | 'connection' | 'http' | 'protocol' | 'queue',
    message: string,
  ) {
    super(message);
    this.name = 'HsbUnavailableError';
  }
}

/** A parsed answer: the header's result code and message, and the body. */
export interface HsbReply {
  resultCode: string;
  resultMessage: string;
  body: Record<string, unknown>;
}

export class HsbClient {
  private readonly limit: ConcurrencyLimit;
  private readonly endpoint: string;
  private readonly newMessageId: () => string;

  constructor(private readonly options: HsbClientOptions) {
    this.limit = new ConcurrencyLimit(options.concurrency);
    this.endpoint = `${options.url.replace(/\/+$/, '')}/hsb`;
    this.newMessageId = options.newMessageId ?? randomUUID;
  }

  /** Calls in flight and waiting, for tests and diagnostics. */
  get load(): { active: number; waiting: number } {
    return { active: this.limit.active, waiting: this.limit.waiting };
  }

  async call<S extends HsbServiceName>(service: S, body: HsbServices[S]['request']): Promise<HsbReply> {
    try {
      // Waiting for a slot is bounded too, so an overloaded hospital sheds calls instead of queuing forever.
      return await this.limit.run(() => this.send(service, body), this.options.timeoutMs);
    } catch (e) {
      if (e instanceof QueueTimeoutError) {
        this.options.logger.warn({ service, waiting: this.limit.waiting }, 'hsb call shed: no free slot in time');
        throw new HsbUnavailableError('queue', e.message);
      }
      throw e;
    }
  }

  private async send(service: HsbServiceName, body: object): Promise<HsbReply> {
    const messageId = this.newMessageId();
    const xml = buildRequest(service, body, messageId, this.options.clock());
    const ctx = requestContext.getStore();
    if (ctx !== undefined) ctx.hsbCalls += 1;
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let outcome: HsbOutcome = 'error';
    let resultCode = '';
    try {
      let text: string;
      try {
        const res = await fetch(this.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/xml; charset=utf-8' },
          body: xml,
          signal: controller.signal,
        });
        // The body is read under the same timeout: a hospital that stalls mid-answer is just as gone.
        text = await res.text();
        if (!res.ok) {
          resultCode = `http_${res.status}`;
          throw new HsbUnavailableError('http', `HSB answered HTTP ${res.status}`);
        }
      } catch (e) {
        if (e instanceof HsbUnavailableError) throw e;
        if (controller.signal.aborted) {
          outcome = 'timeout';
          resultCode = 'timeout';
          throw new HsbUnavailableError('timeout', `HSB did not answer within ${this.options.timeoutMs} ms`);
        }
        resultCode = 'connection';
        const cause = (e as { cause?: { code?: string } }).cause?.code;
        throw new HsbUnavailableError('connection', `HSB connection failed${cause ? ` (${cause})` : ''}`);
      }
      let parsed;
      try {
        parsed = parseResponse(text);
      } catch (e) {
        resultCode = 'unparsable';
        throw new HsbUnavailableError('protocol', (e as HsbProtocolError).message);
      }
      resultCode = parsed.header.ResultCode;
      if (parsed.header.MessageId !== messageId) {
        resultCode = 'wrong_message_id';
        throw new HsbUnavailableError('protocol', 'HSB answered another message id');
      }
      outcome = resultCode === '0' ? 'ok' : resultCode === '9999' ? 'error' : 'business';
      return { resultCode, resultMessage: parsed.header.ResultMessage, body: parsed.body };
    } finally {
      clearTimeout(timer);
      const durationMs = performance.now() - started;
      this.options.onCall?.(service, outcome, durationMs);
      const line = { service, messageId, resultCode, durationMs: Math.round(durationMs) };
      if (outcome === 'ok' || outcome === 'business') this.options.logger.info(line, 'hsb call');
      else this.options.logger.warn(line, 'hsb call failed');
    }
  }
}
