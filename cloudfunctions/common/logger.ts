/**
 * Structured logging for the cloud functions: one JSON line per event on stdout (the cloud's log
 * collects console output). Personal data is masked by field name before anything is written.
 */
import { maskIdCard, maskName, maskPhone } from '../../miniprogram/core/mask';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `bindings` to every line. */
  child(bindings: LogFields): Logger;
}

/** Where lines go; tests pass an array's push. */
export type LogSink = (line: string) => void;

const NAME_KEYS = new Set(['name', 'patientname', 'guardianname', 'realname']);
const ID_KEYS = new Set(['idcard', 'idcardno', 'idno', 'idnumber', 'guardianidcardno']);
const PHONE_KEYS = new Set(['phone', 'mobile', 'phoneno', 'guardianphone']);
const OPENID_KEYS = new Set(['openid', 'unionid']);
const CARD_KEYS = new Set(['cardno', 'cardnumber', 'medicalcardno']);
const SECRET_KEYS = new Set(['key', 'hmackey', 'signature', 'authorization', 'frontmachinekey']);

function maskOpaque(s: string): string {
  return s.length <= 6 ? '***' : `${s.slice(0, 4)}***${s.slice(-2)}`;
}

/** A hospital card number keeps its last 4 characters, enough for a patient or an operator to tell cards apart. */
export function maskCardNo(s: string): string {
  const t = s.trim();
  return t.length <= 4 ? '*'.repeat(t.length) : `${'*'.repeat(Math.min(t.length - 4, 8))}${t.slice(-4)}`;
}

// A number embedded in free text (an error message, a URL) under a key we did not anticipate.
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Masks ID and mobile numbers found anywhere in a string. */
export function maskNumbersInText(s: string): string {
  return s.replace(ID_IN_TEXT, (id) => maskIdCard(id)).replace(MOBILE_IN_TEXT, (m) => maskPhone(m));
}

/** Masks personal fields by name, recursively; errors become {name, message, stack}. */
export function maskFields(value: unknown, key = '', depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (value instanceof Error) {
    const stack = value.stack?.split('\n').slice(0, 8).join('\n');
    return { name: value.name, message: maskNumbersInText(value.message), stack: stack === undefined ? undefined : maskNumbersInText(stack) };
  }
  const k = key.toLowerCase();
  if (typeof value === 'string') {
    if (SECRET_KEYS.has(k)) return '[redacted]';
    if (NAME_KEYS.has(k)) return maskName(value);
    if (ID_KEYS.has(k)) return maskIdCard(value);
    if (PHONE_KEYS.has(k)) return maskPhone(value);
    if (OPENID_KEYS.has(k)) return maskOpaque(value);
    if (CARD_KEYS.has(k)) return maskCardNo(value);
    return maskNumbersInText(value);
  }
  if (Array.isArray(value)) return value.map((v) => maskFields(v, key, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [childKey, v] of Object.entries(value)) out[childKey] = maskFields(v, childKey, depth + 1);
    return out;
  }
  return value;
}

/** The lowest level written; 'silent' writes nothing. */
export type LogThreshold = LogLevel | 'silent';

const RANK: Record<LogThreshold, number> = { info: 0, warn: 1, error: 2, silent: 3 };

/** LOG_LEVEL as pino spells it (trace/debug count as info). */
export function thresholdFromEnv(raw: string | undefined): LogThreshold {
  if (raw === 'silent' || raw === 'warn' || raw === 'error') return raw;
  if (raw === 'fatal') return 'error';
  return 'info';
}

export interface LoggerOptions {
  sink?: LogSink;
  bindings?: LogFields;
  clock?: () => number;
  level?: LogThreshold;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const sink: LogSink = opts.sink ?? ((line) => console.log(line));
  const bindings = opts.bindings ?? {};
  // Log timestamps are real time, not the business clock, so logs line up with other systems.
  const clock = opts.clock ?? Date.now;
  const threshold = opts.level ?? 'info';
  const write = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[level] < RANK[threshold]) return;
    const record = { level, time: new Date(clock()).toISOString(), msg: maskNumbersInText(msg), ...(maskFields({ ...bindings, ...fields }) as LogFields) };
    sink(JSON.stringify(record));
  };
  return {
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (more) => createLogger({ sink, bindings: { ...bindings, ...more }, clock, level: threshold }),
  };
}
