/**
 * Payment operations: pending bills, confirming a payment at the hospital, the day's payments for
 * reconciliation, costs. Live money and personal data: none is cached.
 */
import { CODE_PATTERN, validate, type Schema } from '../../miniprogram/core/validate';
import { isHospitalDate } from '../../miniprogram/core/time';
import { PATIENT_ID, type OperationRows } from './operation';

/** Most bills one payment may cover. */
export const MAX_BILLS_PER_PAYMENT = 20;
/** The largest amount one payment may carry, in fen (the HSB's yuan carry at most 9 whole digits). */
export const MAX_PAYMENT_FEN = 99_999_999_999;

/** An ISO 8601 instant with its zone, e.g. 2026-11-26T01:31:00.000Z or 2026-11-26T09:31:00+08:00. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;

function isIsoInstant(v: string): boolean {
  if (!ISO_INSTANT.test(v) || !isHospitalDate(v.slice(0, 10))) return false;
  // Date.parse rolls 25:00 or 12:61 over rather than failing: read the fields back to be sure.
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return false;
  const [hh, mm, ss] = [Number(v.slice(11, 13)), Number(v.slice(14, 16)), Number(v.slice(17, 19))];
  return hh < 24 && mm < 60 && ss < 60;
}

export const CONFIRM_SCHEMA: Schema = {
  patientId: PATIENT_ID,
  billIds: {
    type: 'array',
    label: '缴费单',
    required: true,
    minItems: 1,
    maxItems: MAX_BILLS_PER_PAYMENT,
    item: { type: 'string', label: '缴费单号', pattern: CODE_PATTERN },
  },
  amount: { type: 'int', label: '支付金额（分）', required: true, min: 1, max: MAX_PAYMENT_FEN },
  outTradeNo: { type: 'string', label: '商户订单号', required: true, pattern: /^[A-Za-z0-9_-]{6,32}$/ },
  transactionId: { type: 'string', label: '微信支付订单号', required: true, pattern: /^[A-Za-z0-9_-]{1,64}$/ },
  paidAt: { type: 'string', label: '支付时间', required: true, check: (v) => (isIsoInstant(v) ? undefined : '支付时间应为ISO时间（如 2026-11-26T01:31:00Z）') },
};

export function paymentOperations(): OperationRows<'bill.pending' | 'bill.confirm' | 'payment.list' | 'cost.list'> {
  return {
    'bill.pending': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ bills: await hospital.pendingBills(patientId) }),
    },
    // Idempotent twice over: the Idempotency-Key replays the first answer here, the outTradeNo at the hospital.
    'bill.confirm': {
      write: true,
      check: (input) => validate(CONFIRM_SCHEMA, input),
      handle: (confirmation, { hospital }) => hospital.confirmPayment(confirmation),
    },
    'payment.list': {
      write: false,
      check: (input) => validate({ date: { type: 'date', label: '日期', required: true } }, input),
      handle: async ({ date }, { hospital }) => ({ payments: await hospital.payments(date) }),
    },
    'cost.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ visits: await hospital.costs(patientId) }),
    },
  };
}
