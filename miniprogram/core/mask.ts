/**
 * Masking, everywhere a person or a log can see personal data (docs/architecture.md#trust):
 * name 张*明 / 张*, ID 3 first + 4 last, phone 138****1234.
 */
import { normalizeMobile } from './phone';

/** 张三 → 张*, 张小明 → 张*明, 欧阳娜娜 → 欧**娜. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 34012319900101123X → 340***********123X (3 first, 4 last; everything between starred). */
export function maskIdCard(id: string): string {
  const s = id.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

/** 13812341234 (also +86 138-1234-1234) → 138****1234; anything of 7 characters or fewer is all stars. */
export function maskPhone(phone: string): string {
  const s = normalizeMobile(phone) ?? phone.trim();
  // At 7 characters "3 first + 4 last" would show every one of them.
  if (s.length <= 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}
