import { createHash } from 'node:crypto';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { partLabels } from '@/lib/evaluations/labels';

/**
 * The offline entry workbook's layout, shared by the writer and the reader so the two cannot drift:
 * the columns, the rows a project's sheet has (each with a hidden key in column K), and the keys.
 * A row key is the indicator id plus a digest of its 年度指标值, so an upload maps back to its
 * indicator and notices a target that changed since the download; the sheet key (K1) names the
 * evaluation, the project and a digest of the whole target table.
 */
export const COLUMNS = {
  index: 1,
  level1: 2,
  level2: 3,
  name: 4,
  target: 5,
  points: 6,
  value: 7,
  unit: 8,
  percent: 9,
  explanation: 10,
  key: 11,
} as const;
export const LAST_VISIBLE_COLUMN = COLUMNS.explanation;
export const HEADINGS = [
  '序号',
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '分值',
  '实际完成值',
  '单位',
  '得分比例（%）',
  '偏差原因分析及改进措施',
];
export const TITLE_ROW = 1;
export const HEADER_ROW = 3;
export const FIRST_ROW = HEADER_ROW + 1;

export type DraftTextField = 'budgetAdjusted' | 'budgetExecuted' | 'budgetExplanation' | 'goalActual';

/** One row of a project's sheet, in order. `info` rows only show something (nothing is read from them). */
export type EntryRow =
  | { kind: 'indicator'; key: string; index: number; part: number | null; partLabel: string | null }
  | { kind: 'field'; key: string; field: DraftTextField; label: string; money: boolean }
  | { kind: 'info'; key: string; label: string };

const digest = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** The "target-table version" of the sheet key: every indicator as the table defines it, and the budget. */
export function targetsDigest(bundle: Pick<EvaluationBundle, 'project' | 'indicators'>): string {
  const indicators = bundle.indicators.map((i) => [
    i.id,
    i.position,
    i.level1Code,
    i.level2Code,
    i.name,
    i.annualTargetText,
    i.points,
  ]);
  return digest(JSON.stringify([bundle.project.budgetTotalFen, indicators]), 16);
}

const SHEET_KEY = /^jixiao-entry;v=1;evaluation=(\d+);project=(\d+);targets=([0-9a-f]{16})$/;

export function sheetKey(bundle: Pick<EvaluationBundle, 'evaluation' | 'project' | 'indicators'>): string {
  return `jixiao-entry;v=1;evaluation=${bundle.evaluation.id};project=${bundle.project.id};targets=${targetsDigest(bundle)}`;
}

export function parseSheetKey(text: string): { evaluationId: number; projectId: number; targets: string } | null {
  const m = SHEET_KEY.exec(text.trim());
  return m ? { evaluationId: Number(m[1]), projectId: Number(m[2]), targets: m[3] } : null;
}

const ROW_KEY = /^(\d+):([0-9a-f]{10})(?::(\d+))?$/;

/** `12:3fa9c01b2e` (or `…:2` for a compound target's second part). */
export function indicatorRowKey(indicator: { id: number; annualTargetText: string }, part: number | null): string {
  const base = `${indicator.id}:${digest(indicator.annualTargetText, 10)}`;
  return part === null ? base : `${base}:${part + 1}`;
}

export function parseIndicatorRowKey(key: string): { indicatorId: number; digest: string; part: number | null } | null {
  const m = ROW_KEY.exec(key);
  return m ? { indicatorId: Number(m[1]), digest: m[2], part: m[3] === undefined ? null : Number(m[3]) - 1 } : null;
}

/** Every row of a project's sheet below the header, in order. */
export function entryRows(bundle: Pick<EvaluationBundle, 'indicators'>): EntryRow[] {
  const rows: EntryRow[] = [];
  bundle.indicators.forEach((ind, index) => {
    const target = ind.parsedTarget;
    if (target.kind !== 'compound') {
      rows.push({ kind: 'indicator', key: indicatorRowKey(ind, null), index, part: null, partLabel: null });
      return;
    }
    const labels = partLabels(ind.name, target);
    target.parts.forEach((_, part) =>
      rows.push({ kind: 'indicator', key: indicatorRowKey(ind, part), index, part, partLabel: labels[part] }),
    );
  });
  rows.push(
    { kind: 'info', key: 'info:budget', label: '预算执行情况' },
    { kind: 'info', key: 'info:initial', label: '年初预算数' },
    {
      kind: 'field',
      key: 'budget:adjusted',
      field: 'budgetAdjusted',
      label: '全年预算数（未调整的留空）',
      money: true,
    },
    { kind: 'field', key: 'budget:executed', field: 'budgetExecuted', label: '全年执行数', money: true },
    {
      kind: 'field',
      key: 'budget:explanation',
      field: 'budgetExplanation',
      label: '预算执行偏差原因分析及改进措施',
      money: false,
    },
    { kind: 'info', key: 'info:goal', label: '年度总体目标（预期目标）' },
    { kind: 'field', key: 'goal', field: 'goalActual', label: '年度总体目标 实际完成情况', money: false },
  );
  return rows;
}
