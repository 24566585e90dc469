import { Decimal } from './decimal';

const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
};
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', DATE_TIME_OPTIONS);

const DATE_TIME_SECONDS = new Intl.DateTimeFormat('zh-CN', { ...DATE_TIME_OPTIONS, second: '2-digit' });

/** Beijing time, as every user of the product reads it; `seconds` where they matter (sign-in history). */
export function formatDateTime(value: Date | number | null | undefined, { seconds = false } = {}): string {
  if (value === null || value === undefined) return '';
  return (seconds ? DATE_TIME_SECONDS : DATE_TIME).format(value instanceof Date ? value : new Date(value));
}

/** Who returned an evaluation, when, and why, in one line: `林志强 2025/01/20 10:30 退回：请补充佐证材料` (lists, exports). */
export function formatReturnNote(note: { actor: string; at: Date; comment: string }): string {
  return `${note.actor} ${formatDateTime(note.at)} 退回：${note.comment}`;
}

const DAY_PARTS = new Intl.DateTimeFormat('en-CA', { timeZone: DATE_TIME_OPTIONS.timeZone });

/** `2025年1月15日`, the day in Beijing time, as a signed form dates it. */
export function formatChineseDate(value: Date): string {
  const [year, month, day] = DAY_PARTS.format(value).split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** `"13.5"` → `"13.50"` at precision 2; `''` for null. */
export function formatScore(score: string | null | undefined, precision: number = 2): string {
  if (score === null || score === undefined || score === '') return '';
  try {
    return new Decimal(score).toFixed(precision);
  } catch {
    return score;
  }
}

/** A rate in 0..1 (or above) → `"93.02%"`. */
export function formatRate(rate: string | null | undefined): string {
  if (rate === null || rate === undefined || rate === '') return '';
  try {
    return `${new Decimal(rate).times(100).toFixed(2)}%`;
  } catch {
    return '';
  }
}
