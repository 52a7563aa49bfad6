/** Order and refund numbers, deterministic so a retry meets the same document at WeChat and in the ledger, and WeChat's time format. */
import { createHash } from 'node:crypto';
import type { HospitalRef } from '../../../../typings/db';
import { formatHospital, hospitalInstant } from '../../../../miniprogram/core/time';

/** Order descriptions of the booking kinds: what is paid for, never a doctor or a department. */
export const BOOKING_DESCRIPTIONS = { registration: '挂号费', appointment: '预约挂号费', 'take-number': '取号', 'test-application': '核酸检测费' } as const;

/** A booking order (当日挂号, 预约 paid at booking, or 取号) to place: the amount is the hospital's fee, never the client's. */
export interface BookingOrderRequest {
  openid: string;
  patientId: string;
  hospitalRef: Extract<HospitalRef, { kind: 'registration' | 'appointment' | 'take-number' | 'test-application' }>;
  amount: number;
  /** An unpaid order expires then (a hold's expiry); default: now + the order TTL. */
  expiresAt?: number;
}

/**
 * The order number of a booking: the same hold or held appointment (or the same appointment's number,
 * per attempt) gives the same number, so a double submission meets on one document.
 * `G`/`Y`/`T` + 24 hex + `N` + attempt.
 */
export function bookingOrderNo(ref: BookingOrderRequest['hospitalRef'], patientId: string, attempt: number): string {
  const key =
    ref.kind === 'registration' ? ['G', ref.holdId] : ref.kind === 'appointment' ? ['Y', ref.appointmentId] : ref.kind === 'test-application' ? ['H', ref.applicationId] : ['T', ref.appointmentId];
  const digest = createHash('sha256').update(JSON.stringify([patientId, key[1]]), 'utf8').digest('hex').slice(0, 24);
  return `${key[0]}${digest}N${attempt}`;
}

/** `门诊缴费（2项）`: what the order is for, never an item's name. */
export function billOrderDescription(billCount: number): string {
  return `门诊缴费（${billCount}项）`;
}

/**
 * The order number of a patient's bill set, per attempt: the same bills give the same number, so two
 * concurrent bill.pay calls meet on one document. `B` + 24 hex + `N` + attempt: at most 32 characters.
 */
export function billOrderNo(patientId: string, billIds: readonly string[], attempt: number): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([patientId, [...billIds].sort()]), 'utf8')
    .digest('hex')
    .slice(0, 24);
  return `B${digest}N${attempt}`;
}

export function refundNoOf(outTradeNo: string): string {
  return `R${outTradeNo}`;
}

/** `yyyyMMddHHmmss` Beijing time (WeChat's timeExpire / timeEnd). */
export function compactBeijing(ms: number): string {
  return formatHospital(ms, 'YYYYMMDDHHmmss');
}

export function parseCompactBeijing(s: string | undefined): number | undefined {
  const m = s === undefined ? null : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  return m ? hospitalInstant(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`) : undefined;
}
