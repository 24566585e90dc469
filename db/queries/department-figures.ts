import 'server-only';
import { and, count, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { readPage, type ListQuery, type ListSpec } from '../list-query';
import { groupBy, inChunks } from '../rows';
import {
  departmentFigures,
  departments,
  EVALUATION_STATUSES,
  evaluationFlags,
  evaluations,
  projects,
  WITH_OWNER_STATUSES,
  type EvaluationStatus,
  type Figures,
  type FlagKind,
  type StoredFlagKind,
} from '../schema';
import { GRADE_ORDER } from './evaluation-list';
import { figureFields, listedRows, noFlags, SCORE_BINS } from './overview';
import type { Db } from '../sqlite';

/**
 * Each department's figures of a year, stored (the `department_figures` table): every write of a
 * project's targets or of an evaluation computes its department's row again in the same
 * transaction, with the same `figureFields` a filtered view aggregates live. The overview's year
 * figures are then the sum of a row per department, and 各部门 a list of those rows: a city's year
 * (20,000 evaluations) is 200 rows.
 */

/** Bumped when `figureFields` changes what it computes: rows of an older definition are computed again at start. */
export const FIGURES_DEFINITION = 2;

/** How many departments one statement computes (bound values stay few). */
const DEPARTMENTS_PER_STATEMENT = 500;

/** Computes the figures of some departments of a year again from what is stored now (in the caller's transaction). */
export async function refreshDepartmentFigures(
  tx: Db,
  { year, departmentIds }: { year: number; departmentIds: readonly number[] },
): Promise<void> {
  for (const chunk of inChunks([...new Set(departmentIds)], DEPARTMENTS_PER_STATEMENT)) {
    const listed = listedRows(tx, and(eq(projects.year, year), inArray(projects.departmentId, chunk)));
    const rows = await tx
      .select({ departmentId: listed.departmentId, ...figureFields(listed) })
      .from(listed)
      .groupBy(listed.departmentId);
    const flagged = await tx
      .select({ departmentId: projects.departmentId, kind: evaluationFlags.kind, n: count() })
      .from(evaluationFlags)
      .innerJoin(evaluations, eq(evaluations.id, evaluationFlags.evaluationId))
      .innerJoin(projects, eq(projects.id, evaluations.projectId))
      .where(and(eq(projects.year, year), inArray(projects.departmentId, chunk)))
      .groupBy(projects.departmentId, evaluationFlags.kind)
      // PostgreSQL's hash aggregate returns groups in no set order; the stored json keeps one.
      .orderBy(projects.departmentId, evaluationFlags.kind);
    const flagCounts = new Map<number, Partial<Record<StoredFlagKind, number>>>();
    for (const { departmentId, kind, n } of flagged)
      flagCounts.set(departmentId, { ...flagCounts.get(departmentId), [kind]: n });
    await tx
      .delete(departmentFigures)
      .where(and(eq(departmentFigures.year, year), inArray(departmentFigures.departmentId, chunk)));
    if (rows.length === 0) continue;
    await tx.insert(departmentFigures).values(
      rows.map(({ departmentId, ...figures }) => ({
        year,
        departmentId,
        definition: FIGURES_DEFINITION,
        figures,
        projects: figures.projects,
        scored: figures.scored,
        finalized: figures.statuses.finalized,
        budgetFen: figures.budgetFen,
        scoredBudgetFen: Number(figures.scoredBudgetFen),
        weightedHundredths: figures.weightedHundredths,
        flagCounts: flagCounts.get(departmentId) ?? {},
      })),
    );
  }
}

type Place = { year: number; departmentId: number };

async function refreshPlaces(tx: Db, places: Place[]) {
  for (const [year, inYear] of groupBy(places, (p) => p.year))
    await refreshDepartmentFigures(tx, { year, departmentIds: inYear.map((p) => p.departmentId) });
}

/** The figures of these evaluations' departments, computed again (after their evaluations were written). */
export async function refreshFiguresOfEvaluations(tx: Db, { evaluationIds }: { evaluationIds: readonly number[] }) {
  if (evaluationIds.length === 0) return;
  const places = await tx
    .selectDistinct({ year: projects.year, departmentId: projects.departmentId })
    .from(evaluations)
    .innerJoin(projects, eq(projects.id, evaluations.projectId))
    .where(inArray(evaluations.id, [...evaluationIds]));
  await refreshPlaces(tx, places);
}

/** The figures of every department of a year, computed again (after a change of the year's scheme). */
export async function refreshFiguresOfYear(tx: Db, { year }: { year: number }) {
  const places = await tx
    .selectDistinct({ departmentId: projects.departmentId })
    .from(projects)
    .where(eq(projects.year, year));
  await refreshDepartmentFigures(tx, { year, departmentIds: places.map((p) => p.departmentId) });
}

/** The figures of these projects' departments, computed again (after their targets were written). */
export async function refreshFiguresOfProjects(tx: Db, { projectIds }: { projectIds: readonly number[] }) {
  if (projectIds.length === 0) return;
  const places = await tx
    .selectDistinct({ year: projects.year, departmentId: projects.departmentId })
    .from(projects)
    .where(inArray(projects.id, [...projectIds]));
  await refreshPlaces(tx, places);
}

/**
 * The departments of every year whose figures are missing (a database from before this table) or of
 * an older definition (lib/overview/backfill-figures.ts computes them at start).
 */
export function staleFigurePlaces(db: Db): Promise<Place[]> {
  return db
    .selectDistinct({ year: projects.year, departmentId: projects.departmentId })
    .from(projects)
    .leftJoin(
      departmentFigures,
      and(eq(departmentFigures.year, projects.year), eq(departmentFigures.departmentId, projects.departmentId)),
    )
    .where(or(isNull(departmentFigures.year), lt(departmentFigures.definition, FIGURES_DEFINITION)));
}

/** Figures of nothing: what the sum of no department is (and what the database gives for no rows). */
export function emptyFigures(): Figures {
  return {
    projects: 0,
    budgetFen: 0,
    indicators: 0,
    notStarted: 0,
    scored: 0,
    scoredBudgetFen: '0',
    weightedHundredths: '0',
    statuses: Object.fromEntries(EVALUATION_STATUSES.map((s) => [s, 0])) as Record<EvaluationStatus, number>,
    grades: Object.fromEntries(GRADE_ORDER.map((g) => [g, 0])),
    bins: Object.fromEntries(SCORE_BINS.map((_, i) => [i, 0])),
  };
}

const addCounts = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
};

/** The figures of several sets together, exact (the weighted sums as BigInt). */
export function sumFigures(parts: readonly Figures[]): Figures {
  const total = emptyFigures();
  let scoredBudget = 0n;
  let weighted = 0n;
  for (const part of parts) {
    total.projects += part.projects;
    total.budgetFen += part.budgetFen;
    total.indicators += part.indicators;
    total.notStarted += part.notStarted;
    total.scored += part.scored;
    scoredBudget += BigInt(part.scoredBudgetFen);
    weighted += BigInt(part.weightedHundredths);
    addCounts(total.statuses, part.statuses);
    addCounts(total.grades, part.grades);
    addCounts(total.bins, part.bins);
  }
  return { ...total, scoredBudgetFen: String(scoredBudget), weightedHundredths: String(weighted) };
}

/** The departments a view covers, as the stored figures answer it: all of the year's, or one. */
export type DepartmentScope = { departmentId?: number };

const scopeWhere = (year: number, { departmentId }: DepartmentScope) =>
  and(
    eq(departmentFigures.year, year),
    departmentId === undefined ? undefined : eq(departmentFigures.departmentId, departmentId),
  );

/** A year's figures over the departments of a scope: the sum of their stored rows. */
export async function storedYearFigures(db: Db, { year, scope }: { year: number; scope: DepartmentScope }) {
  const rows = await db
    .select({ figures: departmentFigures.figures })
    .from(departmentFigures)
    .where(scopeWhere(year, scope));
  return sumFigures(rows.map((r) => r.figures));
}

/**
 * How many flags of each kind a scope's evaluations have, as countFlags counts them unfiltered: the
 * stored ones summed from the departments' rows, and when the deadline is near every evaluation
 * still with its owner (from the status counts).
 */
export async function storedFlagCounts(
  db: Db,
  { year, scope, nearDeadline }: { year: number; scope: DepartmentScope; nearDeadline: boolean },
): Promise<Record<FlagKind, number>> {
  const rows = await db
    .select({ figures: departmentFigures.figures, flagCounts: departmentFigures.flagCounts })
    .from(departmentFigures)
    .where(scopeWhere(year, scope));
  const out = noFlags();
  for (const { figures, flagCounts } of rows) {
    addCounts(out, flagCounts as Record<string, number>);
    if (nearDeadline) for (const status of WITH_OWNER_STATUSES) out.draft_near_deadline += figures.statuses[status];
  }
  return out;
}

/**
 * 填报进度 by department as progressCounts counts it (its rows, in its order), from the stored rows:
 * each department's statuses, its drafts split into saved and never saved.
 */
export async function storedProgressByDepartment(db: Db, { year, scope }: { year: number; scope: DepartmentScope }) {
  const rows = await db
    .select({ groupId: departments.id, group: departments.name, figures: departmentFigures.figures })
    .from(departmentFigures)
    .innerJoin(departments, eq(departments.id, departmentFigures.departmentId))
    .where(scopeWhere(year, scope))
    .orderBy(departments.name, departments.id);
  return rows.flatMap(({ groupId, group, figures }) =>
    EVALUATION_STATUSES.flatMap((status) => {
      const n = figures.statuses[status];
      const parts =
        status === 'draft'
          ? [
              { started: true, count: n - figures.notStarted },
              { started: false, count: figures.notStarted },
            ]
          : [{ started: true, count: n }];
      return parts
        .filter((p) => p.count > 0)
        .map((p) => ({ groupId, group: group as string | null, department: group, status, ...p }));
    }),
  );
}

/** The departments with projects in a year, by name (listYearDepartments' answer, from the stored rows). */
export function storedYearDepartments(db: Db, { year }: { year: number }) {
  return db
    .select({ year: departmentFigures.year, id: departments.id, name: departments.name })
    .from(departmentFigures)
    .innerJoin(departments, eq(departments.id, departmentFigures.departmentId))
    .where(eq(departmentFigures.year, year))
    .orderBy(departments.name);
}

/** How many departments a scope has in a year (with projects). */
export async function countDepartments(db: Db, { year, scope }: { year: number; scope: DepartmentScope }) {
  return db.$count(departmentFigures, scopeWhere(year, scope));
}

/** What 各部门 may be sorted by (its spec below gives each its SQL). */
export const DEPARTMENT_LIST_SHAPE = {
  sorts: { department: true, projects: true, scored: true, finalized: true, budget: true, average: true },
  defaultSort: { key: 'department', direction: 'asc' },
  filters: {},
} as const;
type DepartmentSort = keyof typeof DEPARTMENT_LIST_SHAPE.sorts;
export type DepartmentListQuery = ListQuery<DepartmentSort, never>;

// For ordering only (the figure shown is exact): Σ(分 × score) / Σ 分 as a real number.
const averageOrder = sql`cast(${departmentFigures.weightedHundredths} as numeric) * 1.0 / nullif(${departmentFigures.scoredBudgetFen}, 0)`;

const DEPARTMENT_LIST_SPEC: ListSpec<DepartmentSort, never> = {
  ...DEPARTMENT_LIST_SHAPE,
  sorts: {
    department: { by: [departments.name] },
    projects: { by: [departmentFigures.projects] },
    scored: { by: [departmentFigures.scored] },
    finalized: { by: [departmentFigures.finalized] },
    budget: { by: [departmentFigures.budgetFen] },
    average: { by: [averageOrder], nullable: true },
  },
  tiebreak: [departmentFigures.departmentId],
  search: [departments.name],
};

/** One page of 各部门: the stored row of each department of a scope (the overview's filter does not narrow it). */
export async function listDepartmentPage(
  db: Db,
  { year, scope, query }: { year: number; scope: DepartmentScope; query: DepartmentListQuery },
) {
  const page = await readPage(db, DEPARTMENT_LIST_SPEC, query, {
    where: scopeWhere(year, scope),
    source: () =>
      db
        .select({
          departmentId: departmentFigures.departmentId,
          department: departments.name,
          figures: departmentFigures.figures,
        })
        .from(departmentFigures)
        .innerJoin(departments, eq(departments.id, departmentFigures.departmentId))
        .$dynamic(),
  });
  return {
    ...page,
    items: page.items.map(({ departmentId, department, figures }) => ({ departmentId, department, ...figures })),
  };
}
