import { normalizeTargetText, parseTargetText } from './parse-target-text';
import { LEVEL1_NAMES, type ParsedIndicator, type TableWarning } from './table-types';
import { dropTrailing, isWhitespace } from './text-edges';
import type { SourceLine } from './row-body';

/**
 * Reads the 绩效指标 cell of one project: `1、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…。2、…`,
 * with line breaks anywhere (even between `2` and `、`). Items are found by their running number, so a
 * `、` or digits inside a value never start a new item.
 */
export function parseIndicatorList(
  body: SourceLine[],
  start: number,
  project: string,
  warnings: TableWarning[],
): ParsedIndicator[] {
  const offsets: number[] = [];
  let length = 0;
  for (const l of body) {
    offsets.push(length);
    length += l.text.length;
  }
  const joined = body.map((l) => l.text).join('');
  const lineAt = (pos: number): number | null => body[lastAtOrBefore(offsets, pos)]?.line ?? null;

  const starts = findItemStarts(joined, start);
  const indicators: ParsedIndicator[] = [];
  starts.forEach((item, i) => {
    const previous = i === 0 ? 0 : starts[i - 1].number;
    const end = i + 1 < starts.length ? starts[i + 1].at : joined.length;
    const segment = joined.slice(item.bodyAt, end);
    const line = lineAt(item.at);
    if (item.number !== previous + 1) {
      warnings.push({
        project,
        row: item.number,
        line,
        code: 'numbering',
        message: `指标序号不连续：“${previous}、”之后是“${item.number}、”`,
      });
    }
    const parsed = parseIndicatorSegment(segment, item.number, line, project, warnings);
    if (parsed) indicators.push(parsed);
  });
  return indicators;
}

/** The index of the last offset at or before `pos` (0 when none is): offsets ascend. */
function lastAtOrBefore(offsets: number[], pos: number): number {
  let [lo, hi] = [0, offsets.length - 1];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Positions of `N、d-` for N = 1, 2, …; a number that is skipped is picked up by the next one found. */
function findItemStarts(text: string, from: number): Array<{ number: number; at: number; bodyAt: number }> {
  const item = /(?<!\d)(\d{1,3})、\s*(?=\d{1,2}\s*-)/g;
  const candidates: Array<{ digits: string; number: number; at: number; bodyAt: number }> = [];
  item.lastIndex = from;
  for (let m = item.exec(text); m; m = item.exec(text)) {
    candidates.push({ digits: m[1], number: Number(m[1]), at: m.index, bodyAt: item.lastIndex });
  }
  // Where each number is last written as such (`02、` is not `2、`), to tell a missing number from a later one.
  const lastAt = new Map<number, number>();
  for (const c of candidates) if (c.digits === String(c.number)) lastAt.set(c.number, c.at);

  const starts: Array<{ number: number; at: number; bodyAt: number }> = [];
  let expected = 1;
  for (const { number, at, bodyAt } of candidates) {
    // Accept the expected number, or a later one when the expected one is missing from the rest of the text.
    if (number === expected || (number > expected && (lastAt.get(expected) ?? -1) < bodyAt)) {
      starts.push({ number, at, bodyAt });
      expected = number + 1;
    }
  }
  return starts;
}

const PERIOD_MARK = /实施周期指标值\s*[:：]/;
const ANNUAL_MARK = /年度指标值\s*[:：]/g;

function parseIndicatorSegment(
  rawSegment: string,
  position: number,
  line: number | null,
  project: string,
  warnings: TableWarning[],
): ParsedIndicator | null {
  const trimmed = rawSegment.trim();
  // Trimmed, so a final `。` has no blanks after it.
  const segment = trimmed.endsWith('。') || trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
  const annualMatches = [...segment.matchAll(ANNUAL_MARK)];
  // Two 年度指标值 in one item: the next item's number or levels were unreadable and it ran into this one.
  const swallowedNext = annualMatches.length > 1;
  const annualMatch = annualMatches[0];
  const periodMatch = segment.match(PERIOD_MARK);
  const headEnd = periodMatch?.index ?? annualMatch?.index ?? segment.length;
  const [level1Text = '', level2Text = '', ...nameParts] = segment.slice(0, headEnd).split(/[；;]/);
  const name = dropTrailing(nameParts.join('；'), isSeparatorOrBlank).trim();

  const annualTail = annualMatch ? segment.slice(annualMatch.index! + annualMatch[0].length) : '';
  const annualText = (swallowedNext ? upTo(annualTail, '。') : annualTail).trim();
  const periodText = periodMatch
    ? dropTrailing(
        segment.slice(
          periodMatch.index! + periodMatch[0].length,
          annualMatch && annualMatch.index! > periodMatch.index! ? annualMatch.index : undefined,
        ),
        isSeparatorOrBlank,
      ).trim()
    : '';
  return checkIndicatorRow(
    {
      level1Text,
      level2Text,
      name,
      periodText,
      annualText,
      hasAnnual: Boolean(annualMatch),
      swallowedNext,
      excerpt: segment.slice(0, 40),
    },
    { position, line, project, warnings },
  );
}

function isSeparatorOrBlank(ch: string): boolean {
  return ch === '；' || ch === ';' || isWhitespace(ch);
}

function upTo(text: string, mark: string): string {
  const at = text.indexOf(mark);
  return at < 0 ? text : text.slice(0, at);
}

/** The fields of one indicator as read from its source: a text segment or a workbook row. */
export interface IndicatorFields {
  /** `1-产出指标`. */
  level1Text: string;
  /** `11-数量指标`. */
  level2Text: string;
  name: string;
  periodText: string;
  annualText: string;
  /** False when the source has no 年度指标值 at all: the 实施周期指标值 stands in for it. */
  hasAnnual: boolean;
  /** The text source ran the next item into this one. */
  swallowedNext?: boolean;
  /** What an unreadable row is quoted as in its warning. */
  excerpt: string;
}

/**
 * The per-row checks every target table source shares: levels readable and consistent, a name, the
 * annual target (or the period one standing in), each finding a warning on the row and the table.
 * Returns null (with an `unreadable_row` warning) when the row cannot be imported at all.
 */
export function checkIndicatorRow(
  fields: IndicatorFields,
  {
    position,
    line,
    project,
    warnings,
  }: { position: number; line: number | null; project: string; warnings: TableWarning[] },
): ParsedIndicator | null {
  const { level1Text, level2Text, name, periodText, annualText, hasAnnual, swallowedNext = false } = fields;
  const warn = (code: TableWarning['code'], message: string) =>
    warnings.push({ project, row: position, line, code, message });

  const level1 = readLevel(level1Text);
  const level2 = readLevel(level2Text);
  const level1Code = level1 && LEVEL1_NAMES[level1.code] ? level1.code : inferLevel1(level1?.name ?? level1Text);
  if (!level1Code || !name) {
    warn('unreadable_row', `第${position}项无法识别一级指标或指标名称，未导入：“${fields.excerpt}”`);
    return null;
  }

  const rowWarnings: string[] = [];
  const rowWarn = (code: TableWarning['code'], message: string) => {
    rowWarnings.push(message);
    warn(code, message);
  };

  if (!hasAnnual) rowWarn('unreadable_row', '未找到“年度指标值”，按实施周期指标值导入');
  if (swallowedNext) rowWarn('unreadable_row', '其后一项的序号或指标层级无法识别，该项未导入，请核对原表');
  if (!level2) rowWarn('unknown_level', `二级指标“${level2Text.trim()}”无法识别（应为“11-数量指标”形式）`);
  if (level1 && !LEVEL1_NAMES[level1.code])
    rowWarn('unknown_level', `一级指标编码“${level1Text}”无法识别，按名称归入${LEVEL1_NAMES[level1Code]}`);
  if (level2 && level2.code[0] !== level1Code) {
    rowWarn(
      'level_mismatch',
      `二级指标“${level2Text}”不属于一级指标“${level1Text}”，按一级指标“${LEVEL1_NAMES[level1Code]}”计分`,
    );
  }
  const annual = annualText || periodText;
  if (periodText && annualText && normalizeTargetText(periodText) !== normalizeTargetText(annualText)) {
    rowWarn('period_differs', `实施周期指标值“${periodText}”与年度指标值“${annualText}”不同，按年度指标值评价`);
  }

  return {
    position,
    level1Code,
    level1Name: level1?.name || LEVEL1_NAMES[level1Code],
    level2Code: level2?.code ?? '',
    level2Name: level2?.name ?? level2Text.trim(),
    name,
    periodTargetText: periodText,
    annualTargetText: annual,
    target: parseTargetText(annual),
    warnings: rowWarnings,
    line,
  };
}

/** `11-数量指标` (what `/^(\d{1,2})\s*-\s*(.*)$/` reads, without its backtracking over long blanks). */
function readLevel(text: string): { code: string; name: string } | null {
  const trimmed = text.trim();
  const m = trimmed.match(/^(\d{1,2})\s*-/);
  if (!m) return null;
  const name = trimmed.slice(m[0].length).trim();
  return /[\n\r\u2028\u2029]/.test(name) ? null : { code: m[1], name };
}

function inferLevel1(name: string): string | null {
  if (name.includes('产出')) return '1';
  if (name.includes('效益')) return '2';
  if (name.includes('满意')) return '3';
  return null;
}
