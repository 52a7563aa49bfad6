/**
 * Rules of 就诊记录 and 报告查询 shared by the pages: how a lab result is marked (in words and arrows
 * as well as colour, for colour-blind and 长辈模式 readers), abnormal results first, and where a
 * trend's points fall. Pure functions, no wx.
 */
import type { LabFlag, LabResult, ReportKind, ReportStatus } from '../../typings/records';

/** The report kinds in the order of 报告查询's tabs. */
export const REPORT_KINDS: readonly { kind: ReportKind; title: string }[] = [
  { kind: 'lab', title: '检验' },
  { kind: 'exam', title: '检查' },
  { kind: 'pathology', title: '病理' },
];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { pending: '待出报告', finished: '已出报告' };

/** How a result reads: a word, an arrow, and the tone its colour comes from. */
export interface LabMark {
  /** 偏高 / 偏低 / 异常, '' when normal. */
  word: string;
  /** ↑ / ↓, '' otherwise. */
  arrow: string;
  /** 危急 is said in words too, never by colour alone. */
  critical: boolean;
  tone: 'normal' | 'high' | 'low' | 'abnormal' | 'critical';
}

const WORDS: Record<LabFlag, string> = { normal: '', high: '偏高', low: '偏低', abnormal: '异常' };
const ARROWS: Record<LabFlag, string> = { normal: '', high: '↑', low: '↓', abnormal: '' };

export function labMark(result: Pick<LabResult, 'flag' | 'critical'>): LabMark {
  return {
    word: WORDS[result.flag],
    arrow: ARROWS[result.flag],
    critical: result.critical,
    tone: result.critical ? 'critical' : result.flag,
  };
}

/** True for a result the reader should see first. */
export function isAbnormal(result: Pick<LabResult, 'flag' | 'critical'>): boolean {
  return result.critical || result.flag !== 'normal';
}

/** Critical values first, then the other abnormal ones, then the normal ones; the lab's order kept within each. */
export function abnormalFirst<T extends Pick<LabResult, 'flag' | 'critical'>>(results: readonly T[]): T[] {
  const rank = (r: T) => (r.critical ? 0 : r.flag !== 'normal' ? 1 : 2);
  return results.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map(({ r }) => r);
}

/** A point of a drawn trend, in percent of the chart: x from the left, y from the top. */
export interface ChartPoint {
  x: number;
  y: number;
}

/** The reference band of a drawn trend, in percent from the top; null without both bounds. */
export interface ChartBand {
  top: number;
  height: number;
}

/**
 * Where a trend's values and its reference range fall in a chart: the vertical scale spans the
 * values and the range with a margin, oldest value on the left.
 */
export function trendChart(values: readonly number[], low: number | null, high: number | null): { points: ChartPoint[]; band: ChartBand | null } {
  const all = [...values, ...(low !== null ? [low] : []), ...(high !== null ? [high] : [])];
  if (all.length === 0) return { points: [], band: null };
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (max === min) {
    min -= 1;
    max += 1;
  }
  const margin = (max - min) * 0.1;
  min -= margin;
  max += margin;
  const y = (v: number) => round(((max - v) / (max - min)) * 100);
  const points = values.map((v, i) => ({ x: values.length === 1 ? 50 : round((i / (values.length - 1)) * 100), y: y(v) }));
  const band = low !== null && high !== null ? { top: y(high), height: round(y(low) - y(high)) } : null;
  return { points, band };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
