import Link from 'next/link';
import { remindAction } from '@/app/(app)/notifications/actions';
import { DeadlineBadge } from '@/components/deadline-badge';
import { EntryImportPanel } from '@/components/entry/entry-import-panel';
import { ExportLinks } from '@/components/export-links';
import { FilterBar, Pager } from '@/components/list-controls';
import { ActionButton } from '@/components/notifications/action-button';
import { DataTable, PageHead, YearSwitch, type Column } from '@/components/page-pieces';
import { DepartmentReportLinks } from '@/components/reports/department-report-links';
import { ListStatus } from '@/components/status-tag';
import { storedYearDepartments } from '@/db/queries/department-figures';
import { evaluationTotals, scopeCondition, type EvaluationListRow } from '@/db/queries/evaluation-list';
import { returnNotesOf } from '@/db/queries/workflow';
import { formatScore } from '@/lib/format';
import { evaluationFilters, evaluationListPage } from '@/lib/lists/evaluation-lists';
import { formatWanYuan } from '@/lib/money';
import { deadlineState } from '@/lib/workflow/deadline';
import { decide, nextStepFor, pastOwner, statusesFor } from '@/lib/workflow/state-machine';
import { yearPageContext } from '@/lib/years/page-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目' };

const finalised = (row: EvaluationListRow) => row.status === 'finalized';

export default async function ProjectsPage({ searchParams }: PageProps<'/projects'>) {
  const { user, db, years, params, year } = await yearPageContext(searchParams);
  const scopeText = user.role === 'owner' ? '我负责的项目' : user.role === 'dept_head' ? '本部门项目' : '全部项目';
  if (year === null)
    return (
      <>
        <PageHead title="项目" note={scopeText} />
        <NoProjects year={null} />
      </>
    );

  const everyDepartment = user.role === 'finance' || user.role === 'admin';
  const deadline = years.find((y) => y.year === year)?.deadline ?? null;
  const { page, list, query } = await evaluationListPage(db, {
    scope: { user, year },
    params,
    path: '/projects',
    deadline,
  });
  const { totals } = page;
  // What the owner's workbook import can fill in (only an owner is offered it).
  const drafts =
    user.role === 'owner'
      ? await evaluationTotals(db, { where: scopeCondition({ user, year, statuses: statusesFor('save') }) })
      : null;
  const returns = await returnNotesOf(db, { rows: page.items });
  const now = new Date();
  // 催办 in the row, for the head and finance, on an owner's items once the deadline has passed.
  const overdue = deadlineState(deadline, now)?.overdue ?? false;
  const yearStatus = years.find((y) => y.year === year)?.status ?? 'open';
  const yearDepartments = await storedYearDepartments(db, { year });
  const reportDepartments = yearDepartments.filter((d) => everyDepartment || d.id === user.departmentId);
  const filters = await evaluationFilters(db, {
    year,
    severalDepartments: everyDepartment,
    departments: yearDepartments,
  });
  const showOwner = user.role !== 'owner';
  const offset = (page.page - 1) * page.pageSize;
  const columns: Array<Column<EvaluationListRow>> = [
    { header: '序号', className: 'num', cell: (_, i) => offset + i + 1, sort: 'position' },
    {
      header: '项目名称',
      cell: (row) => <Link href={`/projects/${row.projectId}`}>{row.project}</Link>,
      sort: 'project',
    },
    { header: '部门', cell: (row) => row.department, shown: everyDepartment, sort: 'department' },
    {
      header: '项目负责人',
      cell: (row) => row.owner ?? <span className="muted">未指定</span>,
      shown: showOwner,
      sort: 'owner',
    },
    { header: '预算（万元）', className: 'num', cell: (row) => formatWanYuan(row.budgetTotalFen), sort: 'budget' },
    { header: '指标数', className: 'num', cell: (row) => row.indicatorCount, sort: 'indicators' },
    {
      header: '状态',
      cell: (row) => (
        <>
          <ListStatus status={row.status} returned={returns.get(row.id)} />
          {!pastOwner(row.status) && (
            <>
              {' '}
              <DeadlineBadge deadline={deadline} now={now} />
            </>
          )}
        </>
      ),
      sort: 'status',
    },
    {
      header: '得分',
      className: 'num',
      cell: (row) => formatScore(finalised(row) ? row.finalScore : row.selfScore),
      sort: 'score',
    },
    { header: '等级', cell: (row) => (finalised(row) ? row.finalGrade : row.selfGrade) ?? '', sort: 'grade' },
    {
      header: '下一步',
      cell: (row) => (
        <>
          <Link href={`/evaluations/${row.id}`} className="next-step">
            {nextStepFor(user.role, row.status)}
          </Link>
          {overdue && decide(user, { ...row, year, yearStatus }, 'remind').allowed && row.ownerId !== null && (
            <>
              {' '}
              <ActionButton action={remindAction} input={{ evaluationId: row.id }} label="催办" />
            </>
          )}
        </>
      ),
    },
  ];
  const filtered = query.q !== '' || Object.values(query.filters).some(Boolean);

  return (
    <>
      <PageHead
        title={`${year} 年度项目`}
        note={
          <>
            {scopeText}
            {deadline && (
              <>
                {' '}
                · <DeadlineBadge deadline={deadline} now={now} withDate />
              </>
            )}
          </>
        }
      >
        {user.role === 'dept_head' && totals.projects > 0 && (
          <a className="button no-print" href={`/api/years/${year}/targets.xlsx`}>
            导出本部门目标表（Excel）
          </a>
        )}
        {showOwner && <ExportLinks year={year} query={query} />}
        <YearSwitch years={years} current={year} href={(y) => `/projects?year=${y}`} />
      </PageHead>
      {user.role !== 'owner' && (
        <DepartmentReportLinks
          year={year}
          departments={reportDepartments}
          chosen={query.filters.department ? Number(query.filters.department) : undefined}
        />
      )}
      {drafts !== null && drafts.projects > 0 && (
        <EntryImportPanel target={{ kind: 'year', year }} downloadHref={`/api/years/${year}/entry.xlsx`} />
      )}

      {(page.total > 0 || filtered) && (
        <FilterBar list={list} filters={filters} searchPlaceholder="项目、部门或负责人名称" />
      )}
      {page.total === 0 ? (
        filtered ? (
          <p className="empty-state">没有符合筛选条件的项目。</p>
        ) : (
          <NoProjects year={year} />
        )
      ) : (
        <>
          <DataTable
            columns={columns}
            rows={page.items}
            testId="project-table"
            list={list}
            footer={
              <tr>
                <td />
                <td>
                  合计（{filtered ? '筛选后 ' : ''}
                  {totals.projects.toLocaleString('en-US')} 个项目）
                </td>
                {everyDepartment && <td />}
                {showOwner && <td />}
                <td className="num" data-testid="budget-total">
                  {formatWanYuan(totals.budgetFen)}
                </td>
                <td className="num">{totals.indicators.toLocaleString('en-US')}</td>
                <td colSpan={4} />
              </tr>
            }
          />
          <Pager list={list} label="项目分页" />
        </>
      )}
    </>
  );
}

function NoProjects({ year }: { year: number | null }) {
  return (
    <div className="empty-state">
      <p>{year ? '本年度暂无您可查看的项目。' : '尚未导入任何年度的绩效目标表。'}</p>
      <p className="muted">项目由系统管理员或财政局导入绩效目标表后出现；如有疑问请联系部门负责人。</p>
    </div>
  );
}
