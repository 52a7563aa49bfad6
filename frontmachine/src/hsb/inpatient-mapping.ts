/**
 * HSB inpatient shapes (住院) → domain shapes: stays, daily lists, deposit receipts. Item names are
 * health data: protocol errors name the tag, never an item's text.
 */
import type { Fen } from '../../../typings/hospital';
import type { HsbStay, HsbStayCharge, PayInpatientDepositResponse, QueryInpatientDailyListResponse, QueryInpatientStayResponse, QueryInpatientStaysResponse } from '../../../typings/hsb';
import type { DailyList, HospitalStay, StayCategory, StayCharge, StayStatus } from '../../../typings/inpatient';
import { subtotalsByCategory } from '../../../miniprogram/core/inpatient';
import { HsbProtocolError } from './envelope';
import { hospitalDay, isNode, items, leaf, oneOf, quantity, requiredLeaf, wallTimeInstant, yuanToFen } from './fields';

type XmlNode = Record<string, unknown>;

const STAY_STATUSES: Record<string, StayStatus> = { '1': 'in-hospital', '2': 'settling', '3': 'discharged' };
const STAY_CATEGORIES: Record<string, StayCategory> = { '1': 'bed', '2': 'nursing', '3': 'drug', '4': 'lab', '5': 'exam', '6': 'treatment', '7': 'material' };

/** Yuan with an optional minus (a balance the patient owes) → fen. */
function signedFen(s: string, tag: string): Fen {
  const negative = s.trim().startsWith('-');
  try {
    const fen = yuanToFen(negative ? s.trim().slice(1) : s);
    return negative ? -fen : fen;
  } catch {
    throw new HsbProtocolError(`<${tag}> "${s}" is not an amount in yuan`);
  }
}

/** A Shanghai wall time → ISO instant; empty → null when `optional`. */
function instant(s: string, tag: string, optional: boolean): string | null {
  if (s === '' && optional) return null;
  const ms = wallTimeInstant(s);
  if (ms === undefined) throw new HsbProtocolError(`<${tag}> "${s}" is not a Shanghai wall time`);
  return new Date(ms).toISOString();
}

function toStay(s: XmlNode): HospitalStay {
  const text = (tag: keyof HsbStay & string) => leaf<HsbStay>(s, tag);
  const settlement = text('Settlement');
  const deposits = yuanToFen(text('DepositTotal'));
  const charges = yuanToFen(text('ChargeTotal'));
  const balance = signedFen(text('Balance'), 'Balance');
  if (balance !== deposits - charges) throw new HsbProtocolError('<Balance> is not <DepositTotal> minus <ChargeTotal>');
  return {
    stayId: requiredLeaf<HsbStay>(s, 'StayNo'),
    admissionNo: requiredLeaf<HsbStay>(s, 'AdmissionNo'),
    patientId: requiredLeaf<HsbStay>(s, 'PatientId'),
    deptName: text('DeptName'),
    wardName: text('WardName'),
    wardLocation: leaf<HsbStay>(s, 'WardLocation', true),
    bedNo: text('BedNo'),
    doctorName: text('DoctorName'),
    status: oneOf(STAY_STATUSES, text('Status'), 'Status'),
    admittedAt: instant(text('AdmitTime'), 'AdmitTime', false) as string,
    dischargedAt: instant(text('DischargeTime'), 'DischargeTime', true),
    settledAt: instant(text('SettleTime'), 'SettleTime', true),
    deposits,
    charges,
    balance,
    settlement: settlement === '' ? null : signedFen(settlement, 'Settlement'),
    lowBalanceThreshold: yuanToFen(text('LowBalanceThreshold')),
  };
}

export function toStays(body: XmlNode): HospitalStay[] {
  return items<QueryInpatientStaysResponse>(body, 'Stays', 'Stay').map(toStay);
}

function oneStay(body: XmlNode): HospitalStay {
  const stay = body['Stay' satisfies keyof QueryInpatientStayResponse];
  if (!isNode(stay)) throw new HsbProtocolError('<Stay> is missing');
  return toStay(stay);
}

/** The stay asked for; an answer about another stay or patient is off protocol (it would show someone else's stay). */
export function toStay1(body: XmlNode, patientId: string, by: { admissionNo: string } | { stayId: string }): HospitalStay {
  const stay = oneStay(body);
  const same = 'admissionNo' in by ? stay.admissionNo === by.admissionNo : stay.stayId === by.stayId;
  if (!same || stay.patientId !== patientId) throw new HsbProtocolError('<Stay> is not the stay asked for');
  return stay;
}

function toCharge(i: XmlNode): StayCharge {
  return {
    category: oneOf(STAY_CATEGORIES, leaf<HsbStayCharge>(i, 'Category'), 'Category'),
    name: requiredLeaf<HsbStayCharge>(i, 'ItemName'),
    spec: leaf<HsbStayCharge>(i, 'Spec', true),
    quantity: quantity(leaf<HsbStayCharge>(i, 'Quantity')),
    unit: leaf<HsbStayCharge>(i, 'Unit', true),
    unitPrice: yuanToFen(leaf<HsbStayCharge>(i, 'UnitPrice')),
    amount: yuanToFen(leaf<HsbStayCharge>(i, 'Amount')),
  };
}

/** A day's list with subtotals by category summed here; a DayTotal that is not the items' sum is off protocol. */
export function toDailyList(body: XmlNode, stayId: string, date: string): DailyList {
  type D = QueryInpatientDailyListResponse;
  if (leaf<D>(body, 'StayNo') !== stayId || hospitalDay(leaf<D>(body, 'ChargeDate'), 'ChargeDate') !== date) throw new HsbProtocolError('<StayNo>/<ChargeDate> is not the day asked for');
  const list = items<D>(body, 'Items', 'Item').map(toCharge);
  const total = list.reduce((sum, i) => sum + i.amount, 0);
  if (yuanToFen(leaf<D>(body, 'DayTotal')) !== total) throw new HsbProtocolError('<DayTotal> is not the sum of the items');
  return { stayId, date, items: list, subtotals: subtotalsByCategory(list), total };
}

export function toDepositReceipt(body: XmlNode): { receiptNo: string; stay: HospitalStay } {
  return { receiptNo: requiredLeaf<PayInpatientDepositResponse>(body, 'ReceiptNo'), stay: oneStay(body) };
}
