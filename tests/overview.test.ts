import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadYearBundles } from '@/db/queries/evaluations';
import { evaluationYears } from '@/db/schema';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { scoreStored, schemeOfYear } from '@/lib/evaluations/sheet';
import { submitOperation } from '@/lib/evaluations/transitions';
import {
  budgetWeightedAverage,
  departmentStats,
  gradeDistribution,
  overviewRow,
  reviewFlags,
  scoreHistogram,
  summarizeOverview,
  type OverviewFilter,
} from '@/lib/overview/summarize';
import { arrange } from './helpers';
import { completeDraft, testWorld, WORKED_EXAMPLE } from './world';

const world = testWorld();
beforeAll(async () => {
  const { owner1 } = world.actors;
  // Fully met and spent: 100.00 on 38.00 万元.
  const full = await world.evaluationOf('队伍装备基础设施建设专项经费');
  await world.run(saveDraftOperation, owner1, await completeDraft(world, full));
  await world.run(submitOperation, owner1, { evaluationId: full, version: 2 });
  // The worked example: 93.73 on 21.50 万元, with a judgment deduction and an over-achievement.
  const example = await world.evaluationOf(WORKED_EXAMPLE);
  const draft = await completeDraft(world, example);
  ['27', '70', '405', null, '96', '93'].forEach((v, i) => v && (draft.indicators[i].value = v));
  draft.indicators[3].parts = ['4', '1'];
  draft.budgetExecuted = '20';
  draft.indicators[4].deduction = { enabled: true, score: '14', reason: '整改报告不完整' };
  for (const i of [0, 1, 3, 5]) draft.indicators[i].explanation = '说明';
  expect(await world.run(saveDraftOperation, owner1, draft)).toMatchObject({ ok: true });
  expect(await world.run(submitOperation, owner1, { evaluationId: example, version: 2 })).toMatchObject({ ok: true });
  await arrange(world.db, (tx) =>
    tx.update(evaluationYears).set({ deadline: '2025-01-31' }).where(eq(evaluationYears.year, 2024)),
  );
});

async function scoredYear(user = world.actors.finance) {
  return (await loadYearBundles(world.db, { user, year: 2024 })).map((bundle) => ({
    bundle,
    result: scoreStored(bundle).result,
  }));
}

describe('finance overview figures (lib/overview)', () => {
  it('loads the year in scope: all 17 for finance, nine for owner1', async () => {
    expect(await scoredYear()).toHaveLength(17);
    expect(await scoredYear(world.actors.owner1)).toHaveLength(9);
    expect(await scoredYear(world.actors.otherhead)).toHaveLength(0);
  });

  it('counts only submitted projects in grades, histogram and the budget-weighted average (exact)', async () => {
    const rows = (await scoredYear()).map(overviewRow);
    const scored = rows.filter((r) => r.scored);
    expect(scored.map((r) => r.score).sort()).toEqual(['100', '92.73']);
    expect(gradeDistribution(rows)).toEqual([
      { grade: '优', count: 2 },
      { grade: '良', count: 0 },
      { grade: '中', count: 0 },
      { grade: '差', count: 0 },
    ]);
    expect(scoreHistogram(rows).map((b) => b.count)).toEqual([0, 0, 0, 0, 2]);
    // (100 × 38 + 92.73 × 21.5) / 59.5 = 97.3727…
    expect(budgetWeightedAverage(rows)).toBe('97.37');
    const [department] = departmentStats(rows);
    expect(department).toMatchObject({
      projects: 17,
      scored: 2,
      finalized: 0,
      budgetFen: 1_408_400_000,
      weightedAverage: '97.37',
    });
  });

  it('flags over-achievement, deductions, low execution and drafts near the deadline', async () => {
    const year = await scoredYear();
    const flags = reviewFlags(year, schemeOfYear('national'), new Date('2025-01-20T00:00:00+08:00'));
    const of = (kind: string) => flags.filter((f) => f.kind === kind);
    expect(of('over_achievement').map((f) => f.detail)).toEqual([
      '第2行“委托机构、专家检查危险化学品，化工、医药企业的数量”完成值达到年度指标值的130%及以上',
    ]);
    expect(of('deduction').map((f) => f.detail)).toEqual(['第5行“提交整改报告并完成整改率”由 15 扣至 14']);
    expect(of('low_execution')).toHaveLength(0);
    expect(of('draft_near_deadline')).toHaveLength(15);
    expect(of('draft_near_deadline')[0].detail).toBe('截止日期 2025-01-31，还剩 12 天');
    expect(
      reviewFlags(year, schemeOfYear('national'), new Date('2025-01-01T00:00:00+08:00')).filter(
        (f) => f.kind === 'draft_near_deadline',
      ),
    ).toHaveLength(0);
    expect(
      reviewFlags(year, { overAchievementThreshold: 130, budgetExecutionThreshold: 95 }, new Date())
        .filter((f) => f.kind === 'low_execution')
        .map((f) => f.project),
    ).toEqual([WORKED_EXAMPLE]);
  });

  it('applies the filter to everything but the list of departments', async () => {
    const year = await scoredYear();
    const today = new Date('2025-01-20T00:00:00+08:00');
    const of = (filter: Partial<OverviewFilter>) =>
      summarizeOverview(year, {
        filter: { department: '', status: '', grade: '', ...filter },
        scheme: schemeOfYear('national'),
        today,
      });
    const all = of({});
    expect([all.rows.length, all.departments.length, all.average]).toEqual([17, 1, '97.37']);
    const submitted = of({ status: 'submitted' });
    expect(submitted.rows.map((r) => r.project).sort()).toEqual(
      ['队伍装备基础设施建设专项经费', WORKED_EXAMPLE].sort(),
    );
    expect(submitted.flags.some((f) => f.kind === 'draft_near_deadline')).toBe(false);
    expect(submitted.departments).toEqual(all.departments);
    expect(of({ grade: '良' }).rows).toEqual([]);
    expect(of({ department: '999' }).histogram.every((bin) => bin.count === 0)).toBe(true);
  });
});
