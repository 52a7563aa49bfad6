/**
 * A small input schema shared by the mini program's forms and the cloud router: each field has a
 * Chinese label, so every refusal names the field in words the patient understands.
 */
import type { Failure } from '../../typings/result';
import { fail } from './errors';
import { isHospitalDate } from './time';

interface BaseRule {
  /** The field's name in Chinese, used in messages. */
  label: string;
  required?: boolean;
}
export interface StringRule extends BaseRule {
  type: 'string';
  pattern?: RegExp;
  maxLength?: number;
  /** A domain check (ID number, mobile…): returns the Chinese refusal, or undefined when valid. */
  check?: (value: string) => string | undefined;
}
export interface IntRule extends BaseRule {
  type: 'int';
  min?: number;
  max?: number;
}
export interface DateRule extends BaseRule {
  type: 'date';
}
export interface EnumRule extends BaseRule {
  type: 'enum';
  values: readonly string[];
}
/** A nested object (e.g. a minor's guardian); its fields are named `parent.child`. */
export interface ObjectRule extends BaseRule {
  type: 'object';
  fields: Schema;
  /** Keys beyond `fields` allowed as a map (e.g. template id → result), each key and value checked; at most `maxEntries`. */
  entries?: { key: StringRule; value: StringRule | EnumRule; maxEntries: number };
}
/** A list of strings (e.g. bill ids), each checked by `item`; duplicates refused. */
export interface ArrayRule extends BaseRule {
  type: 'array';
  item: StringRule;
  minItems?: number;
  maxItems?: number;
}
/** A list of objects (e.g. a survey's answers), each checked against `fields`; refusals name `list.<i>.<field>`. */
export interface ListRule extends BaseRule {
  type: 'list';
  fields: Schema;
  minItems?: number;
  maxItems?: number;
}
export type FieldRule = StringRule | IntRule | DateRule | EnumRule | ObjectRule | ArrayRule | ListRule;
export type Schema = Record<string, FieldRule>;

export type Validated<T> = { ok: true; value: T } | Failure;

function checkField(name: string, rule: FieldRule, v: unknown): Failure | undefined {
  const bad = (msg: string) => fail('INVALID_INPUT', msg, name);
  switch (rule.type) {
    case 'string': {
      if (typeof v !== 'string') return bad(`${rule.label}应为文字`);
      if (rule.maxLength !== undefined && v.length > rule.maxLength) return bad(`${rule.label}不能超过${rule.maxLength}个字符`);
      if (rule.pattern && !rule.pattern.test(v)) return bad(`${rule.label}格式不正确`);
      const refusal = rule.check?.(v);
      return refusal === undefined ? undefined : bad(refusal);
    }
    case 'int': {
      if (typeof v !== 'number' || !Number.isInteger(v)) return bad(`${rule.label}应为整数`);
      if (rule.min !== undefined && v < rule.min) return bad(`${rule.label}不能小于${rule.min}`);
      if (rule.max !== undefined && v > rule.max) return bad(`${rule.label}不能大于${rule.max}`);
      return undefined;
    }
    case 'date':
      if (typeof v !== 'string' || !isHospitalDate(v)) return bad(`${rule.label}应为有效日期（如 2026-01-31）`);
      return undefined;
    case 'enum':
      if (typeof v !== 'string' || !rule.values.includes(v)) return bad(`${rule.label}只能是：${rule.values.join('、')}`);
      return undefined;
    case 'object':
      return undefined; // checked field by field in validateObject
    case 'array': {
      if (!Array.isArray(v)) return bad(`${rule.label}应为列表`);
      if (rule.minItems !== undefined && v.length < rule.minItems) return bad(`请至少选择${rule.minItems}项${rule.label}`);
      if (rule.maxItems !== undefined && v.length > rule.maxItems) return bad(`${rule.label}最多${rule.maxItems}项`);
      if (new Set(v).size !== v.length) return bad(`${rule.label}有重复项`);
      for (let i = 0; i < v.length; i++) {
        const failure = checkField(`${name}.${i}`, rule.item, v[i]);
        if (failure) return failure;
      }
      return undefined;
    }
    case 'list':
      return undefined; // checked item by item in validateList
  }
}

/** Checks `data` against `schema`: unknown fields, missing required fields and ill-typed values are refused. */
export function validate<T>(schema: Schema, data: unknown): Validated<T> {
  return validateObject<T>(schema, data === undefined || data === null ? {} : data, '', '请求参数');
}

function validateObject<T>(schema: Schema, data: unknown, prefix: string, label: string, entries?: ObjectRule['entries']): Validated<T> {
  const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('INVALID_INPUT', `${label}应为对象`, prefix || 'data');
  }
  const input = data as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  let extra = 0;
  for (const key of Object.keys(input)) {
    // Own properties only: `key in schema` would let `constructor` or `__proto__` through unnoticed.
    if (Object.prototype.hasOwnProperty.call(schema, key)) continue;
    if (!entries || key === '__proto__' || key === 'constructor' || key === 'prototype') return fail('INVALID_INPUT', `不支持的参数：${key}`, at(key));
    if (++extra > entries.maxEntries) return fail('INVALID_INPUT', `${label}最多${entries.maxEntries}项`, prefix || 'data');
    const failure = checkField(at(key), entries.key, key) ?? checkField(at(key), entries.value, input[key]);
    if (failure) return failure;
    value[key] = input[key];
  }
  for (const [name, rule] of Object.entries(schema)) {
    const v = input[name];
    if (v === undefined || v === null || v === '') {
      if (rule.required) return fail('INVALID_INPUT', `请填写${rule.label}`, at(name));
      continue;
    }
    if (rule.type === 'object') {
      const nested = validateObject<Record<string, unknown>>(rule.fields, v, at(name), rule.label, rule.entries);
      if (!nested.ok) return nested;
      value[name] = nested.value;
      continue;
    }
    if (rule.type === 'list') {
      const items = validateList(rule, v, at(name));
      if (!items.ok) return items;
      value[name] = items.value;
      continue;
    }
    const failure = checkField(at(name), rule, v);
    if (failure) return failure;
    value[name] = v;
  }
  // Only declared, present fields go on: empty strings and nulls count as absent.
  return { ok: true, value: value as T };
}

function validateList(rule: ListRule, v: unknown, name: string): Validated<Record<string, unknown>[]> {
  if (!Array.isArray(v)) return fail('INVALID_INPUT', `${rule.label}应为列表`, name);
  if (rule.minItems !== undefined && v.length < rule.minItems) return fail('INVALID_INPUT', `请至少填写${rule.minItems}项${rule.label}`, name);
  if (rule.maxItems !== undefined && v.length > rule.maxItems) return fail('INVALID_INPUT', `${rule.label}最多${rule.maxItems}项`, name);
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < v.length; i++) {
    const item = validateObject<Record<string, unknown>>(rule.fields, v[i], `${name}.${i}`, rule.label);
    if (!item.ok) return item;
    items.push(item.value);
  }
  return { ok: true, value: items };
}

/** Hospital codes (departments, doctors, schedules): letters, digits, `-` and `_`. */
export const CODE_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
