/** The outbox's operations for the cloud's scheduler and 消息中心: `event.list` (by cursor) and `event.get` (by sequence numbers). */
import { fail } from '../../../miniprogram/core/errors';
import type { Validated } from '../../../miniprogram/core/validate';
import { defineOperation, type OperationTable } from '../operations';
import type { Outbox } from './outbox';

/** The kinds the cloud may publish: what it alone sees. */
const CLOUD_KINDS: readonly string[] = ['refund.done'];

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
    // What only the cloud sees (WeChat's refund callbacks) joins the same outbox; hospital kinds cannot be forged here.
    'event.publish': defineOperation<{ kind: 'refund.done'; patientId: string; key: string; occurredAt: string; fields: Record<string, string> }, unknown>({
      write: true,
      check(input) {
        const { kind, patientId, key, occurredAt, fields } = record(input);
        if (!CLOUD_KINDS.includes(kind as string)) return fail('INVALID_INPUT', '仅可发布云端事件（退款到账）', 'kind');
        if (typeof patientId !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(patientId)) return fail('INVALID_INPUT', '就诊人编号格式不正确', 'patientId');
        if (typeof key !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(key)) return fail('INVALID_INPUT', '事件键格式不正确', 'key');
        if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt)) || !/Z$|[+-]\d{2}:\d{2}$/.test(occurredAt)) return fail('INVALID_INPUT', '发生时间应为带时区的ISO时间', 'occurredAt');
        const f = record(fields);
        const bad = Object.entries(f).find(([k, v]) => !/^[A-Za-z][A-Za-z0-9]{0,39}$/.test(k) || typeof v !== 'string' || v.length > 200);
        if (fields === undefined || bad) return fail('INVALID_INPUT', '事件字段应为文字', bad ? `fields.${bad[0]}` : 'fields');
        return { ok: true, value: { kind: 'refund.done', patientId, key, occurredAt: new Date(Date.parse(occurredAt)).toISOString(), fields: f as Record<string, string> } };
      },
      async handle(event) {
        return { seq: outbox.publish(event) };
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
