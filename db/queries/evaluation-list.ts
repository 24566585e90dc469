import 'server-only';
import { and, count, eq, exists, inArray, isNotNull, notInArray, or, sql, sum, type SQL } from 'drizzle-orm';
import { defineList, listCondition, listOrder, rankOf, readPage, type QueryOf } from '../list-query';
import { columnsOf, SCORE_COLUMNS } from '../rows';
import {
  countingScoreOf,
  departments,
  EVALUATION_STATUSES,
  evaluationFlags,
  evaluations,
  FLAG_KINDS,
  projects,
  WITH_OWNER_STATUSES,
  type EvaluationStatus,
  type FlagKind,
} from '../schema';
import { evidenceFlaggedCondition } from './attachments';
import { JOIN } from './joins';
import { projectOwner, projectScopeCondition } from './projects';
import { spotCheckedCondition } from './spot-checks';
import type { SessionUser } from '../../lib/auth/scope';
import type { Db } from '../sqlite';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/** The grades, best first (lib/scoring GRADES; repeated here because db/ runs nothing of lib/). */
export const GRADE_ORDER = ['优', '良', '中', '差'] as const;

interface StatusColumns {
  status: AnySQLiteColumn;
  finalGrade: AnySQLiteColumn;
  selfGrade: AnySQLiteColumn;
}

/** Handed on by its owner: one still with its owner (a draft, a returned one) is not counted as scored. */
export const scoredOf = (t: Pick<StatusColumns, 'status'>) => notInArray(t.status, [...WITH_OWNER_STATUSES]);
/** The grade that counts now: the final one once finalised, else the self grade. */
export const countingGradeOf = (t: StatusColumns) =>
  sql<string | null>`case when ${t.status} = 'finalized' then ${t.finalGrade} else ${t.selfGrade} end`;

export const scored = scoredOf(evaluations);

/** Saved by someone since it was created: a draft never saved (its first version) is 未开始. */
export const startedOf = (t: { version: AnySQLiteColumn }) => sql<boolean>`${t.version} > 1`;
/** A draft nobody has saved yet (填报进度's 未开始). */
export const notStartedOf = (t: { status: AnySQLiteColumn; version: AnySQLiteColumn }) =>
  sql`(${t.status} = 'draft' and not (${startedOf(t)}))`;
const finalised = eq(evaluations.status, 'finalized');
const countingGrade = countingGradeOf(evaluations);
const countingScore = countingScoreOf(evaluations);

const returnedFirst = sql`case when ${evaluations.status} = 'returned' then 0 else 1 end`;

/**
 * Where a year's evaluations of a user's scope are true of a flag: for a stored kind, one of its
 * rows exists; a draft near the deadline is every draft, when the deadline is near (`nearDeadline`).
 */
export function flagCondition(kind: FlagKind, { nearDeadline }: { nearDeadline: boolean }): SQL {
  if (kind === 'draft_near_deadline')
    return nearDeadline ? inArray(evaluations.status, [...WITH_OWNER_STATUSES]) : sql`1 = 0`;
  return exists(
    sql`(select 1 from ${evaluationFlags} where ${evaluationFlags.evaluationId} = ${evaluations.id} and ${evaluationFlags.kind} = ${kind})`,
  );
}

/**
 * The list of evaluations behind 项目, 待办, 总览's project table, the owner assignment and the list
 * API: what may be sorted, searched and filtered. A new filter or sortable column is one entry here.
 */
export function evaluationListSpec({
  nearDeadline = false,
  queueFirst = false,
}: {
  nearDeadline?: boolean;
  /** A to-do list: by default what came back to its owner (已退回) first, then in table order. */
  queueFirst?: boolean;
} = {}) {
  return defineList({
    sorts: {
      position: { by: [departments.name, projects.position] },
      queue: { by: [returnedFirst, departments.name, projects.position] },
      project: { by: [projects.name] },
      department: { by: [departments.name, projects.position] },
      owner: { by: [projectOwner.displayName], nullable: true },
      budget: { by: [projects.budgetTotalFen] },
      indicators: { by: [projects.indicatorCount] },
      status: { by: [rankOf(evaluations.status, EVALUATION_STATUSES)] },
      selfScore: { by: [sql`cast(${evaluations.selfScore} as numeric)`], nullable: true },
      finalScore: {
        by: [sql`case when ${finalised} then cast(${evaluations.finalScore} as numeric) end`],
        nullable: true,
      },
      score: { by: [countingScore], nullable: true },
      grade: { by: [rankOf(countingGrade, GRADE_ORDER)], nullable: true },
      submittedAt: { by: [evaluations.submittedAt], nullable: true },
    },
    defaultSort: { key: queueFirst ? 'queue' : 'position', direction: 'asc' },
    // The evaluation's own id (one per project): an order by a score then this id is the score's index order.
    tiebreak: [evaluations.id],
    search: [projects.name, departments.name, projectOwner.displayName],
    filters: {
      department: { values: 'id', where: (v) => eq(projects.departmentId, Number(v)) },
      status: { values: EVALUATION_STATUSES, where: (v) => eq(evaluations.status, v as EvaluationStatus) },
      // A grade counts once someone scored the evaluation (the overview's rule).
      grade: { values: GRADE_ORDER, where: (v) => and(scored, sql`${countingGrade} = ${v}`) },
      flag: { values: FLAG_KINDS, where: (v) => flagCondition(v as FlagKind, { nearDeadline }) },
      // Rows flagged 缺佐证 by the latest decision.
      evidence: { values: ['missing'], where: () => evidenceFlaggedCondition() },
      // Drawn in a 抽查复核 sample (lib/spot-check).
      spot: { values: ['yes'], where: () => spotCheckedCondition() },
    },
  });
}

export type EvaluationListQuery = QueryOf<ReturnType<typeof evaluationListSpec>>;
export type EvaluationSort = EvaluationListQuery['sort'];

/** Evaluations with their project, department and owner: the one FROM of every evaluation list. */
export function evaluationRows(db: Db) {
  return db
    .select({
      id: evaluations.id,
      // Named apart, as the rows are also a subquery (two ids, two names).
      projectId: sql<number>`${projects.id}`.mapWith(Number).as('project_id'),
      project: sql<string>`${projects.name}`.as('project_name'),
      position: projects.position,
      department: sql<string>`${departments.name}`.as('department_name'),
      departmentId: projects.departmentId,
      ownerId: projects.ownerId,
      /** The project's version (owner assignment is checked against it). */
      projectVersion: sql<number>`${projects.version}`.mapWith(Number).as('project_version'),
      owner: projectOwner.displayName,
      ownerActive: projectOwner.active,
      budgetTotalFen: projects.budgetTotalFen,
      indicatorCount: projects.indicatorCount,
      ...columnsOf(evaluations, 'status', 'version', ...SCORE_COLUMNS, 'submittedAt', 'updatedAt'),
    })
    .from(evaluations)
    .innerJoin(projects, JOIN.projectOfEvaluation)
    .innerJoin(departments, JOIN.departmentOfProject)
    .leftJoin(projectOwner, eq(projectOwner.id, projects.ownerId))
    .$dynamic();
}

export interface EvaluationScope {
  user: SessionUser;
  year: number;
  /** Only these statuses (a to-do list). */
  statuses?: readonly EvaluationStatus[];
}

/** A year's evaluations that a user may see (and the statuses asked for): the condition every list starts from. */
export function scopeCondition({ user, year, statuses }: EvaluationScope): SQL | undefined {
  return and(
    eq(projects.year, year),
    projectScopeCondition(user),
    statuses ? inArray(evaluations.status, [...statuses]) : undefined,
  );
}

/** The rows a list holds: its scope, then the query's search and filters. */
export function evaluationListCondition(
  scope: EvaluationScope,
  { spec, query }: { spec: ReturnType<typeof evaluationListSpec>; query: EvaluationListQuery },
): SQL | undefined {
  return and(scopeCondition(scope), listCondition(spec, query));
}

/** Evaluations the engine has scored (their scores are cached). */
export const scoredByEngine = isNotNull(evaluations.selfScore);

/**
 * One page of a year's evaluations in a user's scope, with the total that passes the query and the
 * list's 合计 (its projects, budget and indicators), counted in one pass. The page is sorted as keys
 * (the database drops the unused columns of the subquery) and read whole for its own rows only.
 * `storedTotals`: the 合计 of an unfiltered list from the stored figures, when the caller has them.
 */
export async function listEvaluationPage(
  db: Db,
  {
    scope,
    query,
    nearDeadline = false,
    storedTotals,
  }: {
    scope: EvaluationScope;
    query: EvaluationListQuery;
    nearDeadline?: boolean;
    storedTotals?: () => Promise<EvaluationTotals>;
  },
) {
  let totals: EvaluationTotals = { projects: 0, budgetFen: 0, indicators: 0 };
  const page = await readPage(db, evaluationListSpec({ nearDeadline }), query, {
    source: () => evaluationRows(db),
    where: scopeCondition(scope),
    count: async (where) => (totals = await (storedTotals?.() ?? evaluationTotals(db, { where }))).projects,
    pageKeys: ({ where, order, limit, offset }) => {
      const keys = evaluationRows(db)
        .where(where)
        .orderBy(...order)
        .limit(limit)
        .offset(offset)
        .as('page_keys');
      return inArray(evaluations.id, db.select({ id: keys.id }).from(keys));
    },
  });
  return { ...page, totals };
}

/**
 * Every evaluation of a list in its order, keys only (上一条 / 下一条, "all N matching"): the list's
 * scope and query, plus `keep` whatever its status (the one being looked at, after it was decided).
 */
export function listEvaluationKeys(
  db: Db,
  {
    scope,
    query,
    nearDeadline = false,
    keep,
    limit,
  }: { scope: EvaluationScope; query: EvaluationListQuery; nearDeadline?: boolean; keep?: number; limit?: number },
) {
  const spec = evaluationListSpec({ nearDeadline });
  const listed = and(scopeCondition(scope), listCondition(spec, query));
  const rows = db
    .select({ id: evaluations.id, version: evaluations.version, name: projects.name })
    .from(evaluations)
    .innerJoin(projects, JOIN.projectOfEvaluation)
    .innerJoin(departments, JOIN.departmentOfProject)
    .leftJoin(projectOwner, eq(projectOwner.id, projects.ownerId))
    .where(keep === undefined ? listed : or(listed, eq(evaluations.id, keep)))
    .orderBy(...listOrder(spec, query))
    .$dynamic();
  return limit === undefined ? rows : rows.limit(limit);
}

export type EvaluationListRow = Awaited<ReturnType<typeof listEvaluationPage>>['items'][number];

export interface EvaluationTotals {
  projects: number;
  budgetFen: number;
  indicators: number;
}

/** The 合计 of a list: how many projects pass the condition, their budget and their indicators. */
export async function evaluationTotals(db: Db, { where }: { where: SQL | undefined }): Promise<EvaluationTotals> {
  const listed = evaluationRows(db).where(where).as('listed');
  const [row] = await db
    .select({
      projects: count(),
      budgetFen: sum(listed.budgetTotalFen).mapWith(Number),
      indicators: sum(listed.indicatorCount).mapWith(Number),
    })
    .from(listed);
  return { projects: row?.projects ?? 0, budgetFen: row?.budgetFen ?? 0, indicators: row?.indicators ?? 0 };
}

/**
 * 填报进度 in the database: a year's evaluations in a scope counted by group (department, or owner:
 * null when none is assigned), status and whether anyone saved them yet (`started`: version past 1).
 */
export function progressCounts(db: Db, { scope, by }: { scope: EvaluationScope; by: 'department' | 'owner' }) {
  // Grouped by the id, so that two owners of the same name stay two groups; named by the name and department.
  const [groupId, group] =
    by === 'department' ? [departments.id, departments.name] : [projects.ownerId, projectOwner.displayName];
  const started = sql<number>`case when ${startedOf(evaluations)} then 1 else 0 end`;
  return db
    .select({
      groupId: sql<number | null>`${groupId}`.mapWith((v) => (v === null ? null : Number(v))),
      group: sql<string | null>`${group}`,
      department: departments.name,
      status: evaluations.status,
      started: started.mapWith((v) => Number(v) === 1),
      count: count(),
    })
    .from(evaluations)
    .innerJoin(projects, JOIN.projectOfEvaluation)
    .innerJoin(departments, JOIN.departmentOfProject)
    .leftJoin(projectOwner, eq(projectOwner.id, projects.ownerId))
    .where(scopeCondition(scope))
    .groupBy(groupId, group, departments.id, departments.name, evaluations.status, started)
    .orderBy(sql`${group} asc nulls last`, departments.name, groupId);
}
