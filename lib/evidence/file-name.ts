/**
 * File names as users send them are untrusted text: they may carry a path (`../../etc/passwd`, `C:\Users\…`),
 * control or bidi characters (`报告\u202Efdp.exe`), names Windows refuses (`CON`, `a:b`) or a whole paragraph.
 * These functions turn any such text into one safe file name that opens on Windows, macOS and Linux.
 */

/** Characters (and code points) a name may have at the most, extension included. */
export const MAX_NAME_CHARS = 120;
/** Common file systems allow 255 bytes a name; 120 Chinese characters are 360 bytes of UTF-8. */
const MAX_NAME_BYTES = 240;

/** Control, format (bidi overrides, zero-width), lone surrogate and line/paragraph separator characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
/** Characters Windows does not allow in a name (the path separators are handled before). */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
/** Device names Windows reserves, also with an extension (`con.pdf`). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** What an extension looks like: up to 8 ASCII letters and digits, at least one letter (`v1.2` has none). */
const EXTENSION = /^(?=.*[a-z])[a-z0-9]{1,8}$/i;

export interface NameType {
  /** The canonical extension of the detected type, without the dot. */
  extension: string;
  /** Other extensions the type goes by (`jpeg` for JPEG), kept when the user chose one. */
  aliases?: readonly string[];
}

/**
 * The name an uploaded file is stored and served under: the user's name made safe, with an extension that matches
 * the type detected from its content (`报告.pdf` whose content is a Word document becomes `报告.docx`).
 */
export function evidenceFileName(rawName: string, type: NameType): string {
  const { stem, extension } = splitExtension(cleanText(lastPathSegment(rawName)));
  const fitting = (candidate: string | null) =>
    candidate !== null && [type.extension, ...(type.aliases ?? [])].includes(candidate.toLowerCase());
  // An extension of another type is replaced; text after a dot that is no extension (`第1.5期`) stays in the stem.
  const kept = fitting(extension) ? extension!.toLowerCase() : type.extension;
  // `报告.pdf.exe` whose content is a PDF: `报告.pdf`, not `报告.pdf.pdf`.
  const inner = splitExtension(stem);
  return fitName((fitting(inner.extension) ? inner.stem : stem) || '附件', kept);
}

/** One safe name (no path, nothing invisible or forbidden, not too long, never empty), keeping its extension. */
export function sanitizeFileName(rawName: string, fallback = '未命名'): string {
  const { stem, extension } = splitExtension(cleanText(lastPathSegment(rawName)));
  return stem ? fitName(stem, extension) : fallback;
}

function lastPathSegment(rawName: string): string {
  return rawName.split(/[\\/]/).pop() ?? '';
}

function cleanText(name: string): string {
  return (
    name
      // Tabs and line breaks separate words: spaces, before the other invisible characters go.
      .replace(/\s+/g, ' ')
      .replace(INVISIBLE, '')
      .replace(WINDOWS_FORBIDDEN, '_')
      .replace(/ {2,}/g, ' ')
      // Leading dots hide a file (or make `..`); trailing dots and spaces are dropped by Windows.
      .replace(/^[\s.]+/, '')
      .replace(/[\s.]+$/, '')
  );
}

/** `报告.PDF` → stem `报告`, extension `PDF`; `第1.5期` and `.bashrc` have none. */
function splitExtension(name: string): { stem: string; extension: string | null } {
  const dot = name.lastIndexOf('.');
  const extension = name.slice(dot + 1);
  if (dot <= 0 || !EXTENSION.test(extension)) return { stem: name, extension: null };
  return { stem: name.slice(0, dot).replace(/[\s.]+$/, ''), extension };
}

/** Joins stem and extension within the length limits, shortening the stem only; reserved device names get a `_`. */
function fitName(stem: string, extension: string | null): string {
  const suffix = extension ? `.${extension}` : '';
  const reserved = WINDOWS_RESERVED.test(stem.split('.')[0]);
  const chars = Array.from(reserved ? `_${stem}` : stem).slice(0, MAX_NAME_CHARS - suffix.length);
  while (chars.length > 0 && !fits(chars.join('') + suffix)) chars.pop();
  const fitted = chars.join('').replace(/[\s.]+$/, '');
  return (fitted || '_') + suffix;
}

function fits(name: string): boolean {
  return Array.from(name).length <= MAX_NAME_CHARS && Buffer.byteLength(name, 'utf8') <= MAX_NAME_BYTES;
}
