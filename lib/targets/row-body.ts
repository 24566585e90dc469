import { isWhitespace } from './text-edges';

export interface SourceLine {
  text: string;
  /** 1-based line of the source text. */
  line: number;
}

/** `1、1-产出指标；…`: where a project's indicator list starts. */
export const INDICATOR_START = /1、\s*\d{1,2}\s*-/;
const ANNUAL = '年度指标值';
/**
 * Lines are trimmed and not empty, so a match of INDICATOR_START (five non-blank characters at most)
 * or of ANNUAL spans at most five lines: the four before the newest one are all that must be searched
 * again with it.
 */
const LOOKBACK_LINES = 4;

/** Reading `\s*\d{1,2}\s*-` (the levels of an item) after the last `、`, one character at a time. */
type ItemHead = 'blank' | 'digit' | 'digits' | 'gap' | 'matched' | 'failed';

function readItemHead(state: ItemHead, text: string, from: number): ItemHead {
  for (let i = from; i < text.length && state !== 'matched' && state !== 'failed'; i++) {
    const ch = text[i];
    const digit = ch >= '0' && ch <= '9';
    const blank = isWhitespace(ch);
    if (state === 'blank') state = blank ? 'blank' : digit ? 'digit' : 'failed';
    else if (ch === '-') state = 'matched';
    else if (blank) state = 'gap';
    else state = digit && state === 'digit' ? 'digits' : 'failed';
  }
  return state;
}

/**
 * The body (绩效目标 and 绩效指标 lines) of one row, joined without separators as the PDF broke them,
 * with what deciding where the row ends needs to know about it kept up to date line by line: adding a
 * line costs that line's length, never the body's (rejoining and searching the whole body at every
 * line made long bodies quadratic).
 */
export class RowBody {
  lines: SourceLine[] = [];
  /** INDICATOR_START occurs in the joined text. */
  hasIndicators = false;
  private length = 0;
  private tail = '';
  private lastAnnualAt = -1;
  private lastCommaAt = -1;
  private digitBeforeLastComma = false;
  private afterLastComma: ItemHead = 'failed';

  push(entry: SourceLine) {
    const { text } = entry;
    if (!this.hasIndicators) {
      const recent = this.lines.slice(-LOOKBACK_LINES).map((l) => l.text);
      this.hasIndicators = INDICATOR_START.test(recent.join('') + text);
    }
    const withTail = this.tail + text;
    const annual = withTail.lastIndexOf(ANNUAL);
    if (annual >= 0) this.lastAnnualAt = this.length - this.tail.length + annual;
    const comma = text.lastIndexOf('、');
    if (comma >= 0) {
      this.lastCommaAt = this.length + comma;
      const before = comma > 0 ? text[comma - 1] : this.tail.slice(-1);
      this.digitBeforeLastComma = before >= '0' && before <= '9';
      this.afterLastComma = readItemHead('blank', text, comma + 1);
    } else {
      this.afterLastComma = readItemHead(this.afterLastComma, text, 0);
    }
    this.tail = withTail.slice(-(ANNUAL.length - 1));
    this.length += text.length;
    this.lines.push(entry);
  }

  /** Hands the lines over (they were a name after all) and starts empty. */
  take(): SourceLine[] {
    const lines = this.lines;
    Object.assign(this, new RowBody());
    return lines;
  }

  endsWith(text: string): boolean {
    return this.lines.at(-1)?.text.endsWith(text) ?? false;
  }

  /**
   * The last `年度指标值` comes after the start of the last item (`N、d-` with no `、` after it), i.e.
   * the last indicator has its annual value.
   */
  annualAfterLastItem(): boolean {
    if (this.lastAnnualAt < 0) return false;
    // The item's number is digits right before its `、`, so `年度指标值` before that `、` is before the number.
    const lastItemFollows = this.digitBeforeLastComma && this.afterLastComma === 'matched';
    return !(lastItemFollows && this.lastAnnualAt < this.lastCommaAt);
  }
}
