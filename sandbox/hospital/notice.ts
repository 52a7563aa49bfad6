/**
 * The hospital's notice strip and its place on the map (issue 16). The notice is the hospital's to
 * set (kept in `meta`, `POST /sandbox/notice`); the map point comes from the profile data.
 */
import type { GeoPoint } from '../../typings/hospital';
import type { ControlInput } from './controls';
import { hospitalData } from './data';
import { readMeta, writeMeta, type HospitalDb } from './db';

/** Longest notice the hospital may publish, in characters. */
export const NOTICE_MAX_LENGTH = 200;

export function readNotice(db: HospitalDb): string {
  return readMeta(db, 'notice') ?? '';
}

export function writeNotice(db: HospitalDb, text: string): { notice: string } {
  writeMeta(db, 'notice', text.trim());
  return { notice: readNotice(db) };
}

/** The hospital's map point from its profile data, if it has one. */
export function hospitalLocation(): GeoPoint | undefined {
  return hospitalData.location;
}

/** `POST /sandbox/notice` body: `{text}` ('' clears the notice). */
export function readNoticeInput(body: unknown): ControlInput<string> {
  const text = (body as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') return { ok: false, field: 'text', message: 'text 应为字符串（空字符串表示撤下公告）' };
  if (Array.from(text.trim()).length > NOTICE_MAX_LENGTH) return { ok: false, field: 'text', message: `公告不能超过${NOTICE_MAX_LENGTH}个字` };
  return { ok: true, value: text };
}
