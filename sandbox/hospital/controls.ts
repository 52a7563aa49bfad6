/** Reading the JSON bodies of the `/sandbox/` controls; every refusal names the field in Chinese. */
import { parseIdCard, type IdCardInfo } from '../../miniprogram/core/idcard';
import { normalizeMobile } from '../../miniprogram/core/phone';
import { parseInstant } from './clock';
import type { FaultSetting } from './faults';
import { type BookingRules, MAX_HOLD_MINUTES } from './booking';
import { ALL_SERVICES } from './faults';
import { normalizeName } from './patients';
import { SERVICES } from './services';
import { NAME_MAX_LENGTH } from './services/patients';

export type ControlInput<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

export interface ClockInput {
  /** Epoch ms to move to. */
  now?: number;
  /** Or: how far to move from the current instant. */
  advanceMs?: number;
  freeze?: boolean;
}

const MAX_DELAY_MS = 10 * 60 * 1000;

function refuse<T>(field: string, message: string): ControlInput<T> {
  return { ok: false, field, message };
}

function asObject(body: unknown, allowed: readonly string[]): ControlInput<Record<string, unknown>> {
  if (body === undefined || body === null || body === '') return { ok: true, value: {} };
  if (typeof body !== 'object' || Array.isArray(body)) return refuse('body', '请求体应为JSON对象');
  const record = body as Record<string, unknown>;
  const unknown = Object.keys(record).find((key) => !allowed.includes(key));
  if (unknown !== undefined) return refuse(unknown, `不支持的参数：${unknown}`);
  return { ok: true, value: record };
}

/** `POST /sandbox/clock` body: `{now?, advanceMs?, freeze?}`, at least one of them. */
export function readClockInput(body: unknown): ControlInput<ClockInput> {
  const read = asObject(body, ['now', 'advanceMs', 'freeze']);
  if (!read.ok) return read;
  const { now, advanceMs, freeze } = read.value;
  const value: ClockInput = {};
  if (now !== undefined) {
    const ms = parseInstant(now);
    if (ms === undefined) return refuse('now', 'now 应为带时区的ISO时间（如 2026-11-26T01:30:00Z）、医院当地时间（如 2026-11-26 09:30:00）或毫秒时间戳');
    value.now = ms;
  }
  if (advanceMs !== undefined) {
    if (typeof advanceMs !== 'number' || !Number.isInteger(advanceMs)) return refuse('advanceMs', 'advanceMs 应为整数毫秒');
    if (value.now !== undefined) return refuse('advanceMs', 'now 和 advanceMs 只能提供其中一个');
    value.advanceMs = advanceMs;
  }
  if (freeze !== undefined) {
    if (typeof freeze !== 'boolean') return refuse('freeze', 'freeze 应为 true 或 false');
    value.freeze = freeze;
  }
  if (value.now === undefined && value.advanceMs === undefined && value.freeze === undefined) {
    return refuse('now', '请提供 now（要设定的时间）、advanceMs 或 freeze');
  }
  return { ok: true, value };
}

/** `POST /sandbox/faults` body: `{service, mode, rate?, delayMs?}`. */
export function readFaultInput(body: unknown): ControlInput<FaultSetting> {
  const read = asObject(body, ['service', 'mode', 'rate', 'delayMs']);
  if (!read.ok) return read;
  const { service, mode, rate, delayMs } = read.value;
  const services = Object.keys(SERVICES);
  if (typeof service !== 'string' || (service !== ALL_SERVICES && !services.includes(service))) {
    return refuse('service', `service 应为HSB服务名（${services.join('、')}）或 *`);
  }
  if (mode !== 'error' && mode !== 'timeout' && mode !== 'slow' && mode !== 'off') {
    return refuse('mode', 'mode 只能是 error、timeout、slow 或 off');
  }
  const value: FaultSetting = { service, mode };
  if (rate !== undefined) {
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) return refuse('rate', 'rate 应为 0 到 1 之间的数');
    value.rate = rate;
  }
  if (delayMs !== undefined) {
    if (typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 0 || delayMs > MAX_DELAY_MS) {
      return refuse('delayMs', `delayMs 应为 0 到 ${MAX_DELAY_MS} 之间的整数毫秒`);
    }
    value.delayMs = delayMs;
  }
  return { ok: true, value };
}

/** `POST /sandbox/cards` body, read: the kiosk's card applicant. */
export interface CardInput {
  name: string;
  idCard: IdCardInfo;
  /** Normalised 11-digit mobile. */
  phone?: string;
  verified: boolean;
}

/** `POST /sandbox/cards` body: `{idCardNo, name, phone?, verified? (true)}`; the ID is checked on the hospital's clock. */
export function readCardInput(body: unknown, nowMs: number): ControlInput<CardInput> {
  const read = asObject(body, ['idCardNo', 'name', 'phone', 'verified']);
  if (!read.ok) return read;
  const { idCardNo, name, phone, verified } = read.value;
  if (typeof name !== 'string' || normalizeName(name) === '') return refuse('name', '请提供 name（姓名）');
  if (Array.from(normalizeName(name)).length > NAME_MAX_LENGTH) return refuse('name', `name（姓名）不能超过${NAME_MAX_LENGTH}个字`);
  if (typeof idCardNo !== 'string' || idCardNo.trim() === '') return refuse('idCardNo', '请提供 idCardNo（身份证号）');
  const idCard = parseIdCard(idCardNo, nowMs);
  if (!idCard.ok) return refuse('idCardNo', `idCardNo 无效：${idCard.message}`);
  const value: CardInput = { name: normalizeName(name), idCard: idCard.value, verified: true };
  if (phone !== undefined && phone !== null && phone !== '') {
    const mobile = typeof phone === 'string' ? normalizeMobile(phone) : null;
    if (mobile === null) return refuse('phone', 'phone 应为中国大陆手机号（如 13812345678）');
    value.phone = mobile;
  }
  if (verified !== undefined) {
    if (typeof verified !== 'boolean') return refuse('verified', 'verified 应为 true（已实名认证）或 false');
    value.verified = verified;
  }
  return { ok: true, value };
}

/** `GET /sandbox/sms?phone=`: an 11-digit mainland mobile. */
export function readSmsQuery(query: unknown): ControlInput<{ phone: string }> {
  const phone = (query as Record<string, unknown> | undefined)?.phone;
  const mobile = typeof phone === 'string' ? normalizeMobile(phone) : null;
  if (mobile === null) return refuse('phone', 'phone 应为中国大陆手机号（如 13812345678）');
  return { ok: true, value: { phone: mobile } };
}

/** `POST /sandbox/patients/<patientId>/phone` body: `{phone}`, the counter's new phone on file. */
export function readPhoneChangeInput(body: unknown): ControlInput<{ phone: string }> {
  const read = asObject(body, ['phone']);
  if (!read.ok) return read;
  const mobile = typeof read.value.phone === 'string' ? normalizeMobile(read.value.phone) : null;
  if (mobile === null) return refuse('phone', 'phone 应为中国大陆手机号（如 13812345678）');
  return { ok: true, value: { phone: mobile } };
}

/** `POST /sandbox/qrcode/verify` body: `{code}`. */
export function readQrVerifyInput(body: unknown): ControlInput<{ code: string }> {
  const read = asObject(body, ['code']);
  if (!read.ok) return read;
  const { code } = read.value;
  if (typeof code !== 'string' || code.trim() === '') return refuse('code', '请提供 code（扫码得到的就诊码内容）');
  return { ok: true, value: { code } };
}

/** Patient ids, trade numbers: the hospital's codes. */
const CODE = /^[A-Za-z0-9_-]{1,40}$/;
/** WeChat Pay's out_trade_no: 6–32 letters, digits, `_` or `-`. */
const TRADE_NO = /^[A-Za-z0-9_-]{6,32}$/;

/** `POST /sandbox/visits` body: `{patientId}`. */
export function readVisitInput(body: unknown): ControlInput<{ patientId: string }> {
  const read = asObject(body, ['patientId']);
  if (!read.ok) return read;
  const { patientId } = read.value;
  if (typeof patientId !== 'string' || !CODE.test(patientId)) return refuse('patientId', '请提供 patientId（患者编号，如 P10000001）');
  return { ok: true, value: { patientId } };
}

/** `POST /sandbox/payments/forget` body: `{tradeNo}`. */
export function readForgetInput(body: unknown): ControlInput<{ tradeNo: string }> {
  const read = asObject(body, ['tradeNo']);
  if (!read.ok) return read;
  const { tradeNo } = read.value;
  if (typeof tradeNo !== 'string' || !TRADE_NO.test(tradeNo)) return refuse('tradeNo', '请提供 tradeNo（商户订单号，6–32位字母、数字、_ 或 -）');
  return { ok: true, value: { tradeNo } };
}

/** `POST /sandbox/payments/phantom` body, read: pay time as an instant (default: the hospital's now). */
export interface PhantomInput {
  patientId: string;
  /** Fen, positive. */
  amount: number;
  tradeNo: string;
  payTimeMs?: number;
}

/** `POST /sandbox/payments/phantom` body: `{patientId, amount (fen), tradeNo, payTime?}`. */
export function readPhantomInput(body: unknown): ControlInput<PhantomInput> {
  const read = asObject(body, ['patientId', 'amount', 'tradeNo', 'payTime']);
  if (!read.ok) return read;
  const { patientId, amount, tradeNo, payTime } = read.value;
  if (typeof patientId !== 'string' || !CODE.test(patientId)) return refuse('patientId', '请提供 patientId（患者编号，如 P10000001）');
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) return refuse('amount', 'amount 应为正整数（单位：分）');
  if (typeof tradeNo !== 'string' || !TRADE_NO.test(tradeNo)) return refuse('tradeNo', '请提供 tradeNo（商户订单号，6–32位字母、数字、_ 或 -）');
  const value: PhantomInput = { patientId, amount, tradeNo };
  if (payTime !== undefined && payTime !== null && payTime !== '') {
    const ms = parseInstant(payTime);
    if (ms === undefined) return refuse('payTime', 'payTime 应为带时区的ISO时间、医院当地时间（如 2026-11-26 09:30:00）或毫秒时间戳');
    value.payTimeMs = ms;
  }
  return { ok: true, value };
}

/** `POST /sandbox/queue/checkin` body: `{registrationId}` or `{code}` (the patient's check-in QR code). */
export function readCheckInInput(body: unknown): ControlInput<{ registrationId: string } | { code: string }> {
  const read = asObject(body, ['registrationId', 'code']);
  if (!read.ok) return read;
  const { registrationId, code } = read.value;
  if ((registrationId === undefined) === (code === undefined)) return refuse('registrationId', '请提供 registrationId（挂号单号）或 code（就诊码）其中之一');
  if (registrationId !== undefined) {
    if (typeof registrationId !== 'string' || !CODE.test(registrationId)) return refuse('registrationId', 'registrationId 应为挂号单号（如 GH10000001）');
    return { ok: true, value: { registrationId } };
  }
  if (typeof code !== 'string' || code.trim() === '') return refuse('code', '请提供 code（扫码得到的就诊码内容）');
  return { ok: true, value: { code } };
}

/** `POST /sandbox/rules` body: any of `{payAtBooking, maxActiveAppointments, holdMinutes}`. */
export function readRulesInput(body: unknown): ControlInput<Partial<BookingRules>> {
  const read = asObject(body, ['payAtBooking', 'maxActiveAppointments', 'holdMinutes']);
  if (!read.ok) return read;
  const { payAtBooking, maxActiveAppointments, holdMinutes } = read.value;
  const value: Partial<BookingRules> = {};
  if (payAtBooking !== undefined) {
    if (typeof payAtBooking !== 'boolean') return refuse('payAtBooking', 'payAtBooking 应为 true 或 false');
    value.payAtBooking = payAtBooking;
  }
  if (maxActiveAppointments !== undefined) {
    if (!Number.isInteger(maxActiveAppointments) || (maxActiveAppointments as number) < 1 || (maxActiveAppointments as number) > 20) {
      return refuse('maxActiveAppointments', 'maxActiveAppointments 应为 1 到 20 的整数');
    }
    value.maxActiveAppointments = maxActiveAppointments as number;
  }
  if (holdMinutes !== undefined) {
    if (!Number.isInteger(holdMinutes) || (holdMinutes as number) < 1 || (holdMinutes as number) > MAX_HOLD_MINUTES) {
      return refuse('holdMinutes', `holdMinutes 应为 1 到 ${MAX_HOLD_MINUTES} 的整数`);
    }
    value.holdMinutes = holdMinutes as number;
  }
  return { ok: true, value };
}

/** `POST /sandbox/queue/next` body: `{scheduleId}`. */
export function readCallNextInput(body: unknown): ControlInput<{ scheduleId: string }> {
  const read = asObject(body, ['scheduleId']);
  if (!read.ok) return read;
  const { scheduleId } = read.value;
  if (typeof scheduleId !== 'string' || !CODE.test(scheduleId)) return refuse('scheduleId', '请提供 scheduleId（排班代码）');
  return { ok: true, value: { scheduleId } };
}
