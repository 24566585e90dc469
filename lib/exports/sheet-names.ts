/**
 * Excel's rules for sheet names: at most 31 characters, none of `[]:*?/\`, not starting or ending
 * with `'`, not the reserved `History`, and unique regardless of case. Excel refuses to open a file
 * that breaks any of them.
 */
export const SHEET_NAME_MAX = 31;
const FORBIDDEN = /[[\]:*?/\\\u0000-\u001f]/g;

/** Cuts to `max` UTF-16 units (Excel's count) without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

export function sanitizeSheetName(name: string, fallback = 'Sheet'): string {
  const clean = cut(name.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim(), SHEET_NAME_MAX)
    .replace(/^'+|'+$/g, '')
    .trim();
  if (!clean || clean.toLowerCase() === 'history') return fallback;
  return clean;
}

/** Hands out safe names, each distinct from those before it; a clash gets ` (2)`, ` (3)`… within the limit. */
export class SheetNamer {
  private readonly used = new Set<string>();

  constructor(reserved: string[] = []) {
    for (const name of reserved) this.used.add(name.toLowerCase());
  }

  next(name: string, fallback = 'Sheet'): string {
    const base = sanitizeSheetName(name, fallback);
    let candidate = base;
    for (let n = 2; this.used.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate = `${cut(base, SHEET_NAME_MAX - suffix.length).replace(/'+$/, '')}${suffix}`;
    }
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}
