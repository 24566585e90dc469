import { Decimal, dec } from '@/lib/decimal';
import { FEN_PER_WAN_YUAN, parseWanYuan } from '@/lib/money';
import type { CellValue } from 'exceljs';

/**
 * Reading what people type into workbooks: text of any cell kind (rich text, formula results,
 * hyperlinks, merged cells resolve to their first cell), and amounts that are numbers or text.
 */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as CellValue | undefined);
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as CellValue);
  return '';
}

type Amount = { fen: number } | { blank: true } | { unreadable: string };

/** Float noise (a SUM of 0.1s) is rounded to 分; anything finer than 分 is a real value we cannot store. */
const NOISE_FEN = 1e-3;

/** An amount in 万元 → whole 分: a number cell, a formula's number, or text like `1,408.40`. */
export function cellAmount(value: CellValue | undefined): Amount {
  const number =
    typeof value === 'number'
      ? value
      : value && typeof value === 'object' && 'result' in value && typeof value.result === 'number'
        ? value.result
        : null;
  if (number !== null) {
    if (!Number.isFinite(number)) return { unreadable: String(number) };
    const fen = dec(String(number)).times(FEN_PER_WAN_YUAN);
    const whole = fen.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    if (fen.minus(whole).abs().greaterThan(NOISE_FEN) || whole.abs().greaterThan(Number.MAX_SAFE_INTEGER))
      return { unreadable: String(number) };
    return { fen: whole.toNumber() };
  }
  const text = cellText(value).trim();
  if (text === '' || text === '-' || text === '—') return { blank: true };
  const fen = parseWanYuan(text);
  return fen === null ? { unreadable: text } : { fen };
}

/** A 分值: a non-negative decimal as an exact decimal string, null when blank, undefined when unreadable. */
export function cellDecimal(value: CellValue | undefined): string | null | undefined {
  const text = typeof value === 'number' ? String(value) : cellText(value).trim();
  if (text === '') return null;
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  return dec(text).toFixed();
}
