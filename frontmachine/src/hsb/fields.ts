/**
 * Reading HSB fields: leaves, lists, amounts, codes, days and wall times. Every area's mapping reads
 * the XML through these; anything off protocol throws HsbProtocolError.
 */
import type { Fen } from '../../../typings/hospital';
import { formatHospital, hospitalInstant, isHospitalDate } from '../../../miniprogram/core/time';
import { HsbProtocolError } from './envelope';

export type XmlNode = Record<string, unknown>;

export function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A leaf's text; an empty element is ''. Missing leaves are allowed only when `optional`. */
export function leaf<T>(node: XmlNode, tag: keyof T & string, optional = false): string {
  const v = node[tag];
  if (typeof v === 'string') return v;
  if (v === undefined && optional) return '';
  throw new HsbProtocolError(`<${tag}> is missing or not text`);
}

export function requiredLeaf<T>(node: XmlNode, tag: keyof T & string): string {
  const v = leaf<T>(node, tag);
  if (v === '') throw new HsbProtocolError(`<${tag}> is empty`);
  return v;
}

/** The items of a list container; an empty container (`<Doctors/>`) or a missing one is an empty list. */
export function items<C>(body: XmlNode, container: keyof C & string, item: string): XmlNode[] {
  const c = body[container];
  if (c === undefined || c === '') return [];
  if (!isNode(c)) throw new HsbProtocolError(`<${container}> is not a list`);
  const list = c[item];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new HsbProtocolError(`<${container}>/<${item}> is not a list`);
  return list.map((x) => {
    if (!isNode(x)) throw new HsbProtocolError(`<${item}> has no fields`);
    return x;
  });
}

/** "25.00" → 2500, exactly (no floating point): whole yuan and up to two decimals. */
export function yuanToFen(yuan: string): Fen {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (m === null) throw new HsbProtocolError(`"${yuan}" is not an amount in yuan`);
  const whole = Number(m[1]);
  const cents = Number((m[2] ?? '').padEnd(2, '0'));
  return whole * 100 + cents;
}

export function count(s: string, tag: string): number {
  if (!/^\d{1,9}$/.test(s)) throw new HsbProtocolError(`<${tag}> "${s}" is not a count`);
  return Number(s);
}

export function clockTime(s: string, tag: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s)) throw new HsbProtocolError(`<${tag}> "${s}" is not HH:mm`);
  return s;
}

/** GB/T 2261.1: 1 male, 2 female (doctors' Gender, patients' Sex). */
export function gender(code: string, tag = 'Gender'): 'M' | 'F' {
  if (code === '1') return 'M';
  if (code === '2') return 'F';
  throw new HsbProtocolError(`<${tag}> "${code}" is neither 1 nor 2`);
}

/** A `0`/`1` flag. The value is not personal, so it may appear in the error. */
export function flag(s: string, tag: string): boolean {
  if (s === '1') return true;
  if (s === '0') return false;
  throw new HsbProtocolError(`<${tag}> "${s}" is neither 0 nor 1`);
}

const WALL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** The instant of a `YYYY-MM-DD HH:mm:ss` Shanghai wall time, or undefined when it is not a real one. */
export function wallTimeInstant(wall: string): number | undefined {
  if (!WALL_TIME.test(wall) || !isHospitalDate(wall.slice(0, 10))) return undefined;
  const ms = hospitalInstant(wall);
  // A wall time that does not read back the same (25:00, 12:61) is not a time.
  return Number.isFinite(ms) && formatHospital(ms) === wall ? ms : undefined;
}

/** A decimal count ("2", "0.5", "1.25") → number; nothing negative, no exponent, at most 4 decimals. */
export function quantity(s: string): number {
  if (!/^\d{1,9}(?:\.\d{1,4})?$/.test(s.trim())) throw new HsbProtocolError(`<Quantity> "${s}" is not a decimal count`);
  return Number(s.trim());
}

export function hospitalDay(s: string, tag: string): string {
  if (!isHospitalDate(s)) throw new HsbProtocolError(`<${tag}> "${s}" is not a date`);
  return s;
}

/** A code from a closed set, or a protocol error naming the tag. */
export function oneOf<T>(table: Record<string, T>, s: string, tag: string): T {
  const v = Object.hasOwn(table, s) ? table[s] : undefined;
  if (v === undefined) throw new HsbProtocolError(`<${tag}> "${s}" is not one of ${Object.keys(table).join(', ')}`);
  return v;
}

/** An ISO instant from a Shanghai wall time leaf. */
export function wallInstant(wall: string, tag: string): string {
  const ms = wallTimeInstant(wall);
  if (ms === undefined) throw new HsbProtocolError(`<${tag}> is not a Shanghai wall time`);
  return new Date(ms).toISOString();
}
