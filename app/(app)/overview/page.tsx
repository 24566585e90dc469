import { ExportLinks } from '@/components/export-links';
import { FilterBar, type FilterChoice } from '@/components/list-controls';
import { GradeChart, ScoreHistogram } from '@/components/overview/charts';
import { DepartmentTable, FlagTable, OverviewTable } from '@/components/overview/overview-tables';
import { OverviewTabs } from '@/components/overview/overview-tabs';
import { PageHead } from '@/components/page-pieces';
import { BatchSelection } from '@/components/workbench/batch-selection';
import { DEPARTMENT_LIST_SHAPE } from '@/db/queries/department-figures';
import { storedYearDepartments } from '@/db/queries/department-figures';
import { FLAG_LIST_SHAPE } from '@/db/queries/overview';
import { EVALUATION_STATUSES, FLAG_KINDS } from '@/db/schema';
import { BATCH_ALL_LIMIT, queueKeys } from '@/lib/lists/evaluation-lists';
import { listView } from '@/lib/lists/list-view';
import { formatWanYuan } from '@/lib/money';
import { FLAG_LABELS } from '@/lib/overview/flags';
import { DEPARTMENT_LIST, FLAG_LIST, loadOverview } from '@/lib/overview/overview';
import { averageLabel } from '@/lib/overview/summarize';
import { STATUS_LABELS } from '@/lib/roles';
import { GRADES } from '@/lib/scoring';
import { batchActionsFor } from '@/lib/workflow/state-machine';
import { yearPageContext } from '@/lib/years/page-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '年度总览' };

const SCORE_FIRST = ['selfScore', 'finalScore', 'budget', 'score'] as const;

export default async function OverviewPage({ searchParams }: PageProps<'/overview'>) {
  const { user, db, years, params, year } = await yearPageContext(searchParams, ['finance', 'admin', 'dept_head']);
  if (year === null) return <div className="empty-state">尚未导入任何年度的绩效目标表。</div>;

  const deadline = years.find((y) => y.year === year)?.deadline ?? null;
  const overview = await loadOverview(db, { user, year, deadline, params, today: new Date() });
  const { figures, departments, flags, rows, query, spec, tab, totals } = overview;
  // Batch decisions over the project table: this page, or everything the filter holds (up to a limit).
  const batch = batchActionsFor(user.role);
  const matching =
    rows && batch.length > 0 && rows.total <= BATCH_ALL_LIMIT
      ? await queueKeys(db, { scope: { user, year }, params, deadline, limit: BATCH_ALL_LIMIT })
      : null;
  const path = '/overview';
  // A new filter shows other flags: their list starts again at its first page.
  const { [`${FLAG_LIST}_page`]: _flagPage, ...projectParams } = params;
  const projectList = listView({
    path,
    params: projectParams,
    spec,
    query,
    total: rows?.total ?? totals.projects,
    firstDescending: SCORE_FIRST,
  });
  const departmentList = listView({
    path,
    params,
    spec: DEPARTMENT_LIST_SHAPE,
    query: overview.departmentQuery,
    total: totals.departments,
    prefix: DEPARTMENT_LIST,
    firstDescending: ['projects', 'scored', 'finalized', 'budget', 'average'],
  });
  const flagList = listView({
    path,
    params,
    spec: FLAG_LIST_SHAPE,
    query: overview.flagQuery,
    total: totals.flags,
    prefix: FLAG_LIST,
  });

  const departmentOptions =
    user.role === 'dept_head'
      ? []
      : (await storedYearDepartments(db, { year })).map((d): [string, string] => [String(d.id), d.name]);
  const filters: FilterChoice[] = [
    ...(user.role === 'dept_head'
      ? []
      : [{ name: 'department', label: '部门', all: '全部部门', options: departmentOptions }]),
    { name: 'status', label: '状态', all: '全部状态', options: EVALUATION_STATUSES.map((s) => [s, STATUS_LABELS[s]]) },
    { name: 'grade', label: '等级', all: '全部等级', options: GRADES.map((g) => [g, g]) },
    { name: 'evidence', label: '佐证材料', all: '不限', options: [['missing', '有退回时标记的缺佐证']] },
    { name: 'spot', label: '抽查', all: '不限', options: [['yes', '抽查复核样本']] },
    {
      name: 'flag',
      label: '值得关注',
      all: '全部',
      options: FLAG_KINDS.map((k) => [k, `${FLAG_LABELS[k]}（${overview.flagCounts[k]}）`]),
    },
  ];
  const scoredOf = `已提交 ${figures.scored.toLocaleString('en-US')} 项`;
  const stats: Array<{ label: string; value: React.ReactNode; testId?: string; money?: boolean }> = [
    { label: '项目数', value: figures.projects.toLocaleString('en-US'), testId: 'stat-projects' },
    { label: '已提交', value: `${figures.scored} / ${figures.projects}`, testId: 'stat-scored' },
    { label: '已定稿', value: `${figures.statuses.finalized} / ${figures.projects}`, testId: 'stat-finalized' },
    { label: `预算合计（万元，${figures.projects} 项）`, value: formatWanYuan(figures.budgetFen), money: true },
    { label: averageLabel(figures.scored), value: overview.average ?? '—', testId: 'stat-average' },
  ];

  return (
    <>
      <PageHead
        title={`${year} 年度绩效自评总览`}
        note={`${user.role === 'dept_head' ? '本部门' : '全部部门'} · 筛选后 ${figures.projects.toLocaleString('en-US')} 个项目`}
      >
        <ExportLinks year={year} query={query} />
      </PageHead>

      <FilterBar list={projectList} filters={filters} searchPlaceholder="项目、部门或负责人名称" />

      <section className="stat-cards">
        {stats.map(({ label, value, testId, money }) => (
          <div key={label} className="card stat">
            <span className="label">{label}</span>
            <span className={money ? 'value num' : 'value'} data-testid={testId}>
              {value}
            </span>
          </div>
        ))}
      </section>

      <section className="card charts">
        <GradeChart data={overview.grades} caption={`等级分布（${scoredOf}）`} />
        <ScoreHistogram data={overview.histogram} caption={`得分分布（${scoredOf}）`} />
        {figures.scored === 0 && <p className="chart-empty">尚无已提交的自评，提交后这里显示等级和得分分布。</p>}
      </section>

      <OverviewTabs
        current={tab}
        params={params}
        tabs={[
          { tab: 'projects', label: `项目明细（${totals.projects.toLocaleString('en-US')}）` },
          ...(user.role === 'dept_head'
            ? []
            : [{ tab: 'departments' as const, label: `各部门（${totals.departments.toLocaleString('en-US')}）` }]),
          { tab: 'flags', label: `值得关注（${totals.flags.toLocaleString('en-US')}）` },
        ]}
      />

      {departments && (
        <section className="card" aria-labelledby="overview-tab-title">
          <h2 id="overview-tab-title">各部门（{departments.total}，不受筛选影响）</h2>
          {departments.total === 0 ? (
            <p className="empty-state">本年度还没有部门的项目。</p>
          ) : (
            <DepartmentTable departments={departments.items} list={departmentList} />
          )}
        </section>
      )}

      {flags && (
        <section className="card" aria-labelledby="overview-tab-title">
          <h2 id="overview-tab-title">值得关注（{flags.total}）</h2>
          {flags.total === 0 ? (
            <p className="muted">暂无需要特别关注的情况。</p>
          ) : (
            <FlagTable flags={flags.items} list={flagList} />
          )}
        </section>
      )}

      {rows && (
        <section className="card" aria-labelledby="overview-tab-title">
          <h2 id="overview-tab-title">项目明细</h2>
          <BatchSelection
            items={rows.items.map((r) => ({ id: r.id, version: r.version, name: r.project }))}
            matching={{ total: rows.total, items: matching, limit: BATCH_ALL_LIMIT }}
            actions={batch}
          >
            {rows.total === 0 ? (
              <p className="empty-state">没有符合筛选条件的项目。</p>
            ) : (
              <OverviewTable
                rows={rows.items}
                returns={overview.returns}
                list={projectList}
                selectable={batch.length > 0}
              />
            )}
          </BatchSelection>
        </section>
      )}
    </>
  );
}
