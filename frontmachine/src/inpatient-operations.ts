/**
 * Inpatient operations (住院): stays, daily lists, deposits. Personal and live money, never cached.
 */
import type { OperationRequest } from '../../typings/frontmachine';
import { fail } from '../../miniprogram/core/errors';
import { validate, type Schema, type Validated } from '../../miniprogram/core/validate';
import { ID, OUT_TRADE_NO, PATIENT_ID, type OperationRows } from './operation';
import { CONFIRM_SCHEMA } from './payment-operations';

const STAY_ID = ID('住院流水号');

function checkStayQuery(input: unknown): Validated<OperationRequest<'inpatient.stay'>> {
  const v = validate<OperationRequest<'inpatient.stay'>>({ patientId: PATIENT_ID, admissionNo: { ...ID('住院号'), required: false }, stayId: { ...STAY_ID, required: false } }, input);
  if (!v.ok) return v;
  if ((v.value.admissionNo === undefined) === (v.value.stayId === undefined)) return fail('INVALID_INPUT', '住院号和住院流水号须且只能提供其中一个', 'admissionNo');
  return v;
}

const DEPOSIT_SCHEMA: Schema = {
  patientId: PATIENT_ID,
  stayId: STAY_ID,
  amount: CONFIRM_SCHEMA.amount as Schema[string],
  outTradeNo: OUT_TRADE_NO,
  transactionId: CONFIRM_SCHEMA.transactionId as Schema[string],
  paidAt: CONFIRM_SCHEMA.paidAt as Schema[string],
};

export function inpatientOperations(): OperationRows<'inpatient.stays' | 'inpatient.stay' | 'inpatient.daily' | 'inpatient.deposit'> {
  return {
    'inpatient.stays': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ stays: await hospital.stays(patientId) }),
    },
    'inpatient.stay': {
      write: false,
      check: checkStayQuery,
      handle: async ({ patientId, admissionNo, stayId }, { hospital }) => ({
        stay: await hospital.stay(patientId, admissionNo !== undefined ? { admissionNo } : { stayId: stayId as string }),
      }),
    },
    'inpatient.daily': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID, stayId: STAY_ID, date: { type: 'date', label: '费用日期', required: true } }, input),
      handle: ({ patientId, stayId, date }, { hospital }) => hospital.dailyList(patientId, stayId, date),
    },
    // Idempotent twice over, like bill.confirm: the key here, the outTradeNo at the hospital.
    'inpatient.deposit': {
      write: true,
      check: (input) => validate(DEPOSIT_SCHEMA, input),
      handle: (confirmation, { hospital }) => hospital.payDeposit(confirmation),
    },
  };
}
