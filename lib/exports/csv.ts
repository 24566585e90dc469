/**
 * RFC 4180 CSV as Excel opens it: a UTF-8 byte order mark (without it Excel reads the Chinese as
 * the local code page), CRLF line ends, and fields quoted only when they must be.
 */
export const UTF8_BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: Array<string | number | null | undefined>): string {
  return fields.map(csvField).join(',');
}

/** Header and rows as one document: BOM first, every record (the last too) ended by CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<Array<string | number | null | undefined>>): string {
  const lines = [csvLine([...header])];
  for (const row of rows) lines.push(csvLine(row));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Free text typed by users goes out with a leading `'` when Excel would run it as a formula
 * (`=HYPERLINK(…)` in an explanation): the OWASP guard against CSV injection. Numbers we format
 * ourselves never need it.
 */
export function inertText(text: string | null | undefined): string {
  const value = text ?? '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}
