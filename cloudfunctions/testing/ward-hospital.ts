/**
 * Test support: an in-memory hospital ward behind the stub front machine — one stay per admission
 * (`inpatient.stay`, `inpatient.stays`), deposits confirmed idempotently by outTradeNo
 * (`inpatient.deposit`, refused once discharged), as typings/frontmachine.ts describes them — with
 * faults shared with a billing desk (down, failing confirmations). Never bundled.
 */
import type { OperationRequest, OperationResponse } from '../../typings/frontmachine';
import type { HospitalStay } from '../../typings/inpatient';
import { AppError } from '../../miniprogram/core/errors';
import type { StubAnswers } from './stub-front-machine';

export interface WardDepositRecord {
  outTradeNo: string;
  stayId: string;
  amount: number;
  receiptNo: string;
}

/** Faults the ward shares with the billing desk of the same hospital. */
export interface WardFaults {
  down: boolean;
  failConfirms: number;
  /** The next n deposits are recorded but their answer is lost (the hospital committed late). */
  lateCommits?: number;
}

export interface WardHospital {
  answers: StubAnswers;
  stays: Map<string, HospitalStay>;
  /** Deposits recorded, by outTradeNo. */
  deposits: Map<string, WardDepositRecord>;
  /** Admits the patient (charges of 480.00 yuan so far, no deposit yet). */
  admit(patientId: string): HospitalStay;
  /** The ward discharges the stay: settling, no more deposits. */
  discharge(stayId: string): void;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `faults` is read on every call (pass the billing desk to share its switches). */
export function wardHospital(faults: () => WardFaults = () => ({ down: false, failConfirms: 0 })): WardHospital {
  const stays = new Map<string, HospitalStay>();
  const deposits = new Map<string, WardDepositRecord>();
  let seq = 0;
  let receipts = 0;

  const unavailable = () => new AppError('HOSPITAL_UNAVAILABLE');
  const withDeposits = (s: HospitalStay): HospitalStay => {
    const paid = [...deposits.values()].filter((d) => d.stayId === s.stayId).reduce((sum, d) => sum + d.amount, 0);
    return { ...s, deposits: paid, balance: paid - s.charges };
  };

  const find = async (req: OperationRequest<'inpatient.stay'>): Promise<OperationResponse<'inpatient.stay'>> => {
    await tick();
    if (faults().down) throw unavailable();
    const stay = [...stays.values()].find((s) => s.patientId === req.patientId && (req.admissionNo !== undefined ? s.admissionNo === req.admissionNo : s.stayId === req.stayId));
    if (!stay) throw new AppError('NOT_FOUND', '未找到该住院记录，请核对住院号', req.admissionNo !== undefined ? 'admissionNo' : 'stayId');
    return { stay: withDeposits(stay) };
  };

  const list = async ({ patientId }: OperationRequest<'inpatient.stays'>): Promise<OperationResponse<'inpatient.stays'>> => {
    await tick();
    if (faults().down) throw unavailable();
    return { stays: [...stays.values()].filter((s) => s.patientId === patientId).map(withDeposits) };
  };

  const deposit = async (req: OperationRequest<'inpatient.deposit'>): Promise<OperationResponse<'inpatient.deposit'>> => {
    await tick();
    const f = faults();
    if (f.down) throw unavailable();
    if (f.failConfirms > 0) {
      f.failConfirms--;
      throw unavailable();
    }
    const stay = stays.get(req.stayId);
    if (!stay || stay.patientId !== req.patientId) throw new AppError('NOT_FOUND', '未找到该住院记录', 'stayId');
    const earlier = deposits.get(req.outTradeNo);
    if (earlier) return { receiptNo: earlier.receiptNo, stay: withDeposits(stay) };
    if (stay.status !== 'in-hospital') throw new AppError('RULE_VIOLATION', '该住院已出院或正在办理出院结算，费用将原路退回', 'stayId');
    const receiptNo = `RZ${String(++receipts).padStart(8, '0')}`;
    deposits.set(req.outTradeNo, { outTradeNo: req.outTradeNo, stayId: req.stayId, amount: req.amount, receiptNo });
    if ((f.lateCommits ?? 0) > 0) {
      f.lateCommits = (f.lateCommits ?? 0) - 1;
      throw unavailable();
    }
    return { receiptNo, stay: withDeposits(stay) };
  };

  /** Every day of a stay charges the bed only (45.00 yuan); before admission there is no list. */
  const daily = async (req: OperationRequest<'inpatient.daily'>): Promise<OperationResponse<'inpatient.daily'>> => {
    await tick();
    if (faults().down) throw unavailable();
    const stay = stays.get(req.stayId);
    if (!stay || stay.patientId !== req.patientId) throw new AppError('NOT_FOUND', '未找到该住院记录', 'stayId');
    if (req.date < stay.admittedAt.slice(0, 10)) throw new AppError('RULE_VIOLATION', '所选日期不在住院期间', 'date');
    const items = [{ category: 'bed' as const, name: '床位费', spec: '普通病房', quantity: 1, unit: '日', unitPrice: 4500, amount: 4500 }];
    return { stayId: req.stayId, date: req.date, items, subtotals: [{ category: 'bed', amount: 4500 }], total: 4500 };
  };

  return {
    stays,
    deposits,
    answers: { 'inpatient.stay': find, 'inpatient.stays': list, 'inpatient.deposit': deposit, 'inpatient.daily': daily },
    admit(patientId) {
      seq++;
      const stay: HospitalStay = {
        stayId: `ZY${10_000_000 + seq}`,
        admissionNo: String(30_000_000 + seq),
        patientId,
        deptName: '呼吸科',
        wardName: '呼吸科病区',
        wardLocation: '住院楼6楼东',
        bedNo: String(seq),
        doctorName: '张医生',
        status: 'in-hospital',
        admittedAt: '2026-03-09T01:00:00.000Z',
        dischargedAt: null,
        settledAt: null,
        deposits: 0,
        charges: 48_000,
        balance: -48_000,
        settlement: null,
        lowBalanceThreshold: 100_000,
      };
      stays.set(stay.stayId, stay);
      return stay;
    },
    discharge(stayId) {
      const stay = stays.get(stayId);
      if (stay && stay.status === 'in-hospital') stays.set(stayId, { ...stay, status: 'settling', dischargedAt: '2026-03-10T02:00:00.000Z' });
    },
  };
}
