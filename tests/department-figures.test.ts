import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  emptyFigures,
  FIGURES_DEFINITION,
  storedFlagCounts,
  storedYearDepartments,
  sumFigures,
} from '@/db/queries/department-figures';
import { evaluationListSpec, evaluationTotals, progressCounts, scopeCondition } from '@/db/queries/evaluation-list';
import { countFlags, yearFigures } from '@/db/queries/overview';
import { listYearDepartments } from '@/db/queries/years';
import { departmentFigures } from '@/db/schema';
import { storedTotalsOf, yearProgressCounts } from '@/lib/lists/evaluation-lists';
import { readListQuery } from '@/lib/lists/list-params';
import { refreshStaleDepartmentFigures } from '@/lib/overview/backfill-figures';
import { loadOverview } from '@/lib/overview/overview';
import { expectFiguresFresh } from './figures-check';
import { arrange, rowsOf } from './helpers';
import { bringTo, testWorld, WORKED_EXAMPLE } from './world';

/**
 * The overview's stored figures (db/queries/department-figures.ts): a row per department and year,
 * kept by every write; the unfiltered overview sums them. Other test files check the rows after
 * imports, edits, rollovers, scheme changes, treasury imports and every workflow step
 * (tests/figures-check.ts).
 */
const world = testWorld();

const overviewOf = (
  user: (typeof world)['actors'][keyof (typeof world)['actors']],
  params: Record<string, string> = {},
) =>
  loadOverview(world.db, { user, year: 2024, deadline: null, params: new URLSearchParams(params), today: new Date() });

describe('the stored figures of each department', () => {
  it('give the unfiltered overview what aggregating its scope gives, for finance and a head', async () => {
    await bringTo(world, await world.evaluationOf(WORKED_EXAMPLE), 'finalized');
    await bringTo(world, await world.evaluationOf('队伍装备基础设施建设专项经费'), 'submitted');
    await expectFiguresFresh(world.db);
    for (const user of [world.actors.finance, world.actors.admin, world.actors.head, world.actors.otherhead]) {
      const { figures } = await overviewOf(user);
      const { departments } = await overviewOf(user, { tab: 'departments' });
      expect(figures).toEqual(
        JSON.parse(JSON.stringify(await yearFigures(world.db, { where: scopeCondition({ user, year: 2024 }) }))),
      );
      if (user.role !== 'dept_head')
        expect(departments!.items.reduce((n, d) => n + d.projects, 0)).toBe(figures.projects);
    }
    // The flags' counts too, with the drafts near the deadline (from the stored status counts).
    for (const user of [world.actors.finance, world.actors.head, world.actors.otherhead])
      for (const nearDeadline of [false, true])
        expect(
          await storedFlagCounts(world.db, {
            year: 2024,
            scope: user.role === 'finance' ? {} : { departmentId: user.departmentId! },
            nearDeadline,
          }),
        ).toEqual(await countFlags(world.db, { where: scopeCondition({ user, year: 2024 }), nearDeadline }));
    const finance = await overviewOf(world.actors.finance);
    expect(finance.figures).toMatchObject({ projects: 17, scored: 2, statuses: { finalized: 1, submitted: 1 } });
    // A filter is aggregated over its rows, not read from the stored ones.
    const submitted = await overviewOf(world.actors.finance, { status: 'submitted' });
    expect(submitted.figures).toMatchObject({ projects: 1, scored: 1, statuses: { finalized: 0, submitted: 1 } });
  });

  it('give the project list’s 合计, 填报进度 by department and the year’s departments as the live queries do', async () => {
    await bringTo(world, await world.evaluationOf('三防专项经费'), 'filled draft');
    await expectFiguresFresh(world.db);
    for (const user of [world.actors.finance, world.actors.admin, world.actors.head, world.actors.otherhead]) {
      const scope = { user, year: 2024 };
      const { query } = readListQuery(evaluationListSpec({}), {});
      expect(await storedTotalsOf(world.db, scope, query)!()).toEqual(
        await evaluationTotals(world.db, { where: scopeCondition(scope) }),
      );
      if (user.role === 'dept_head') continue;
      const live = await progressCounts(world.db, { scope, by: 'department' });
      expect(live.some((r) => r.status === 'draft' && r.started)).toBe(true);
      expect(live.some((r) => r.status === 'draft' && !r.started)).toBe(true);
      // In the same order of groups; within one, rows in any order (progressBy sums them).
      const sorted = (rows: typeof live) => rows.map((r) => JSON.stringify(r)).sort();
      const stored = await yearProgressCounts(world.db, { scope, by: 'department' });
      expect(sorted(stored)).toEqual(sorted(live));
      expect([...new Set(stored.map((r) => r.groupId))]).toEqual([...new Set(live.map((r) => r.groupId))]);
    }
    // Never for an owner (their own projects only), a to-do list's statuses or a filter.
    const { query } = readListQuery(evaluationListSpec({}), { q: '专项' });
    expect(storedTotalsOf(world.db, { user: world.actors.finance, year: 2024 }, query)).toBeUndefined();
    expect(storedTotalsOf(world.db, { user: world.actors.owner1, year: 2024 }, { ...query, q: '' })).toBeUndefined();
    expect(
      storedTotalsOf(
        world.db,
        { user: world.actors.finance, year: 2024, statuses: ['submitted'] },
        { ...query, q: '' },
      ),
    ).toBeUndefined();
    expect(await storedYearDepartments(world.db, { year: 2024 })).toEqual(
      await listYearDepartments(world.db, { year: 2024 }),
    );
  });

  it('are computed at start where a database has none, or has them by an older definition', async () => {
    const before = await rowsOf(world.db, departmentFigures);
    expect(before.length).toBeGreaterThan(0);
    await arrange(world.db, (tx) => tx.delete(departmentFigures));
    expect(await refreshStaleDepartmentFigures(world.db)).toBe(before.length);
    await expectFiguresFresh(world.db);
    const [first] = before;
    const place = and(eq(departmentFigures.year, first.year), eq(departmentFigures.departmentId, first.departmentId));
    await arrange(world.db, (tx) =>
      tx
        .update(departmentFigures)
        .set({ definition: FIGURES_DEFINITION - 1, figures: emptyFigures(), projects: 0 })
        .where(place),
    );
    expect(await refreshStaleDepartmentFigures(world.db)).toBe(1);
    expect(await refreshStaleDepartmentFigures(world.db)).toBe(0);
    await expectFiguresFresh(world.db);
  });
});

describe('sumFigures', () => {
  it('adds every count, and the weighted sums exactly past 2^53', () => {
    const part = (weighted: string, scoredBudget: string) => ({
      ...emptyFigures(),
      projects: 2,
      budgetFen: 500,
      scored: 1,
      scoredBudgetFen: scoredBudget,
      weightedHundredths: weighted,
      statuses: { ...emptyFigures().statuses, draft: 1, submitted: 1 },
      grades: { ...emptyFigures().grades, 优: 1 },
      bins: { ...emptyFigures().bins, 4: 1 },
    });
    const total = sumFigures([part('9007199254740993', '300'), part('1', '200')]);
    expect(total).toMatchObject({
      projects: 4,
      budgetFen: 1000,
      scored: 2,
      scoredBudgetFen: '500',
      weightedHundredths: '9007199254740994',
      statuses: { draft: 2, submitted: 2, finalized: 0 },
      grades: { 优: 2, 良: 0 },
      bins: { 0: 0, 4: 2 },
    });
    expect(sumFigures([])).toEqual(emptyFigures());
  });
});
