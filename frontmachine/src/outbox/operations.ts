/** The outbox's operations for the cloud's scheduler and 消息中心: `event.list` (by cursor) and `event.get` (by sequence numbers). */
import { fail } from '../../../miniprogram/core/errors';
import type { Validated } from '../../../miniprogram/core/validate';
import { defineOperation, type OperationTable } from '../operations';
import type { Outbox } from './outbox';

/** Most events one `event.list` or `event.get` answers. */
export const MAX_EVENTS = 100;

function sequence(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;
}

function record(input: unknown): Record<string, unknown> {
  return input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}

export function outboxOperations(outbox: Outbox): OperationTable {
  return {
    'event.list': defineOperation<{ after: number; limit: number }, unknown>({
      write: false,
      check(input): Validated<{ after: number; limit: number }> {
        const { after, limit = 50 } = record(input);
        if (!sequence(after)) return fail('INVALID_INPUT', '事件序号应为非负整数', 'after');
        if (!sequence(limit) || limit < 1 || limit > MAX_EVENTS) return fail('INVALID_INPUT', `每次最多读取${MAX_EVENTS}条事件`, 'limit');
        return { ok: true, value: { after, limit } };
      },
      async handle({ after, limit }) {
        return { events: await outbox.list(after, limit) };
      },
    }),
    'event.get': defineOperation<{ seqs: number[] }, unknown>({
      write: false,
      check(input): Validated<{ seqs: number[] }> {
        const { seqs } = record(input);
        if (!Array.isArray(seqs) || seqs.length > MAX_EVENTS) return fail('INVALID_INPUT', `请提供不超过${MAX_EVENTS}个事件序号`, 'seqs');
        const bad = seqs.findIndex((s) => !sequence(s));
        if (bad >= 0) return fail('INVALID_INPUT', '事件序号应为非负整数', `seqs.${bad}`);
        return { ok: true, value: { seqs: [...new Set(seqs as number[])] } };
      },
      async handle({ seqs }) {
        return { events: outbox.get(seqs) };
      },
    }),
  };
}
