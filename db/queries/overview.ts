import 'server-only';
import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/sqlite-core';
import { rankOf, readPage, type ListQuery, type ListSpec } from '../list-query';
import {
  countingScoreOf,
  EVALUATION_STATUSES,
  evaluationFlags,
  evaluations,
  FLAG_KINDS,
  WITH_OWNER_STATUSES,
  type Figures,
  type FlagKind,
} from '../schema';
import { countingGradeOf, evaluationRows, GRADE_ORDER, notStartedOf, scoredOf } from './evaluation-list';
import type { Db } from '../sqlite';

/**
 * The overview's figures (`Figures`), computed by the database over the rows a condition selects:
 * counts by status and grade, the score histogram, budgets, and the budget-weighted score as exact
 * integers (分 × the score in hundredths) that lib/overview divides with decimal.js.
 */

/** Score bins as [from, to) in hundredths of a point. */
export type Bins = ReadonlyArray<readonly [from: number, to: number]>;

/** The score histogram's bins: <60, 60–70, 70–80, 80–90, 90–100 (lib/overview/summarize labels them). */
export const SCORE_BINS: Bins = [
  [0, 6000],
  [6000, 7000],
  [7000, 8000],
  [8000, 9000],
  [9000, 10001],
];

const sumWhen = (condition: SQL | undefined, value: SQL | number = 1) =>
  sql<number>`coalesce(sum(case when ${condition ?? sql`1 = 1`} then ${value} else 0 end), 0)`.mapWith(Number);
/** Sums that may pass 2^53 travel as text, so that decimal.js gets every digit. */
const exactSumWhen = (condition: SQL, value: SQL) =>
  sql<string>`cast(coalesce(sum(case when ${condition} then ${value} else 0 end), 0) as text)`;

/** The figures' columns over a source with the list's columns (one department's, or everything's). */
export function figureFields(listed: ReturnType<typeof listedRows>, bins: Bins = SCORE_BINS) {
  const scored = scoredOf(listed);
  // Scores have at most two decimals: in hundredths they are exact integers on either dialect.
  const hundredths = sql`cast(round(${countingScoreOf(listed)} * 100) as integer)`;
  const grade = countingGradeOf(listed);
  return {
    projects: count(),
    budgetFen: sumWhen(undefined, sql`${listed.budgetTotalFen}`),
    indicators: sumWhen(undefined, sql`${listed.indicatorCount}`),
    notStarted: sumWhen(notStartedOf(listed)),
    scored: sumWhen(scored),
    scoredBudgetFen: exactSumWhen(scored, sql`${listed.budgetTotalFen}`),
    weightedHundredths: exactSumWhen(scored, sql`${listed.budgetTotalFen} * ${hundredths}`),
    statuses: Object.fromEntries(EVALUATION_STATUSES.map((s) => [s, sumWhen(eq(listed.status, s))])) as Record<
      (typeof EVALUATION_STATUSES)[number],
      SQL<number>
    >,
    grades: Object.fromEntries(GRADE_ORDER.map((g) => [g, sumWhen(and(scored, sql`${grade} = ${g}`))])),
    bins: Object.fromEntries(
      bins.map(([from, to], i) => [i, sumWhen(and(scored, sql`${hundredths} >= ${from}`, sql`${hundredths} < ${to}`))]),
    ),
  };
}

/** The evaluation list's rows under a condition, as a subquery to aggregate over. */
export function listedRows(db: Db, where: SQL | undefined) {
  return evaluationRows(db).where(where).as('listed');
}

/** The figures of the rows a condition selects, aggregated now (a filtered view; see department-figures.ts). */
export async function yearFigures(db: Db, { where }: { where: SQL | undefined }): Promise<Figures> {
  const listed = listedRows(db, where);
  const [row] = await db.select(figureFields(listed)).from(listed);
  return row;
}

/** Where a draft near the deadline stands among an evaluation's flags: after all the engine gives. */
const DEADLINE_ORDINAL = 2_000_000;

/**
 * 值得关注 as a list: the stored flags of the rows a condition selects, and every draft among them
 * when the deadline is near, one row each, sortable by kind, project and department.
 */
function flagRows(db: Db, { where, nearDeadline }: { where: SQL | undefined; nearDeadline: boolean }) {
  const listed = listedRows(db, where);
  const columns = {
    project: sql<string>`${listed.project}`.as('project'),
    department: sql<string>`${listed.department}`.as('department'),
    position: sql<number>`${listed.position}`.mapWith(Number).as('position'),
  };
  const stored = db
    .select({
      evaluationId: sql<number>`${evaluationFlags.evaluationId}`.mapWith(Number).as('evaluation_id'),
      kind: sql<FlagKind>`${evaluationFlags.kind}`.as('kind'),
      ordinal: sql<number>`${evaluationFlags.ordinal}`.mapWith(Number).as('ordinal'),
      detail: sql<string>`${evaluationFlags.detail}`.as('detail'),
      ...columns,
    })
    .from(evaluationFlags)
    .innerJoin(listed, eq(listed.id, evaluationFlags.evaluationId));
  if (!nearDeadline) return stored.as('flag_rows');
  const drafts = db
    .select({
      evaluationId: sql<number>`${listed.id}`.mapWith(Number).as('evaluation_id'),
      kind: sql<FlagKind>`'draft_near_deadline'`.as('kind'),
      ordinal: sql<number>`${DEADLINE_ORDINAL}`.mapWith(Number).as('ordinal'),
      detail: sql<string>`''`.as('detail'),
      ...columns,
    })
    .from(listed)
    .where(inArray(listed.status, [...WITH_OWNER_STATUSES]));
  return unionAll(stored, drafts).as('flag_rows');
}

/** What 值得关注 may be sorted by; its kind filter is the overview's flag filter. */
export const FLAG_LIST_SHAPE = {
  sorts: { position: true, kind: true, project: true, department: true },
  defaultSort: { key: 'position', direction: 'asc' },
  filters: {},
} as const;
type FlagSort = keyof typeof FLAG_LIST_SHAPE.sorts;

export function flagListSpec(rows: ReturnType<typeof flagRows>): ListSpec<FlagSort, 'kind'> {
  return {
    sorts: {
      position: { by: [rows.department, rows.position] },
      kind: { by: [rankOf(rows.kind, FLAG_KINDS)] },
      project: { by: [rows.project] },
      department: { by: [rows.department, rows.position] },
    },
    defaultSort: FLAG_LIST_SHAPE.defaultSort,
    tiebreak: [rows.evaluationId, rows.ordinal],
    search: [],
    filters: { kind: { values: FLAG_KINDS, where: (v) => sql`${rows.kind} = ${v}` } },
  };
}

export type FlagListQuery = ListQuery<FlagSort, 'kind'>;

/**
 * One page of 值得关注 over the rows a condition selects, given the count of each kind (countFlags:
 * their sum, or the filtered kind's, is the page's total): the flags are sorted as keys (a city's year has tens of
 * thousands), then read whole for the page's evaluations alone.
 */
export async function listFlagPage(
  db: Db,
  {
    where,
    nearDeadline,
    query,
    counts,
  }: { where: SQL | undefined; nearDeadline: boolean; query: FlagListQuery; counts: Record<FlagKind, number> },
) {
  const rows = flagRows(db, { where, nearDeadline });
  const keys = await readPage(db, flagListSpec(rows), query, {
    source: () => db.select({ evaluationId: rows.evaluationId, ordinal: rows.ordinal }).from(rows).$dynamic(),
    count: async () => flagTotal(counts, query.filters.kind as FlagKind | undefined),
  });
  const evaluationIds = [...new Set(keys.items.map((k) => k.evaluationId))];
  const whole =
    evaluationIds.length === 0
      ? []
      : await db
          .select()
          // The keys were picked within the scope and filters: their evaluations' ids are condition enough.
          .from(flagRows(db, { where: inArray(evaluations.id, evaluationIds), nearDeadline }));
  const byKey = new Map(whole.map((row) => [`${row.evaluationId}:${row.ordinal}`, row]));
  return { ...keys, items: keys.items.map((k) => byKey.get(`${k.evaluationId}:${k.ordinal}`)!) };
}

/** How many rows 值得关注 has: of one kind when it is filtered by kind, else of all. */
export function flagTotal(counts: Record<FlagKind, number>, kind?: FlagKind): number {
  return kind ? counts[kind] : Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** Counts of flags by kind, before any is counted: every kind at 0. */
export function noFlags(): Record<FlagKind, number> {
  return Object.fromEntries(FLAG_KINDS.map((k) => [k, 0])) as Record<FlagKind, number>;
}

/** How many flags of each kind the rows a condition selects have. */
export async function countFlags(
  db: Db,
  { where, nearDeadline }: { where: SQL | undefined; nearDeadline: boolean },
): Promise<Record<FlagKind, number>> {
  const rows = flagRows(db, { where, nearDeadline });
  const counted = await db
    .select({ kind: rows.kind, n: count() })
    .from(rows)
    .groupBy(sql`${rows.kind}`);
  const out = noFlags();
  for (const { kind, n } of counted) out[kind] = n;
  return out;
}
