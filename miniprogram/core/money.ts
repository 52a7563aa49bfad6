/**
 * Money is integers in fen everywhere (1 yuan = 100 fen); yuan strings exist only for display and
 * for amounts a patient types. No floating point touches an amount.
 */
import type { Fen } from '../../typings/hospital';

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount in fen must be a safe integer, got ${String(fen)}`);
}

/** 2500 → "25.00", 5 → "0.05", -2500 → "-25.00". Throws on anything but a safe integer. */
export function formatYuan(fen: Fen): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * "25.00" → 2500, "0.10" → 10, "199.99" → 19999, "25" → 2500, "25.5" → 2550, from the digits, never
 * through a float. Null for anything else: negatives, more than two decimals, signs, exponents,
 * leading zeros ("007"), a bare point, or more than the largest safe amount.
 */
export function yuanToFen(yuan: string): Fen | null {
  const m = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) return null;
  const whole = m[1] ?? '0';
  const decimals = (m[2] ?? '').padEnd(2, '0');
  if (whole.length > 14) return null;
  const fen = Number(whole) * 100 + Number(decimals);
  return Number.isSafeInteger(fen) ? fen : null;
}

/** The sum of amounts in fen. Throws when an amount or the total is not a safe integer. */
export function sumFen(list: readonly Fen[]): Fen {
  let total = 0;
  for (const fen of list) {
    assertFen(fen);
    total += fen;
    assertFen(total);
  }
  return total;
}
