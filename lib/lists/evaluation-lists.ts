import 'server-only';
import type { Db } from '@/db';
import { storedProgressByDepartment, storedYearDepartments, storedYearFigures } from '@/db/queries/department-figures';
import {
  evaluationListCondition,
  evaluationListSpec,
  listEvaluationKeys,
  listEvaluationPage,
  progressCounts,
  type EvaluationListQuery,
  type EvaluationScope,
  type EvaluationSort,
} from '@/db/queries/evaluation-list';
import { departmentScopeOf } from '@/db/queries/projects';
import { EVALUATION_STATUSES, FLAG_KINDS, type EvaluationStatus, type Figures } from '@/db/schema';
import { deadlineIsNear } from '@/lib/overview/flags';
import { FLAG_LABELS } from '@/lib/overview/flags';
import { STATUS_LABELS } from '@/lib/roles';
import { GRADES } from '@/lib/scoring';
import { readListQuery, type SearchParams } from './list-params';
import { listView } from './list-view';

/** Columns whose first click sorts the largest first. */
export const LARGEST_FIRST: readonly EvaluationSort[] = ['selfScore', 'finalScore', 'score', 'budget', 'indicators'];

/** No search and no filter: the whole of the list's scope. */
export const isUnfiltered = (query: EvaluationListQuery) =>
  query.q === '' && Object.values(query.filters).every((value) => value === undefined);

/**
 * The 合计 of a whole year's list from the departments' stored figures (db/queries/department-figures.ts),
 * where they cover exactly its rows: unfiltered, of every status, for those who see whole departments.
 * `figures`: the stored figures of that scope, when the caller has read them already (the overview).
 */
export function storedTotalsOf(db: Db, scope: EvaluationScope, query: EvaluationListQuery, figures?: Promise<Figures>) {
  const departmentScope = departmentScopeOf(scope.user);
  if (!departmentScope || scope.statuses || !isUnfiltered(query)) return undefined;
  return async () => {
    const { projects, budgetFen, indicators } =
      (await figures) ?? (await storedYearFigures(db, { year: scope.year, scope: departmentScope }));
    return { projects, budgetFen, indicators };
  };
}

/** 填报进度's counts of a year in a scope (progressCounts' rows): by department from the stored figures. */
export function yearProgressCounts(
  db: Db,
  { scope, by }: { scope: Omit<EvaluationScope, 'statuses'>; by: 'department' | 'owner' },
) {
  const departmentScope = departmentScopeOf(scope.user);
  return by === 'department' && departmentScope
    ? storedProgressByDepartment(db, { year: scope.year, scope: departmentScope })
    : progressCounts(db, { scope, by });
}

/**
 * A page of evaluations as 项目, 待办 and the owner assignment show it: the URL's query read, the
 * page and its total from the database, the links of its headers and pager, and the condition of
 * the whole filtered list (for its 合计 and its exports).
 */
export async function evaluationListPage(
  db: Db,
  {
    scope,
    params,
    path,
    deadline = null,
    today = new Date(),
    queueFirst = false,
  }: {
    scope: EvaluationScope;
    params: SearchParams;
    path: string;
    deadline?: string | null;
    today?: Date;
    /** A to-do list (待办): sorted by default with what came back to its owner first. */
    queueFirst?: boolean;
  },
) {
  const nearDeadline = deadlineIsNear(deadline, today);
  const spec = evaluationListSpec({ nearDeadline, queueFirst });
  const { query } = readListQuery(spec, params);
  const page = await listEvaluationPage(db, {
    scope,
    query,
    nearDeadline,
    storedTotals: storedTotalsOf(db, scope, query),
  });
  const list = listView({ path, params, spec, query, total: page.total, firstDescending: LARGEST_FIRST });
  return { page, list, query, where: evaluationListCondition(scope, { spec, query }) };
}

/** How many of a filtered to-do list "select all N" takes at most (each is checked on the server on its own). */
export const BATCH_ALL_LIMIT = 2000;

/**
 * A to-do list's evaluations in its order, keys only, as its URL's query (`queue`) says: for 上一条 /
 * 下一条 (with `keep`, the evaluation being looked at) and for "select all N matching".
 */
export async function queueKeys(
  db: Db,
  {
    scope,
    params,
    deadline = null,
    today = new Date(),
    keep,
    limit,
  }: {
    scope: EvaluationScope;
    params: SearchParams;
    deadline?: string | null;
    today?: Date;
    keep?: number;
    limit?: number;
  },
) {
  const nearDeadline = deadlineIsNear(deadline, today);
  const { query } = readListQuery(evaluationListSpec({ nearDeadline, queueFirst: true }), params);
  return listEvaluationKeys(db, { scope, query, nearDeadline, keep, limit });
}

/** The filter bar of an evaluation list: department (for those who see several), status, grade, flag. */
export async function evaluationFilters(
  db: Db,
  {
    year,
    severalDepartments,
    statuses = EVALUATION_STATUSES,
    flags = true,
    departments: known,
  }: {
    year: number;
    severalDepartments: boolean;
    statuses?: readonly EvaluationStatus[];
    flags?: boolean;
    /** The year's departments, when the caller has read them already. */
    departments?: Array<{ id: number; name: string }>;
  },
) {
  const departments = severalDepartments ? (known ?? (await storedYearDepartments(db, { year }))) : [];
  return [
    ...(severalDepartments
      ? [
          {
            name: 'department',
            label: '部门',
            all: '全部部门',
            options: departments.map((d) => [String(d.id), d.name]),
          },
        ]
      : []),
    ...(statuses.length > 1
      ? [{ name: 'status', label: '状态', all: '全部状态', options: statuses.map((s) => [s, STATUS_LABELS[s]]) }]
      : []),
    { name: 'grade', label: '等级', all: '全部等级', options: GRADES.map((g) => [g, g]) },
    ...(flags
      ? [{ name: 'flag', label: '值得关注', all: '全部', options: FLAG_KINDS.map((k) => [k, FLAG_LABELS[k]]) }]
      : []),
  ] as Array<{ name: string; label: string; all: string; options: Array<[string, string]> }>;
}
