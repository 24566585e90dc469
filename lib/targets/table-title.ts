/**
 * The title of a published table, `…（本级）2024年项目支出绩效目标表`: the first `dddd年` (spaces and line
 * breaks allowed before `年`) followed on the line of its `年` by `绩效目标表` — what
 * `/(\d{4})\s*年.*绩效目标表/` finds, but in time linear in the text (that regex rescans the rest of
 * the line from every `dddd年`).
 */

const YEAR = String.raw`(\d{4})\s*年`;
const TITLE = '绩效目标表';
const LINE_BREAK = String.raw`[\n\r\u2028\u2029]`;
const isLineBreak = (ch: string) => new RegExp(LINE_BREAK).test(ch);

export interface TitleMatch {
  year: number;
  /** Where its four digits start. */
  index: number;
}

/** Every title, in order (at most one per `dddd年`). */
export function* titleMatches(text: string): Generator<TitleMatch> {
  const years = new RegExp(YEAR, 'g');
  const breaks = new RegExp(LINE_BREAK, 'g');
  let lineEnd = -1;
  let nextTitle = -1;
  for (let m = years.exec(text); m; m = years.exec(text)) {
    const end = m.index + m[0].length;
    if (lineEnd < end) {
      breaks.lastIndex = end;
      lineEnd = breaks.exec(text)?.index ?? text.length;
    }
    if (nextTitle < end && nextTitle !== Infinity) {
      const at = text.indexOf(TITLE, end);
      nextTitle = at < 0 ? Infinity : at;
    }
    if (nextTitle + TITLE.length <= lineEnd) yield { year: Number(m[1]), index: m.index };
  }
}

/** The year of the first title in the text, or null. */
export function titleYear(text: string): number | null {
  for (const title of titleMatches(text)) return title.year;
  return null;
}

/** What precedes the first title that does not start its line (`/^(.+?)\d{4}\s*年.*绩效目标表/m`), or null. */
export function titlePrefix(text: string): string | null {
  for (const { index } of titleMatches(text)) {
    if (index === 0 || isLineBreak(text[index - 1])) continue;
    let start = index;
    while (start > 0 && !isLineBreak(text[start - 1])) start--;
    return text.slice(start, index);
  }
  return null;
}
