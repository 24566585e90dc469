import { Decimal, dec } from './decimal';

/** Money is stored as whole 分 (0.01 元); 1 万元 = 1,000,000 分. */
export const FEN_PER_WAN_YUAN = 1_000_000;

const WAN_YUAN_TEXT = /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/;

/** `"1,408.40"` (万元) → 1408400000 分; null when the text is not an amount or has finer than 分 precision. */
export function parseWanYuan(text: string): number | null {
  const clean = text.trim();
  if (!WAN_YUAN_TEXT.test(clean)) return null;
  const fen = dec(clean.replace(/,/g, '')).times(FEN_PER_WAN_YUAN);
  if (!fen.isInteger() || fen.abs().greaterThan(Number.MAX_SAFE_INTEGER)) return null;
  return fen.toNumber();
}

/** 分 → 万元 as a Decimal (exact). */
export function fenToWanYuan(fen: number): Decimal {
  return dec(fen).dividedBy(FEN_PER_WAN_YUAN);
}

/** 分 → `"1,408.40"`: 万元 with two decimals (half up) and thousands separators, as published tables print it. */
export function formatWanYuan(fen: number, { grouping = true }: { grouping?: boolean } = {}): string {
  const fixed = fenToWanYuan(fen).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  if (!grouping) return fixed;
  const [int, frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** A 万元 decimal string (`"21.5"`, the engine's) → `"21.50"`; '' for null. */
export function formatWanYuanText(amount: string | null): string {
  return amount === null ? '' : formatWanYuan(parseWanYuan(amount) ?? 0);
}
