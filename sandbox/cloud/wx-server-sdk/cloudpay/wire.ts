/** WeChat's wire details: identifiers, signatures, times, answer envelopes and parameter checks. */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { formatHospital, hospitalInstant, isHospitalDate } from '../../../../miniprogram/core/time';
import type { WxPayEnvelope } from '../../../../typings/wxpay';
import { CloudSDKError, ERR_CODE } from '../errors';
import { isPlainObject } from '../evaluate';
import { REFUSALS, type CloudPayFailure, type Envelope, type Refusal } from './types';


/** The service provider behind cloudPay (the mini program's merchant is the sub-merchant). */
export const PROVIDER_APPID = 'wx0000000000cloudpay';
export const PROVIDER_MCH_ID = '1800000000';
export const DEFAULT_SUB_APPID = 'wx0000000000sandbox';
/** The sandbox's signing key: paySign has the real shape but nobody verifies it. */
const SANDBOX_PAY_KEY = 'sandbox-cloudpay-key-not-a-secret';

export function nonce(): string {
  return randomBytes(16).toString('hex');
}

export function digits(n: number): string {
  let s = '';
  while (s.length < n) s += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
  return s.slice(0, n);
}

export function md5Sign(fields: Record<string, string>): string {
  const text = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k] ?? ''}`)
    .join('&');
  return createHash('md5').update(`${text}&key=${SANDBOX_PAY_KEY}`).digest('hex').toUpperCase();
}

/** `yyyyMMddHHmmss` in Beijing time, WeChat's timeEnd. */
export function compactTime(ms: number): string {
  return formatHospital(ms, 'YYYYMMDDHHmmss');
}

export function parseCompactTime(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m || !isHospitalDate(`${m[1]}-${m[2]}-${m[3]}`) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return undefined;
  return hospitalInstant(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`);
}

/** One calendar year after an instant (Beijing has no DST, so UTC fields do). */
export function oneYearAfter(ms: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.getTime();
}

/** The merchant fields, with a fresh nonce, that open every answer and callback. */
export function wxPayEnvelope(subAppid: string, subMchId: string): WxPayEnvelope {
  return { returnCode: 'SUCCESS', returnMsg: 'OK', appid: PROVIDER_APPID, mchId: PROVIDER_MCH_ID, subAppid, subMchId, nonceStr: nonce() };
}

export function envelope(api: string, subMchId: string, subAppid: string): Envelope {
  const fields = wxPayEnvelope(subAppid, subMchId);
  return {
    ...fields,
    sign: md5Sign({ nonce_str: fields.nonceStr, sub_mch_id: subMchId }),
    errCode: 0,
    errMsg: `cloudPay.${api}:ok`,
  };
}

export function refuse(api: string, subMchId: string, subAppid: string, refusal: Refusal): CloudPayFailure {
  return { ...envelope(api, subMchId, subAppid), resultCode: 'FAIL', errCodeDes: REFUSALS[refusal].errCodeDes };
}

export function succeed<T>(api: string, subMchId: string, subAppid: string, body: T): Envelope & { resultCode: 'SUCCESS' } & T {
  return { ...envelope(api, subMchId, subAppid), resultCode: 'SUCCESS', ...body };
}

export type Params = Record<string, unknown>;

/** The SDK turns camelCase into snake_case before sending, so both spellings reach WeChat: accept both. */
export function normalize(api: string, input: unknown): Params {
  if (!isPlainObject(input)) throw invalid(api, 'parameters must be an object');
  const out: Params = {};
  for (const [k, v] of Object.entries(input)) out[k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = v;
  return out;
}

export function invalid(api: string, detail: string): CloudSDKError {
  return new CloudSDKError(`cloudPay.${api}`, `${ERR_CODE.INVALID_PARAM} invalid parameter: ${detail}`, ERR_CODE.INVALID_PARAM);
}

/** What a call WeChat refuses outright (bad parameters) resolves with: the SDK does not throw, it answers FAIL and why. */
export interface CallFailure {
  returnCode: 'FAIL';
  returnMsg: string;
  resultCode: 'FAIL';
  errCodeDes: string;
  errCode: 0;
  errMsg: string;
}

/** Wraps a cloudPay call so a refused call resolves with `returnCode: 'FAIL'` and the reason instead of throwing. */
export function resolvingFailures<P, R>(api: string, call: (p: P) => Promise<R>): (p: P) => Promise<R | CallFailure> {
  return async (p) => {
    try {
      return await call(p);
    } catch (err) {
      if (!(err instanceof CloudSDKError)) throw err;
      const reason = err.errMsg.replace(/^cloudPay\.\w+:fail -?\d+ /, '');
      return { returnCode: 'FAIL', returnMsg: reason, resultCode: 'FAIL', errCodeDes: reason, errCode: 0, errMsg: `cloudPay.${api}:ok` };
    }
  };
}

export const OUT_NO = /^[0-9A-Za-z_\-|*@]+$/;

export function text(api: string, p: Params, key: string, max: number, pattern?: RegExp): string {
  const v = p[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > max || (pattern && !pattern.test(v))) {
    throw invalid(api, `${key} must be a string of 1–${max} characters${pattern ? ` matching ${String(pattern)}` : ''}`);
  }
  return v;
}

export function optionalText(api: string, p: Params, key: string, max: number, pattern?: RegExp): string | undefined {
  return p[key] === undefined ? undefined : text(api, p, key, max, pattern);
}

export function fen(api: string, p: Params, key: string): number {
  const v = p[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw invalid(api, `${key} must be a positive integer amount in fen`);
  return v;
}

export const RECEIVING_ACCOUNT = '支付用户零钱';

/** A stable stand-in for the payer's openid under the service provider's appid. */
export function providerOpenid(subOpenid: string): string {
  return `oSP_${createHash('sha256').update(subOpenid).digest('base64url').slice(0, 24)}`;
}
