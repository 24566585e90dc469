/**
 * Row spans for a table grouped by 一级 / 二级 指标, as published tables print them:
 * a span > 0 starts a merged cell of that many rows, 0 means the cell is covered by the one above.
 */
export function groupSpans<T extends { level1Code: string; level2Code: string; level2Name: string }>(rows: T[]) {
  const level1 = rows.map(() => 0);
  const level2 = rows.map(() => 0);
  for (let i = 0; i < rows.length; i++) {
    if (i === 0 || rows[i].level1Code !== rows[i - 1].level1Code) {
      let j = i;
      while (j < rows.length && rows[j].level1Code === rows[i].level1Code) j++;
      level1[i] = j - i;
    }
    const sameLevel2 = (a: T, b: T) =>
      a.level1Code === b.level1Code && a.level2Code === b.level2Code && a.level2Name === b.level2Name;
    if (i === 0 || !sameLevel2(rows[i], rows[i - 1])) {
      let j = i;
      while (j < rows.length && sameLevel2(rows[j], rows[i])) j++;
      level2[i] = j - i;
    }
  }
  return rows.map((row, i) => ({ row, level1Span: level1[i], level2Span: level2[i] }));
}
