/**
 * Inpatient services (住院): QueryInpatientStays, QueryInpatientStay (bind by 住院号),
 * QueryInpatientDailyList (每日清单) and PayInpatientDeposit (押金缴费确认). Money on the wire is yuan.
 */
import type {
  HsbStay,
  HsbStayCharge,
  PayInpatientDepositRequest,
  PayInpatientDepositResponse,
  QueryInpatientDailyListRequest,
  QueryInpatientDailyListResponse,
  QueryInpatientStayRequest,
  QueryInpatientStayResponse,
  QueryInpatientStaysRequest,
  QueryInpatientStaysResponse,
} from '../../../typings/hsb';
import { yuanToFen } from '../../../miniprogram/core/money';
import { CODE_PATTERN } from '../../../miniprogram/core/validate';
import type { HospitalDb } from '../db';
import { readMeta } from '../db';
import type { StayCategory, StayRow } from '../inpatient';
import { STAY_CATEGORIES, STAY_MESSAGES, dailyList, lowBalanceThreshold, patientStay, patientStays, payDeposit } from '../inpatient';
import { findPatient } from '../patients';
import { fenToYuan } from '../xml';
import { PAYMENT_PARAMS } from './billing';
import type { ServiceHandler } from './context';
import { ok, readParams, refuse } from './context';

const PATIENT_ID = { type: 'string', label: '患者编号', required: true, pattern: CODE_PATTERN } as const;
const STAY_NO = { type: 'string', label: '住院流水号', required: true, pattern: CODE_PATTERN } as const;

/** Category codes on the wire, in the order of STAY_CATEGORIES. */
const CATEGORY_CODES = Object.fromEntries(STAY_CATEGORIES.map((c, i) => [c, String(i + 1)])) as Record<StayCategory, HsbStayCharge['Category']>;

/** The seed the hospital was built from (charges are drawn from it). */
function seedOf(db: HospitalDb): number {
  return Number(readMeta(db, 'seed') ?? '0');
}

function toHsbStay(db: HospitalDb, s: StayRow): HsbStay {
  return {
    StayNo: s.stayNo,
    AdmissionNo: s.admissionNo,
    PatientId: s.patientId,
    DeptName: s.deptName,
    WardName: s.wardName,
    WardLocation: s.wardLocation,
    BedNo: s.bedNo,
    DoctorName: s.doctorName,
    Status: String(s.status) as HsbStay['Status'],
    AdmitTime: s.admittedAt,
    DischargeTime: s.dischargedAt ?? '',
    SettleTime: s.settledAt ?? '',
    DepositTotal: fenToYuan(s.deposits),
    ChargeTotal: fenToYuan(s.charges),
    Balance: fenToYuan(s.balance),
    Settlement: s.settlement === null ? '' : fenToYuan(s.settlement),
    LowBalanceThreshold: fenToYuan(lowBalanceThreshold(db)),
  };
}

export const queryInpatientStays: ServiceHandler<QueryInpatientStaysResponse> = (body, { db, now }) => {
  const params = readParams<QueryInpatientStaysRequest>({ PatientId: PATIENT_ID }, body);
  if (!params.ok) return params.refusal;
  const { PatientId } = params.value;
  if (findPatient(db, PatientId) === undefined) return refuse('1001', '患者不存在');
  return ok({ Stays: { Stay: patientStays(db, seedOf(db), PatientId, now()).map((s) => toHsbStay(db, s)) } });
};

export const queryInpatientStay: ServiceHandler<QueryInpatientStayResponse> = (body, { db, now }) => {
  const params = readParams<QueryInpatientStayRequest>(
    { PatientId: PATIENT_ID, AdmissionNo: { type: 'string', label: '住院号', pattern: CODE_PATTERN }, StayNo: { ...STAY_NO, required: false } },
    body,
  );
  if (!params.ok) return params.refusal;
  const { PatientId, AdmissionNo, StayNo } = params.value;
  if ((AdmissionNo === undefined) === (StayNo === undefined)) return refuse('1002', '住院号和住院流水号须且只能提供其中一个');
  if (findPatient(db, PatientId) === undefined) return refuse('1001', '患者不存在');
  const by = AdmissionNo !== undefined ? { admissionNo: AdmissionNo } : { stayNo: StayNo as string };
  // Unknown and another patient's number answer alike: the number proves nothing about anyone else.
  const stay = patientStay(db, seedOf(db), PatientId, by, now());
  return stay === undefined ? refuse('1001', STAY_MESSAGES.notFound) : ok({ Stay: toHsbStay(db, stay) });
};

export const queryInpatientDailyList: ServiceHandler<QueryInpatientDailyListResponse> = (body, { db, now }) => {
  const params = readParams<QueryInpatientDailyListRequest>({ PatientId: PATIENT_ID, StayNo: STAY_NO, ChargeDate: { type: 'date', label: '费用日期', required: true } }, body);
  if (!params.ok) return params.refusal;
  const { PatientId, StayNo, ChargeDate } = params.value;
  if (findPatient(db, PatientId) === undefined) return refuse('1001', '患者不存在');
  const list = dailyList(db, seedOf(db), { patientId: PatientId, stayNo: StayNo, date: ChargeDate }, now());
  if (!list.ok) return list.reason === 'not_found' ? refuse('1001', STAY_MESSAGES.notFound) : refuse('2001', STAY_MESSAGES.notDuringStay);
  return ok({
    StayNo,
    ChargeDate,
    Items: {
      Item: list.items.map((item) => ({
        Category: CATEGORY_CODES[item.category],
        ItemName: item.itemName,
        Spec: item.spec,
        Quantity: String(item.quantity),
        Unit: item.unit,
        UnitPrice: fenToYuan(item.unitPrice),
        Amount: fenToYuan(item.amount),
      })),
    },
    DayTotal: fenToYuan(list.items.reduce((sum, item) => sum + item.amount, 0)),
  });
};

export const payInpatientDeposit: ServiceHandler<PayInpatientDepositResponse> = (body, { db, now }) => {
  const params = readParams<PayInpatientDepositRequest>(
    {
      PatientId: PATIENT_ID,
      StayNo: STAY_NO,
      ...PAYMENT_PARAMS,
      TotalFee: { ...PAYMENT_PARAMS.TotalFee, label: '押金金额' },
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const p = params.value;
  const amount = yuanToFen(p.TotalFee);
  if (amount === null || amount <= 0) return refuse('1002', '押金金额应大于0');
  const outcome = payDeposit(db, seedOf(db), { patientId: p.PatientId, stayNo: p.StayNo, amount, tradeNo: p.TradeNo, transactionId: p.TransactionId, payTime: p.PayTime }, now());
  if (outcome.ok) return ok({ ReceiptNo: outcome.receiptNo, Stay: toHsbStay(db, outcome.stay) });
  return refuse(outcome.reason === 'unknown_patient' || outcome.reason === 'not_found' ? '1001' : '2001', outcome.message);
};
