import { z } from 'zod';
import { dec } from '../decimal';
import { parseTargetText } from '../targets/parse-target-text';
import { interchangeOutput, type InterchangeMeta, type InterchangeOutput } from './interchange-output';
import { LEVEL1_NAMES, safeResolveScheme, scorePrecisionSchema, type Level1Code } from './scheme';
import { scoreEvaluation } from './score-evaluation';
import type { EvaluationInput, EvaluationResult, IndicatorActual } from './types';

/**
 * The interchange JSON of the what-if command (docs/score-command.md): one evaluation in, the
 * scores out. Parsing is separate from the CLI so it can be tested without a process.
 */

export interface InterchangeIssue {
  /** `indicators[2].actual`, `budget.adjusted`, `scheme.levelPoints.1`; empty for the whole file. */
  path: string;
  message: string;
}

export type InterchangeParse =
  | { ok: true; input: EvaluationInput; meta: InterchangeMeta; warnings: InterchangeIssue[] }
  | { ok: false; errors: InterchangeIssue[] };

const DECIMAL_TEXT = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
/** JSON numbers become Decimal through their shortest round-trip text (21.5 → "21.5"), never through float arithmetic. */
export const decimalValue = z
  .union([z.number(), z.string().regex(DECIMAL_TEXT, '应为数字')], { error: '应为数字' })
  .transform((value) => dec(typeof value === 'number' ? String(value) : value.trim()).toFixed());
const adjustment = z.object({ score: decimalValue, reason: z.string({ error: '须填写理由（文字）' }) });
export const actualValue = z.union(
  [z.null(), decimalValue, z.array(decimalValue), z.object({ tier: z.string(), percent: decimalValue.nullish() })],
  {
    error:
      '实际完成值应为数字、数字数组（复合指标每项一个）、{"tier": "达成|部分达成|未达成", "percent"?: 数字} 或 null（未填写）',
  },
);
const level1Value = z
  .union([z.string(), z.number()], { error: '应为一级指标名称，如“产出指标”或“1-产出指标”' })
  .transform((raw, ctx) => {
    const code = level1CodeOf(String(raw));
    if (code === null) {
      ctx.issues.push({
        code: 'custom',
        input: raw,
        message: `无法识别的一级指标“${raw}”，应为 产出指标、效益指标 或 满意度指标（可带编码，如“1-产出指标”）`,
      });
      return z.NEVER;
    }
    return code;
  });

const indicatorSchema = z.object({
  level1: level1Value,
  level2: z.string().optional(),
  name: z.string().min(1, '指标名称不能为空'),
  target: z.string({ error: '应为年度指标值文字，如“≥50家”' }),
  points: decimalValue.nullish(),
  actual: actualValue.optional(),
  explanation: z.string().nullish(),
  deduction: adjustment.nullish(),
  reviewed: adjustment.nullish(),
});
const interchangeSchema = z.object({
  project: z.string().optional(),
  scheme: z.unknown().optional(),
  precision: scorePrecisionSchema.optional(),
  budget: z.object({
    initial: decimalValue,
    adjusted: decimalValue.nullish(),
    executed: decimalValue.nullish(),
    explanation: z.string().nullish(),
    reviewed: adjustment.nullish(),
  }),
  indicators: z.array(indicatorSchema),
});

const KNOWN_KEYS = {
  top: Object.keys(interchangeSchema.shape),
  budget: Object.keys(interchangeSchema.shape.budget.shape),
  indicator: Object.keys(indicatorSchema.shape),
};

const LEVEL1_KEYWORDS: [Level1Code, string][] = [
  ['1', '产出'],
  ['2', '效益'],
  ['3', '满意度'],
];

/** `产出指标`, `1-产出指标`, `1`, `3-满意度指标`, `服务对象满意度指标` → code; null when unknown or contradictory. */
export function level1CodeOf(text: string): Level1Code | null {
  const trimmed = text.trim();
  const coded = trimmed.match(/^([123])\s*(?:[-－—、.．:：]\s*)?(.*)$/u);
  const named = LEVEL1_KEYWORDS.find(([, keyword]) => (coded ? coded[2] : trimmed).includes(keyword))?.[0] ?? null;
  if (!coded) return named;
  const code = coded[1] as Level1Code;
  if (coded[2] === '') return code;
  return named === code ? code : null;
}

export function parseInterchange(raw: unknown): InterchangeParse {
  const parsed = interchangeSchema.safeParse(raw, { error: z.locales.zhCN().localeError });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    };
  }
  const data = parsed.data;
  const scheme = safeResolveScheme(data.scheme ?? 'national');
  if (!scheme.success) {
    return {
      ok: false,
      errors: scheme.issues.map((i) => ({ path: i.path ? `scheme.${i.path}` : 'scheme', message: i.message })),
    };
  }
  const input: EvaluationInput = {
    scheme: scheme.scheme,
    precision: data.precision,
    budget: {
      initial: data.budget.initial,
      adjusted: data.budget.adjusted ?? null,
      executed: data.budget.executed ?? null,
      explanation: data.budget.explanation ?? null,
      reviewed: data.budget.reviewed ?? null,
    },
    indicators: data.indicators.map((row) => ({
      name: row.name,
      level1Code: row.level1,
      target: parseTargetText(row.target),
      points: row.points ?? null,
      // The tier is any string here; the engine rejects an unknown tier with a Chinese message and its path.
      actual: (row.actual ?? null) as IndicatorActual,
      explanation: row.explanation ?? null,
      deduction: row.deduction ?? null,
      reviewed: row.reviewed ?? null,
    })),
  };
  const meta = {
    project: data.project,
    indicators: data.indicators.map((row) => ({ level2: row.level2, target: row.target })),
  };
  return { ok: true, input, meta, warnings: [...unknownKeyWarnings(raw), ...level2Warnings(data.indicators)] };
}

export type InterchangeScore =
  | { ok: true; output: InterchangeOutput; result: EvaluationResult; warnings: InterchangeIssue[] }
  | { ok: false; errors: InterchangeIssue[] };

/** Parse, score and format; any engine error (bad points, percent outside its band…) fails the whole file. */
export function scoreInterchange(raw: unknown): InterchangeScore {
  const parsed = parseInterchange(raw);
  if (!parsed.ok) return parsed;
  const result = scoreEvaluation(parsed.input);
  if (result.errors.length > 0) {
    return {
      ok: false,
      errors: result.errors.map((e) => ({ path: engineToInterchangePath(e.path), message: e.message })),
    };
  }
  return { ok: true, output: interchangeOutput(parsed.input, parsed.meta, result), result, warnings: parsed.warnings };
}

export function scoreInterchangeText(text: string): InterchangeScore {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `不是有效的 JSON：${(error as Error).message}` }] };
  }
  return scoreInterchange(raw);
}

/** `['indicators', 2, 'actual']` → `indicators[2].actual`. */
export function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}

/** The engine's `indicators.3.actual.1` → `indicators[3].actual[1]`; level1Code is `level1` here. */
function engineToInterchangePath(path: string): string {
  const keys = path.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key === 'level1Code' ? 'level1' : key));
  return formatPath(keys);
}

function unknownKeyWarnings(raw: unknown): InterchangeIssue[] {
  const warnings: InterchangeIssue[] = [];
  const check = (value: unknown, known: string[], path: PropertyKey[]) => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) warnings.push({ path: formatPath([...path, key]), message: '未识别的字段，已忽略' });
    }
  };
  const top = raw as { budget?: unknown; indicators?: unknown[] };
  check(top, KNOWN_KEYS.top, []);
  check(top.budget, KNOWN_KEYS.budget, ['budget']);
  top.indicators?.forEach((row, i) => check(row, KNOWN_KEYS.indicator, ['indicators', i]));
  return warnings;
}

/** The seed has `2-效益指标；11-数量指标`: the level-1 code decides, the mismatch is only reported. */
function level2Warnings(rows: { level1: Level1Code; level2?: string }[]): InterchangeIssue[] {
  return rows.flatMap((row, i) => {
    const level2Group = row.level2?.trim().match(/^([123])\d/)?.[1];
    if (!level2Group || level2Group === row.level1) return [];
    const message = `二级指标“${row.level2}”属于${LEVEL1_NAMES[level2Group as Level1Code]}，但一级指标为${LEVEL1_NAMES[row.level1]}；按一级指标计分`;
    return [{ path: `indicators[${i}].level2`, message }];
  });
}

export type { InterchangeMeta, InterchangeOutput };
