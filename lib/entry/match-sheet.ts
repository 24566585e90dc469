import type { EvaluationBundle } from '@/db/queries/evaluations';
import type { EvaluationDraft } from '@/lib/evaluations/form-schema';
import { draftFormValues } from '@/lib/evaluations/form-values';
import { QUALITATIVE_TIERS, type QualitativeTier } from '@/lib/scoring/scheme';
import { entryRows, parseIndicatorRowKey, parseSheetKey, targetsDigest, type EntryRow } from './layout';
import type { CellRead, RawRow, RawSheet } from './read-workbook';

/** A problem of an uploaded sheet; `row` is the sheet's row number, null for the sheet as a whole. */
export interface EntryProblem {
  row: number | null;
  message: string;
}

export interface MatchedSheet {
  /** What is stored, with every readable cell of the upload put in its place: the form's own input. */
  draft: EvaluationDraft;
  problems: EntryProblem[];
  /** Form field (`indicators.3.parts.1`, `budgetExecuted`) → the sheet row it came from. */
  rowOfField: Map<string, number>;
}

const rowProblem = (row: number, message: string): EntryProblem => ({ row, message: `第${row}行：${message}` });

/** The rows of the upload in the layout's order, or what was removed, added, changed or moved. */
function alignRows(bundle: EvaluationBundle, raw: RawSheet, problems: EntryProblem[]) {
  const expected = entryRows(bundle);
  const found = new Map<string, RawRow>();
  const byIndicator = new Map(bundle.indicators.map((ind) => [ind.id, ind]));
  const known = new Set(expected.map((line) => line.key));
  /** Indicators whose rows carry another 年度指标值 than the table has now: reported once, not as removed. */
  const changed = new Set<number>();
  for (const row of raw.rows) {
    if (row.key === '') {
      problems.push(rowProblem(row.row, '是新增的行（没有行标识），填报表不能增删行，请在重新下载的填报表中填写'));
    } else if (found.has(row.key)) {
      problems.push(rowProblem(row.row, `与第${found.get(row.key)!.row}行重复（行被复制过），请删除重复的行`));
    } else if (known.has(row.key)) {
      found.set(row.key, row);
    } else {
      const indicator = byIndicator.get(parseIndicatorRowKey(row.key)?.indicatorId ?? 0);
      if (indicator) changed.add(indicator.id);
      problems.push(
        rowProblem(
          row.row,
          indicator
            ? `“${indicator.name}”的年度指标值在下载后已修改（目标表已更新），请重新下载填报表`
            : '不是该项目的指标（行标识不符），可能来自另一个项目或较早的目标表',
        ),
      );
    }
  }
  for (const line of expected) {
    if (line.kind === 'info' || found.has(line.key)) continue;
    if (line.kind === 'field') {
      problems.push({ row: null, message: `“${line.label}”所在的行已被删除，填报表不能增删行` });
      continue;
    }
    const indicator = bundle.indicators[line.index];
    if (changed.has(indicator.id)) continue;
    const part = line.partLabel ? `（${line.partLabel}）` : '';
    problems.push({ row: null, message: `“${indicator.name}”${part}所在的行已被删除，填报表不能增删行` });
  }
  const present = expected.filter((line) => found.has(line.key));
  const moved = present.find((line, i) => i > 0 && found.get(line.key)!.row < found.get(present[i - 1].key)!.row);
  if (moved)
    problems.push(rowProblem(found.get(moved.key)!.row, '行的顺序被调整过，请按下载时的顺序排列（不要排序或移动行）'));
  return { expected, found };
}

/**
 * Puts an uploaded sheet's cells into the evaluation's draft exactly where the form would: the
 * value, each part, the tier and its percent, the explanation, the budget line and 年度总体目标.
 * Problems that are about the file itself (keys, rows, cells that are not values) are reported
 * here; the values are then checked by the form's own schema and the save's own checks.
 */
export function matchSheet(bundle: EvaluationBundle, raw: RawSheet): MatchedSheet {
  const problems: EntryProblem[] = [];
  const key = parseSheetKey(raw.key);
  if (key && key.targets !== targetsDigest(bundle))
    problems.push({
      row: null,
      message: '该填报表是按较早的绩效目标表导出的（目标表此后已修改），请重新下载填报表后填写',
    });
  const draft = draftFormValues(bundle);
  const rowOfField = new Map<string, number>();
  const { expected, found } = alignRows(bundle, raw, problems);

  const take = (read: CellRead, row: number, what: string, put: (text: string) => void) => {
    if ('problem' in read) problems.push(rowProblem(row, `${what}${read.problem}`));
    else put(read.text);
  };
  for (const line of expected) {
    const raw = found.get(line.key);
    if (!raw) continue;
    if (line.kind === 'field') {
      rowOfField.set(line.field, raw.row);
      take(raw.value, raw.row, line.label, (text) => (draft[line.field] = text));
    } else if (line.kind === 'indicator') putIndicator(bundle, draft, line, raw, { take, rowOfField, problems });
  }
  return { draft, problems, rowOfField };
}

function putIndicator(
  bundle: EvaluationBundle,
  draft: EvaluationDraft,
  line: Extract<EntryRow, { kind: 'indicator' }>,
  raw: RawRow,
  ctx: {
    take: (read: CellRead, row: number, what: string, put: (text: string) => void) => void;
    rowOfField: Map<string, number>;
    problems: EntryProblem[];
  },
) {
  const ind = bundle.indicators[line.index];
  const entry = draft.indicators[line.index];
  const base = `indicators.${line.index}`;
  const name = `“${ind.name}”`;
  if (line.part === null || line.part === 0) {
    for (const field of ['explanation', 'value', 'tier', 'percent', 'deduction.score', 'deduction.reason'])
      ctx.rowOfField.set(`${base}.${field}`, raw.row);
    ctx.take(raw.explanation, raw.row, `${name}的偏差原因`, (text) => (entry.explanation = text));
  }
  if (ind.parsedTarget.kind === 'qualitative') {
    ctx.take(raw.value, raw.row, `${name}的评定等级`, (text) => {
      const tier = text.trim();
      if (tier === '' || QUALITATIVE_TIERS.includes(tier as QualitativeTier)) entry.tier = tier as QualitativeTier | '';
      else
        ctx.problems.push(
          rowProblem(raw.row, `${name}的评定等级“${tier}”不在下拉列表中，请选择${QUALITATIVE_TIERS.join('、')}之一`),
        );
    });
    ctx.take(raw.percent, raw.row, `${name}的得分比例`, (text) => (entry.percent = text));
  } else if (line.part !== null) {
    ctx.rowOfField.set(`${base}.parts.${line.part}`, raw.row);
    ctx.take(
      raw.value,
      raw.row,
      `${name}（${line.partLabel}）的实际完成值`,
      (text) => (entry.parts[line.part!] = text),
    );
  } else {
    ctx.take(raw.value, raw.row, `${name}的实际完成值`, (text) => (entry.value = text));
  }
}
