import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshFiguresOfYear } from '@/db/queries/department-figures';
import { loadYearBundles } from '@/db/queries/evaluations';
import { ENGINE_FLAG_KINDS, evaluationFlags, evaluationYears } from '@/db/schema';
import { saveDraftOperation } from '@/lib/evaluations/save-draft';
import { scoreStored } from '@/lib/evaluations/sheet';
import { returnOperation, submitOperation } from '@/lib/evaluations/transitions';
import { backfillEvaluationFlags } from '@/lib/overview/backfill-flags';
import { engineFlags } from '@/lib/overview/flags';
import { loadOverview } from '@/lib/overview/overview';
import { expectFiguresFresh } from './figures-check';
import { arrange, rowsOf } from './helpers';
import { bringTo, completeDraft, testWorld, WORKED_EXAMPLE } from './world';

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

const overview = (
  params: Record<string, string> = {},
  { user = world.actors.finance, today = new Date('2025-01-20T00:00:00+08:00') } = {},
) => loadOverview(world.db, { user, year: 2024, deadline: '2025-01-31', params: new URLSearchParams(params), today });

describe('finance overview figures (lib/overview, computed by the database)', () => {
  it('counts the year in scope: all 17 for finance, nine for owner1, none for another department', async () => {
    expect((await overview()).figures.projects).toBe(17);
    expect((await overview({}, { user: world.actors.owner1 })).figures.projects).toBe(9);
    expect((await overview({}, { user: world.actors.otherhead })).figures.projects).toBe(0);
  });

  it('counts only submitted projects in grades, histogram and the budget-weighted average (exact)', async () => {
    const all = await overview();
    expect(all.figures).toMatchObject({
      scored: 2,
      statuses: { draft: 15, submitted: 2, dept_approved: 0, finalized: 0 },
    });
    expect(all.grades).toEqual([
      { grade: '优', count: 2 },
      { grade: '良', count: 0 },
      { grade: '中', count: 0 },
      { grade: '差', count: 0 },
    ]);
    expect(all.histogram.map((b) => b.count)).toEqual([0, 0, 0, 0, 2]);
    // (100 × 38 + 92.73 × 21.5) / 59.5 = 97.3727…
    expect(all.average).toBe('97.37');
    const departments = (await overview({ tab: 'departments' })).departments!;
    expect(departments.items).toHaveLength(1);
    expect(departments.items[0]).toMatchObject({
      projects: 17,
      scored: 2,
      statuses: { finalized: 0 },
      budgetFen: 1_408_400_000,
      weightedAverage: '97.37',
    });
  });

  it('flags over-achievement, deductions, low execution and drafts near the deadline', async () => {
    const all = await overview({ tab: 'flags', flag_pageSize: '100' });
    const of = (kind: string) => all.flags!.items.filter((f) => f.kind === kind);
    expect(of('over_achievement').map((f) => f.detail)).toEqual([
      '第2行“委托机构、专家检查危险化学品，化工、医药企业的数量”完成值达到年度指标值的130%及以上',
    ]);
    expect(of('deduction').map((f) => f.detail)).toEqual(['第5行“提交整改报告并完成整改率”由 15 扣至 14']);
    expect(of('low_execution')).toHaveLength(0);
    expect(of('draft_near_deadline')).toHaveLength(15);
    expect(of('draft_near_deadline')[0].detail).toBe('距截止日期 2025-01-31 还有 12 天');
    expect(all.flagCounts).toMatchObject({ over_achievement: 1, deduction: 1, draft_near_deadline: 15 });
    // The reviewer's flags (lib/flags) stand in the same list: the fully met project explains nothing.
    expect(of('unexplained_full_marks').map((f) => f.project)).toEqual(['队伍装备基础设施建设专项经费']);
    expect([all.flags!.total, all.totals.flags]).toEqual([18, 18]);
    const early = await overview({}, { today: new Date('2025-01-01T00:00:00+08:00') });
    expect(early.flagCounts.draft_near_deadline).toBe(0);
    // The stored flags are the engine's for the scheme: a stricter threshold flags low execution.
    const example = (await loadYearBundles(world.db, { user: world.actors.finance, year: 2024 })).find(
      (b) => b.project.name === WORKED_EXAMPLE,
    )!;
    const strict = engineFlags(scoreStored(example).result, {
      overAchievementThreshold: 130,
      budgetExecutionThreshold: 95,
    });
    expect(strict.filter((f) => f.kind === 'low_execution')).toHaveLength(1);
    expect((await rowsOf(world.db, evaluationFlags)).map((f) => f.kind).sort()).toEqual([
      'deduction',
      'over_achievement',
      'unexplained_full_marks',
    ]);
  });

  it('applies the filter to everything but the list of departments', async () => {
    const all = await overview();
    expect([all.rows!.total, all.totals.departments, all.average]).toEqual([17, 1, '97.37']);
    const submitted = await overview({ status: 'submitted' });
    expect(submitted.rows!.items.map((r) => r.project).sort()).toEqual(
      ['队伍装备基础设施建设专项经费', WORKED_EXAMPLE].sort(),
    );
    expect(submitted.flagCounts.draft_near_deadline).toBe(0);
    expect((await overview({ status: 'submitted', tab: 'departments' })).departments!.items).toEqual(
      (await overview({ tab: 'departments' })).departments!.items,
    );
    expect((await overview({ grade: '良' })).rows!.items).toEqual([]);
    expect((await overview({ department: '999' })).histogram.every((bin) => bin.count === 0)).toBe(true);
    const flagged = await overview({ flag: 'deduction' });
    expect(flagged.rows!.items.map((r) => r.project)).toEqual([WORKED_EXAMPLE]);
    expect((await overview({ flag: 'deduction', tab: 'flags' })).flags!.items.map((f) => f.kind)).toEqual([
      'deduction',
    ]);
    expect(flagged.figures.projects).toBe(1);
    await expectFiguresFresh(world.db);
  });
});

describe('the flags backfill (a data step run once per database)', () => {
  it('stores the flags of evaluations scored before flags were stored, then never runs again', async () => {
    // The engine's kinds; the reviewer's are computed again by their own version (lib/flags/stored.ts).
    const stored = async () =>
      (await rowsOf(world.db, evaluationFlags))
        .filter((f) => (ENGINE_FLAG_KINDS as readonly string[]).includes(f.kind))
        .map(({ id: _id, ...f }) => f);
    const before = await stored();
    expect(before).toHaveLength(2);
    // A database from before the flags were stored (its figures count none).
    await arrange(world.db, async (tx) => {
      await tx.delete(evaluationFlags);
      await refreshFiguresOfYear(tx, { year: 2024 });
    });
    expect((await overview()).flagCounts.deduction).toBe(0);
    // The worked example and the fully met project have scores; the 15 drafts have none.
    expect(await backfillEvaluationFlags(world.db)).toBe(2);
    expect(await stored()).toEqual(before);
    await expectFiguresFresh(world.db);
    expect(await backfillEvaluationFlags(world.db)).toBeNull();
  });
});

describe('the overview’s tabs', () => {
  it('read only the tab’s list and count the others; a head has no 各部门', async () => {
    const projects = await overview();
    expect([projects.tab, projects.departments, projects.flags]).toEqual(['projects', null, null]);
    expect(projects.totals).toMatchObject({ projects: 17, departments: 1 });
    const flags = await overview({ tab: 'flags' });
    expect([flags.rows, flags.departments, flags.flags!.total]).toEqual([null, null, projects.totals.flags]);
    expect(flags.flags!.total).toBeGreaterThan(0);
    expect((await overview({ tab: 'nonsense' })).tab).toBe('projects');
    const head = await overview({ tab: 'departments' }, { user: world.actors.head });
    expect([head.tab, head.rows!.total]).toEqual(['projects', 17]);
  });
});

describe('已退回 in the overview’s project table', () => {
  it('a returned row comes with who returned it, when and the comment, as on 项目 and 待办; others with none', async () => {
    const id = await world.evaluationOf('三防专项经费');
    await bringTo(world, id, 'submitted');
    const version = (await world.bundle(id)).evaluation.version;
    const before = Date.now();
    const comment = '请补充满意度调查的佐证材料';
    expect(await world.run(returnOperation, world.actors.head, { evaluationId: id, version, comment })).toMatchObject({
      ok: true,
    });
    const returned = await overview({ status: 'returned' });
    expect(returned.rows!.items.map((r) => [r.id, r.status])).toEqual([[id, 'returned']]);
    const note = returned.returns.get(id);
    expect(note).toMatchObject({ actor: world.actors.head.displayName, comment });
    expect(note!.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The unfiltered table: the one returned row has its note, no other row has one.
    const all = await overview();
    expect([...all.returns.keys()]).toEqual([id]);
    expect(all.rows!.items.filter((r) => all.returns.has(r.id)).map((r) => r.status)).toEqual(['returned']);
  });
});
