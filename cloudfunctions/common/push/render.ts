/**
 * An event as a subscription message: the configured keywords filled from the event's fields and
 * formatted by WeChat's rules (core/keywords), the page with its deep link. The same rendering
 * gives 消息中心 its line, so the list says what the message said.
 */
import type { HospitalEvent } from '../../../typings/events';
import { formatKeyword, keywordType } from '../../../miniprogram/core/keywords';
import { formatYuan } from '../../../miniprogram/core/money';
import { formatHospital } from '../../../miniprogram/core/time';
import type { KindTemplate } from './config';

export interface RenderedMessage {
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** The event's fields plus who it is for and when it happened (Shanghai wall time). */
function fieldsOf(event: HospitalEvent, patientName: string): Record<string, string> {
  return { ...event.fields, patientId: event.patientId, patientName, occurredAt: formatHospital(Date.parse(event.occurredAt), 'YYYY-MM-DD HH:mm') };
}

/** `{name}` → the field, `{name|yuan}` → fen as yuan; a missing field is empty (the formatter then puts a placeholder). */
export function fill(text: string, fields: Record<string, string>, encode: (v: string) => string = (v) => v): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)(\|yuan)?\}/g, (_all, name: string, yuan: string | undefined) => {
    const value = fields[name] ?? '';
    if (yuan && /^\d+$/.test(value)) return encode(formatYuan(Number(value)));
    return encode(value);
  });
}

export function renderMessage(t: KindTemplate, event: HospitalEvent, patientName: string): RenderedMessage {
  const fields = fieldsOf(event, patientName);
  const data: Record<string, { value: string }> = {};
  for (const [key, text] of Object.entries(t.keywords)) {
    const type = keywordType(key);
    if (type) data[key] = { value: formatKeyword(type, fill(text, fields)) };
  }
  return { templateId: t.templateId, page: fill(t.page, fields, encodeURIComponent), data };
}

/** 消息中心's line: the message's values after the patient's name, joined. */
export function summaryOf(rendered: RenderedMessage): string {
  return Object.entries(rendered.data)
    .filter(([key]) => !key.startsWith('name'))
    .map(([, v]) => v.value)
    .join(' · ');
}
