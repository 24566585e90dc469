import { z } from 'zod';
import type { Indicator } from '@/db/schema';
import { limitedText } from '@/lib/evaluations/form-schema';
import { allocatePoints, type Scheme } from '@/lib/scoring';
import { versionField } from '@/lib/versions';

/** One editable row of a project's target table; the form and the server share this schema. */
export const targetRowSchema = z.object({
  level1Code: z.enum(['1', '2', '3'], { error: '请选择一级指标' }),
  level2Code: z
    .string()
    .trim()
    .regex(/^(\d{2})?$/, '二级指标编码为两位数字，如 11'),
  level2Name: z.string().trim().min(1, '请填写二级指标').max(50, '不能超过50字'),
  name: z.string().trim().min(1, '请填写三级指标').max(200, '不能超过200字'),
  periodTargetText: z.string().trim().max(200, '不能超过200字'),
  annualTargetText: z.string().trim().min(1, '请填写年度指标值').max(200, '不能超过200字'),
  points: z
    .string()
    .trim()
    .regex(/^(\d{1,3}(\.\d{1,2})?)?$/, '分值为数字，最多两位小数；不设分值请留空'),
});

/** The 绩效目标 text's limit: the editor counts against it, the schema refuses more (nothing is cut). */
export const GOAL_LIMIT = 5000;

export const projectTargetsSchema = z.object({
  projectId: z.number().int().positive(),
  version: versionField,
  goal: limitedText(GOAL_LIMIT),
  indicators: z.array(targetRowSchema).min(1, '至少需要一项指标').max(100, '指标不能超过100项'),
});

export type TargetRow = z.infer<typeof targetRowSchema>;
export type ProjectTargets = z.infer<typeof projectTargetsSchema>;

/**
 * The rule book's points validation (§ Points per indicator), as field errors: explicit 分值 must be
 * set on every indicator of a level and add up to the level's points, or on none.
 */
export function pointsErrors(
  rows: Array<Pick<TargetRow, 'level1Code' | 'points'>>,
  scheme: Scheme,
): Record<string, string> {
  const allocation = allocatePoints(
    rows.map((r) => ({ level1Code: r.level1Code, points: r.points === '' ? null : r.points })),
    scheme,
  );
  const errors: Record<string, string> = {};
  for (const e of allocation.errors) {
    if (e.index !== undefined) errors[`indicators.${e.index}.${e.field ?? 'points'}`] ??= e.message;
    else if (e.level1Code)
      rows.forEach((r, i) => r.level1Code === e.level1Code && (errors[`indicators.${i}.points`] ??= e.message));
    else errors._ ??= e.message;
  }
  return errors;
}

/** A project's stored indicators as the editor's rows: what the page shows and the tests send. */
export function targetFormRows(indicators: Indicator[]): TargetRow[] {
  return indicators.map((i) => ({
    level1Code: i.level1Code as TargetRow['level1Code'],
    level2Code: i.level2Code,
    level2Name: i.level2Name,
    name: i.name,
    periodTargetText: i.periodTargetText,
    annualTargetText: i.annualTargetText,
    points: i.points ?? '',
  }));
}
