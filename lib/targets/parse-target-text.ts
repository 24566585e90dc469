import { dropTrailing } from './text-edges';
import type { Comparator, ParsedTarget, QuantitativePart } from './types';

/**
 * Parses one 年度指标值 into the structured target of the rule book ("Targets").
 * Never throws: whatever cannot be read as numbers is qualitative.
 */
export function parseTargetText(input: string): ParsedTarget {
  const normalized = normalizeTargetText(typeof input === 'string' ? input : String(input ?? ''));
  // Long prose is never a number; the cap also keeps the regexes linear in practice.
  if (normalized.length === 0 || normalized.length > 200 || !/\d/.test(normalized)) {
    return { kind: 'qualitative', normalized };
  }

  // A year such as `2024年全年` or `2024年12月底前` is a period, not a count.
  if (/^(19|20)\d\d年/.test(normalized)) return { kind: 'qualitative', normalized };

  const single = parsePart(normalized);
  if (single) return { kind: 'quantitative', normalized, ...single };

  const pieces = splitCompound(normalized);
  if (pieces.length >= 2) {
    const parts = pieces.map((piece) => parsePart(stripEnumerator(piece)));
    if (parts.every((p): p is QuantitativePart => p !== null)) {
      return { kind: 'compound', normalized, parts };
    }
  }
  return { kind: 'qualitative', normalized };
}

const FULL_WIDTH_SIGNS: Record<string, string> = {
  '＞': '>',
  '＜': '<',
  '＝': '=',
  '≧': '≥',
  '≦': '≤',
  '％': '%',
  '．': '.',
  '～': '~',
  '〜': '~',
  '－': '-',
  '—': '-',
  '–': '-',
};
/** Full-width digits, the signs above, and the ideographic and no-break spaces (which become spaces). */
const FULL_WIDTH = new RegExp(`[\\uff10-\\uff19${Object.keys(FULL_WIDTH_SIGNS).join('')}\\u3000\\u00a0]`, 'g');

/** Full-width digits and signs to ASCII, spaces trimmed, trailing `。`/`.` dropped (rule book "Targets"). */
export function normalizeTargetText(text: string): string {
  let out = text.replace(FULL_WIDTH, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
    return FULL_WIDTH_SIGNS[ch] ?? ' ';
  });
  out = out.replace(/>=/g, '≥').replace(/<=/g, '≤');
  // Spaces carry no meaning in these values (` ≥90%`, `≥ 95 %`).
  out = out.replace(/\s+/g, '');
  return dropTrailing(out, (ch) => ch === '。' || ch === '.');
}

const PREFIX_WORDS: Array<[RegExp, Comparator]> = [
  [/^(不少于|不低于|至少|大于等于|大于或等于)/, '>='],
  [/^(不超过|不高于|至多|小于等于|小于或等于|控制在)/, '<='],
  [/^(大于|高于|超过)/, '>'],
  [/^(小于|低于)/, '<'],
];

const SUFFIX_WORDS: Array<[RegExp, Comparator]> = [
  [/(或以上|及以上|以上)$/, '>='],
  [/(或以下|及以下|以下|以内|内完成|之内|内)$/, '<='],
];

const SIGN_COMPARATORS: Record<string, Comparator> = {
  '≥': '>=',
  '>': '>',
  '≤': '<=',
  '<': '<',
  '=': '=',
};

const NUMBER = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
/** A unit is short and has no digits: `%`, `家`, `人次`, `套或本`, `次/年`. */
const UNIT = /^(?:[%‰]|[\p{Script=Han}A-Za-z²³/·]{1,6})?$/u;
const PART = new RegExp(
  String.raw`^(?<label>[\p{Script=Han}A-Za-z“”"（）()]*?)(?<sign>[≥≤><=]?)(?<value>${NUMBER})(?<rest>.*)$`,
  'u',
);
const RANGE = new RegExp(String.raw`^(?<lo>${NUMBER})(?<loUnit>[%‰]?)[-~至到](?<hi>${NUMBER})(?<unit>.*)$`, 'u');

/** One quantitative part, e.g. `≥98%`, `95%或以上`, `扫描仪1台`, `90-95%`; null when not numbers. */
function parsePart(raw: string): QuantitativePart | null {
  let text = raw;
  let wordComparator: Comparator | null = null;
  for (const [re, cmp] of PREFIX_WORDS) {
    const m = text.match(re);
    if (m) {
      wordComparator = cmp;
      text = text.slice(m[0].length);
      break;
    }
  }

  const range = text.match(RANGE);
  if (range?.groups && !wordComparator) {
    const { lo, loUnit, hi, unit } = range.groups;
    if (loUnit && loUnit !== unit) return null;
    if (!isUnit(unit)) return null;
    const value = cleanNumber(lo);
    const upper = cleanNumber(hi);
    if (Number(value) > Number(upper)) return null;
    return { comparator: 'range', value, upper, unit, text: raw };
  }

  const m = text.match(PART);
  if (!m?.groups) return null;
  const { label, sign, value, rest } = m.groups;
  let comparator: Comparator = sign ? SIGN_COMPARATORS[sign] : '=';
  if (sign && wordComparator) return null; // `不少于≥5` is not a form anyone writes
  if (wordComparator) comparator = wordComparator;

  let unit = rest;
  for (const [re, cmp] of SUFFIX_WORDS) {
    const s = unit.match(re);
    if (s) {
      // `控制在5%以内`, `≥95%以上`: the same comparator said twice is fine; two different ones stay text.
      if ((sign || wordComparator) && normalizedComparator(comparator) !== cmp) return null;
      comparator = sign === '>' || sign === '<' ? comparator : cmp;
      unit = unit.slice(0, s.index);
      break;
    }
  }
  if (!isUnit(unit) || /第$/.test(label)) return null;
  const part: QuantitativePart = { comparator, value: cleanNumber(value), unit, text: raw };
  const cleanLabel = label.replace(/[“”"（）()]/g, '');
  if (cleanLabel) part.label = cleanLabel;
  return part;
}

/** Dates and deadlines (`12月底前`, `第1季度`) and model names (`5G网络`) are not units of a count. */
function isUnit(unit: string): boolean {
  if (!UNIT.test(unit)) return false;
  if (/[前后底完成]/.test(unit)) return false;
  return !(/[A-Za-z]/.test(unit) && /\p{Script=Han}/u.test(unit));
}

/** `>` and `≥` agree with 以上, `<` and `≤` with 以内. */
function normalizedComparator(c: Comparator): Comparator {
  if (c === '>') return '>=';
  if (c === '<') return '<=';
  return c;
}

function cleanNumber(text: string): string {
  const plain = text.replace(/,/g, '');
  // `05` → `5`, `1.50` → `1.5`: one spelling per value.
  const [int, frac] = plain.split('.');
  const intPart = int.replace(/^0+(?=\d)/, '');
  const fracPart = frac?.replace(/0+$/, '');
  return fracPart ? `${intPart}.${fracPart}` : intPart;
}

/** Splits `≥4次，≥2个` or `1.扫描仪1台；2.信创台式电脑13台`; ASCII commas inside numbers (`1,000`) are kept. */
function splitCompound(text: string): string[] {
  return text
    .split(/[，；;、]|,(?!\d{3}(?:\D|$))/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** `1.扫描仪1台` → `扫描仪1台`; `1.5台` keeps its decimal point. */
function stripEnumerator(text: string): string {
  return text.replace(/^(?:\d+[.、)）]|[(（]\d+[)）])(?=\D)/u, '');
}
