/**
 * Inpatient services (住院, paper §3.4): a bound patient's stays, the day's charges (每日清单) and
 * deposits paid online. Amounts are integers in fen; times are ISO instants, dates hospital dates.
 */
import type { Fen, HospitalDate } from './hospital';
import type { OrderView, WxPaymentParams } from './payment';

/** In hospital; discharged and settling at the cashier (出院结算中); discharged and settled. */
export type StayStatus = 'in-hospital' | 'settling' | 'discharged';

/** Charge categories of a daily list, in the order it shows them. */
export type StayCategory = 'bed' | 'nursing' | 'drug' | 'lab' | 'exam' | 'treatment' | 'material';

/** A stay as the hospital reports it (the front machine's shape). */
export interface HospitalStay {
  /** The hospital's stay number (住院流水号), what the app refers to. */
  stayId: string;
  /** 住院号 on the wristband and the admission papers: what a parent binds with. */
  admissionNo: string;
  patientId: string;
  deptName: string;
  wardName: string;
  wardLocation: string;
  bedNo: string;
  /** 主治医生 */
  doctorName: string;
  status: StayStatus;
  admittedAt: string;
  dischargedAt: string | null;
  settledAt: string | null;
  /** Deposits paid so far, charges posted so far, and deposits minus charges (negative: owed). */
  deposits: Fen;
  charges: Fen;
  balance: Fen;
  /** At settlement: returned to the patient (positive) or collected (negative); null until settled. */
  settlement: Fen | null;
  /** Below this balance the hospital asks for more deposit. */
  lowBalanceThreshold: Fen;
}

/** A stay as the patient sees it: the hospital's report and what the app can do with it. */
export interface StayView extends HospitalStay {
  /** The balance is below the hospital's threshold while in hospital: 请及时补缴押金. */
  lowBalance: boolean;
  /** A deposit may be paid online (in hospital only). */
  canDeposit: boolean;
  /** The days a daily list exists for so far: admission day to today (or the discharge day). */
  firstDate: HospitalDate;
  lastDate: HospitalDate;
}

/** One line of a daily list. */
export interface StayCharge {
  category: StayCategory;
  name: string;
  spec: string;
  quantity: number;
  unit: string;
  unitPrice: Fen;
  amount: Fen;
}

/** 每日清单: one day's charges of a stay, with subtotals by category (in category order, only those present). */
export interface DailyList {
  stayId: string;
  date: HospitalDate;
  items: StayCharge[];
  subtotals: { category: StayCategory; amount: Fen }[];
  total: Fen;
}

// ---- API requests and responses ----------------------------------------------------------------

/** Bind a stay of one of the caller's patients by its 住院号. */
export interface InpatientBindRequest {
  patientId: string;
  admissionNo: string;
}
export interface InpatientBindResponse {
  stay: StayView;
}

/** The patient's bound stays, current first, then the rest newest first. */
export interface InpatientListRequest {
  patientId: string;
}
export interface InpatientListResponse {
  stays: StayView[];
}

/** One day's charges of a bound stay; `date` within the stay so far. */
export interface InpatientDailyRequest {
  patientId: string;
  stayId: string;
  date: HospitalDate;
}
export interface InpatientDailyResponse extends DailyList {
  stay: StayView;
}

/** A deposit for a bound stay in hospital: 100.00 to 50,000.00 yuan, whole fen. */
export interface InpatientDepositRequest {
  patientId: string;
  stayId: string;
  amount: Fen;
}
export interface InpatientDepositResponse {
  order: OrderView;
  payment: WxPaymentParams;
}
