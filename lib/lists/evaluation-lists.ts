import 'server-only';
import type { Db } from '@/db';
import {
  evaluationListCondition,
  evaluationListSpec,
  listEvaluationKeys,
  listEvaluationPage,
  type EvaluationScope,
  type EvaluationSort,
} from '@/db/queries/evaluation-list';
import { listYearDepartments } from '@/db/queries/years';
import { EVALUATION_STATUSES, FLAG_KINDS, type EvaluationStatus } from '@/db/schema';
import { deadlineIsNear } from '@/lib/overview/flags';
import { FLAG_LABELS } from '@/lib/overview/flags';
import { STATUS_LABELS } from '@/lib/roles';
import { GRADES } from '@/lib/scoring';
import { readListQuery, type SearchParams } from './list-params';
import { listView } from './list-view';

/** Columns whose first click sorts the largest first. */
export const LARGEST_FIRST: readonly EvaluationSort[] = ['selfScore', 'finalScore', 'score', 'budget', 'indicators'];

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
  const page = await listEvaluationPage(db, { scope, query, nearDeadline });
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
  }: { year: number; severalDepartments: boolean; statuses?: readonly EvaluationStatus[]; flags?: boolean },
) {
  const departments = severalDepartments ? await listYearDepartments(db, { year }) : [];
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
