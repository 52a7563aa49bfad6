/** How 住院服务 shows a stay and a daily list: display fields from the API's shapes. Pure, no wx. */
import type { DailyList, StayView } from '../../../typings/inpatient';
import { STAY_CATEGORY_LABELS, STAY_STATUS_LABELS } from '../../core/inpatient';
import { formatHospital } from '../../core/time';
import { formatFen } from '../../view-models/format';

/** A stay card's fields. */
export interface StayCardView {
  stayId: string;
  admissionNo: string;
  title: string;
  place: string;
  doctorName: string;
  statusLabel: string;
  tagType: 'primary' | 'warning' | 'default';
  admittedText: string;
  dischargedText: string;
  depositsText: string;
  chargesText: string;
  balanceText: string;
  /** The balance is owed (negative) or below the hospital's threshold. */
  lowBalance: boolean;
  owes: boolean;
  /** What the balance means, in words (colour is never the only signal): owed, or low. */
  warning: string;
  canDeposit: boolean;
  lastDate: string;
}

const dateOf = (iso: string | null) => (iso === null ? '' : formatHospital(Date.parse(iso), 'YYYY-MM-DD'));

export function stayCard(s: StayView): StayCardView {
  return {
    stayId: s.stayId,
    admissionNo: s.admissionNo,
    title: `${s.deptName} · ${s.wardName}`,
    place: `${s.wardLocation} ${s.bedNo}床`.trim(),
    doctorName: s.doctorName,
    statusLabel: STAY_STATUS_LABELS[s.status],
    tagType: s.status === 'in-hospital' ? 'primary' : s.status === 'settling' ? 'warning' : 'default',
    admittedText: dateOf(s.admittedAt),
    dischargedText: dateOf(s.dischargedAt),
    depositsText: formatFen(s.deposits),
    chargesText: formatFen(s.charges),
    balanceText: formatFen(s.balance),
    lowBalance: s.lowBalance,
    owes: s.balance < 0,
    warning: s.balance < 0 ? `押金已用完，已欠费 ${formatFen(-s.balance)}，请及时缴纳押金` : s.lowBalance ? '余额不足，请及时缴纳押金，以免影响治疗' : '',
    canDeposit: s.canDeposit,
    lastDate: s.lastDate,
  };
}

/** A daily list's fields: subtotals labelled, items with quantity × unit price. */
export function dailyView(list: DailyList) {
  return {
    totalText: formatFen(list.total),
    subtotals: list.subtotals.map((s) => ({ category: s.category, label: STAY_CATEGORY_LABELS[s.category], amountText: formatFen(s.amount) })),
    items: list.items.map((i, index) => ({
      key: `${index}`,
      name: i.name,
      spec: i.spec,
      categoryLabel: STAY_CATEGORY_LABELS[i.category],
      quantityText: `${i.quantity}${i.unit} × ${formatFen(i.unitPrice)}`,
      amountText: formatFen(i.amount),
    })),
  };
}

/** The day before / after `date` within [first, last] (hospital dates), or null at the edge. */
export function stepDate(date: string, step: -1 | 1, first: string, last: string): string | null {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // Calendar arithmetic in UTC: no zone can skip or repeat a day.
  const next = new Date(Date.UTC(y, m - 1, d + step)).toISOString().slice(0, 10);
  return next < first || next > last ? null : next;
}
