import { z } from 'zod';
import type { EvidenceTarget } from '@/db/schema';

/**
 * The rows of an evaluation that evidence belongs to: each indicator row, then 预算执行, 年度总体目标 and the
 * evaluation as a whole (整体). Shared by the browser (the upload's fields, the return's checkboxes) and the server.
 */
export interface EvidenceRow {
  target: EvidenceTarget;
  /** Set exactly when the target is an indicator row. */
  indicatorId: number | null;
}

export interface LabelledRow extends EvidenceRow {
  /** `indicator-12`, `budget`, `goal`, `evaluation`: one string per row, for forms and maps. */
  key: string;
  /** `第3行“委托专业机构检查企业家数”`, `预算执行`… */
  label: string;
  /** The row's folder in the evaluation's zip: `03-委托专业机构检查企业家数`, `预算执行`… */
  folder: string;
}

export const FIXED_ROWS = { budget: '预算执行', goal: '年度总体目标', evaluation: '整体' } as const;
type FixedTarget = keyof typeof FIXED_ROWS;

const INDICATOR_KEY = /^indicator-([1-9]\d{0,9})$/;

export function rowKey(row: EvidenceRow): string {
  return row.target === 'indicator' ? `indicator-${row.indicatorId}` : row.target;
}

export function parseRowKey(key: string): EvidenceRow | null {
  const indicator = INDICATOR_KEY.exec(key);
  if (indicator) return { target: 'indicator', indicatorId: Number(indicator[1]) };
  return key in FIXED_ROWS ? { target: key as FixedTarget, indicatorId: null } : null;
}

/** A row key as a form or a request sends it. */
export const rowKeySchema = z.string().refine((key) => parseRowKey(key) !== null, '不是该自评的一行');

/** Every row of an evaluation whose indicators are these, in the order of the form. */
export function evidenceRows(indicators: ReadonlyArray<{ id: number; name: string }>): LabelledRow[] {
  const width = Math.max(2, String(indicators.length).length);
  const rows: LabelledRow[] = indicators.map((ind, i) => ({
    target: 'indicator',
    indicatorId: ind.id,
    key: rowKey({ target: 'indicator', indicatorId: ind.id }),
    label: `第${i + 1}行“${ind.name}”`,
    folder: `${String(i + 1).padStart(width, '0')}-${ind.name}`,
  }));
  for (const target of Object.keys(FIXED_ROWS) as FixedTarget[])
    rows.push({ target, indicatorId: null, key: target, label: FIXED_ROWS[target], folder: FIXED_ROWS[target] });
  return rows;
}

/** The row of an attachment or a flag among an evaluation's rows; null when it belongs to none of them. */
export function findRow(rows: readonly LabelledRow[], row: EvidenceRow): LabelledRow | null {
  return rows.find((r) => r.key === rowKey(row)) ?? null;
}
