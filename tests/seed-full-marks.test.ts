import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fenToWanYuan } from '@/lib/money';
import { NATIONAL_SCHEME, scoreEvaluation, type IndicatorActual, type Level1Code } from '@/lib/scoring';
import { parseTargetTable } from '@/lib/targets/parse-target-table';
import type { ParsedTarget } from '@/lib/targets/types';
import { SEED_FILE } from './helpers';

/** The actual that meets a target exactly: its value (each part's for compound), 达成 at its default for qualitative. */
function exactlyMet(target: ParsedTarget): IndicatorActual {
  if (target.kind === 'qualitative') return { tier: '达成' };
  if (target.kind === 'compound') return target.parts.map((p) => p.value);
  return target.value;
}

describe('scoring-rules.md § Scores on the seed table', () => {
  const table = parseTargetTable(readFileSync(SEED_FILE, 'utf8'));

  it.each(table.projects.map((p) => [p.name, p]))(
    '%s scores 100.00 when every target is met exactly and the budget fully spent',
    (_name, project) => {
      const budget = fenToWanYuan(project.budget.totalFen).toFixed();
      const result = scoreEvaluation({
        scheme: NATIONAL_SCHEME,
        budget: { initial: budget, executed: budget },
        indicators: project.indicators.map((ind) => ({
          name: ind.name,
          level1Code: ind.level1Code as Level1Code,
          target: ind.target,
          actual: exactlyMet(ind.target),
        })),
      });
      expect(result.errors).toEqual([]);
      expect(Number(result.selfTotal).toFixed(2)).toBe('100.00');
      expect(result.selfTotal).toBe('100');
      expect(result.selfGrade).toBe('优');
      expect(result.indicators.every((i) => !i.explanationRequired)).toBe(true);
    },
  );
});
