import 'server-only';
import type { Db } from '@/db';
import {
  countDepartments,
  DEPARTMENT_LIST_SHAPE,
  listDepartmentPage,
  storedFlagCounts,
  storedYearFigures,
} from '@/db/queries/department-figures';
import {
  evaluationListCondition,
  evaluationListSpec,
  listEvaluationPage,
  type EvaluationListQuery,
} from '@/db/queries/evaluation-list';
import { countFlags, FLAG_LIST_SHAPE, flagTotal, listFlagPage, yearFigures } from '@/db/queries/overview';
import { departmentScopeOf } from '@/db/queries/projects';
import { returnNotesOf } from '@/db/queries/workflow';
import type { FlagKind } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/scope';
import { isUnfiltered, storedTotalsOf } from '@/lib/lists/evaluation-lists';
import { paramOf, readListQuery, type SearchParams } from '@/lib/lists/list-params';
import { deadlineDetail, deadlineIsNear } from './flags';
import { budgetWeightedAverage, gradeDistribution, scoreHistogram } from './summarize';

/** The prefixes of the overview's other lists in the URL: `dept_page`, `flag_sort`. */
export const DEPARTMENT_LIST = 'dept';
export const FLAG_LIST = 'flag';

/** The overview's lists, one shown at a time (`?tab=`): the project table first. */
export const OVERVIEW_TABS = ['projects', 'departments', 'flags'] as const;
export type OverviewTab = (typeof OVERVIEW_TABS)[number];

function tabOf(params: SearchParams, user: SessionUser): OverviewTab {
  const asked = paramOf(params, 'tab');
  const tab = OVERVIEW_TABS.find((t) => t === asked) ?? 'projects';
  // A head's overview is of one department: it has no 各部门.
  return tab === 'departments' && user.role === 'dept_head' ? 'projects' : tab;
}

/**
 * Everything the overview shows of a year, each piece computed by the database: the filter (the
 * project list's query) narrows the figures, the charts, the flags and the project table, not 各部门.
 * Unfiltered, the figures and the flags' counts are the sums of the departments' stored rows
 * (db/queries/department-figures.ts); filtered, they are aggregated over the filter's rows. Of the three lists only the tab's is read;
 * the others are counted (for their tabs). `returns`: the project table's returned rows' notes (who,
 * when, why).
 */
export async function loadOverview(
  db: Db,
  {
    user,
    year,
    deadline,
    params,
    today,
  }: { user: SessionUser; year: number; deadline: string | null; params: SearchParams; today: Date },
) {
  const tab = tabOf(params, user);
  const nearDeadline = deadlineIsNear(deadline, today);
  const spec = evaluationListSpec({ nearDeadline });
  const { query } = readListQuery(spec, params);
  // The flag filter narrows the flags list to its kind rather than to projects that have one.
  const withoutFlag: EvaluationListQuery = { ...query, filters: { ...query.filters, flag: undefined } };
  const where = evaluationListCondition({ user, year }, { spec, query });
  const flagWhere = evaluationListCondition({ user, year }, { spec, query: withoutFlag });
  const departmentQuery = readListQuery(DEPARTMENT_LIST_SHAPE, params, { prefix: DEPARTMENT_LIST }).query;
  const flagQuery = readListQuery(FLAG_LIST_SHAPE, params, { prefix: FLAG_LIST }).query;
  const departmentScope = departmentScopeOf(user);
  const flagKind = query.filters.flag as FlagKind | undefined;
  // Read once: the figures above the tabs and the project table's 合计 come from the same stored rows.
  const storedFigures =
    departmentScope && isUnfiltered(query) ? storedYearFigures(db, { year, scope: departmentScope }) : undefined;
  const [figures, flagCounts, departmentCount, rows, departments] = await Promise.all([
    storedFigures ?? yearFigures(db, { where }),
    // The flag filter does not narrow the counts (each kind's count is its option's).
    departmentScope && isUnfiltered(withoutFlag)
      ? storedFlagCounts(db, { year, scope: departmentScope, nearDeadline })
      : countFlags(db, { where: flagWhere, nearDeadline }),
    departmentScope ? countDepartments(db, { year, scope: departmentScope }) : 0,
    tab === 'projects'
      ? listEvaluationPage(db, {
          scope: { user, year },
          query,
          nearDeadline,
          storedTotals: storedTotalsOf(db, { user, year }, query, storedFigures),
        })
      : null,
    tab === 'departments' && departmentScope
      ? listDepartmentPage(db, { year, scope: departmentScope, query: departmentQuery })
      : null,
  ]);
  const flags =
    tab === 'flags'
      ? await listFlagPage(db, {
          where: flagWhere,
          nearDeadline,
          query: { ...flagQuery, filters: { kind: flagKind } },
          counts: flagCounts,
        })
      : null;
  // 已退回 in the project table says who returned it, when and why, as on 项目 and 待办.
  const returns = rows ? await returnNotesOf(db, { rows: rows.items }) : new Map();
  return {
    tab,
    query,
    spec,
    departmentQuery,
    flagQuery,
    figures,
    average: budgetWeightedAverage(figures),
    grades: gradeDistribution(figures),
    histogram: scoreHistogram(figures),
    totals: { projects: figures.projects, departments: departmentCount, flags: flagTotal(flagCounts, flagKind) },
    departments: departments && {
      ...departments,
      items: departments.items.map((d) => ({ ...d, weightedAverage: budgetWeightedAverage(d) })),
    },
    flags: flags && {
      ...flags,
      items: flags.items.map((f) =>
        f.kind === 'draft_near_deadline' && deadline ? { ...f, detail: deadlineDetail(deadline, today) } : f,
      ),
    },
    flagCounts,
    rows,
    returns,
  };
}

export type Overview = Awaited<ReturnType<typeof loadOverview>>;
