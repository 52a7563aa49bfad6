/**
 * Inpatient rules shared by the mini program and the cloud: deposit limits and presets, category
 * labels and subtotals of a daily list. Pure: no wx, no Node.
 */
import type { Fen } from '../../typings/hospital';
import type { StayCategory, StayCharge, StayStatus } from '../../typings/inpatient';

/** One online deposit: at least 100.00 yuan … */
export const MIN_DEPOSIT_FEN = 10_000;
/** … and at most 50,000.00 yuan. */
export const MAX_DEPOSIT_FEN = 5_000_000;
/** The amounts offered with one tap: 1,000 / 2,000 / 5,000 yuan. */
export const DEPOSIT_PRESETS_FEN: readonly Fen[] = [100_000, 200_000, 500_000];

/** Categories in the order a daily list shows them. */
export const STAY_CATEGORIES: readonly StayCategory[] = ['bed', 'nursing', 'drug', 'lab', 'exam', 'treatment', 'material'];

export const STAY_CATEGORY_LABELS: Record<StayCategory, string> = {
  bed: '床位费',
  nursing: '护理费',
  drug: '药品费',
  lab: '检验费',
  exam: '检查费',
  treatment: '治疗费',
  material: '材料费',
};

export const STAY_STATUS_LABELS: Record<StayStatus, string> = {
  'in-hospital': '在院',
  settling: '出院结算中',
  discharged: '已出院',
};

/** Subtotals by category, in category order, only the categories present. */
export function subtotalsByCategory(items: readonly Pick<StayCharge, 'category' | 'amount'>[]): { category: StayCategory; amount: Fen }[] {
  return STAY_CATEGORIES.map((category) => ({ category, amount: items.filter((i) => i.category === category).reduce((sum, i) => sum + i.amount, 0), present: items.some((i) => i.category === category) }))
    .filter((s) => s.present)
    .map(({ category, amount }) => ({ category, amount }));
}

/** Why a deposit amount (fen) is refused, in Chinese; undefined when it may be paid. */
export function depositAmountRefusal(amount: unknown): string | undefined {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return '请输入押金金额';
  if (!Number.isInteger(amount)) return '押金金额最多精确到分';
  if (amount < MIN_DEPOSIT_FEN) return '单笔押金不能少于100元';
  if (amount > MAX_DEPOSIT_FEN) return '单笔押金不能超过50000元';
  return undefined;
}
