import Link from 'next/link';
import { FilterBar, Pager } from '@/components/list-controls';
import { DataTable, PageHead, type Column } from '@/components/page-pieces';
import { StatusTag } from '@/components/status-tag';
import { getDb } from '@/db';
import type { EvaluationListRow } from '@/db/queries/evaluation-list';
import { listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime, formatScore } from '@/lib/format';
import { evaluationFilters, evaluationListPage } from '@/lib/lists/evaluation-lists';
import { paramOf } from '@/lib/lists/list-params';
import { formatWanYuan } from '@/lib/money';
import { QUEUE_TITLES } from '@/lib/workflow/queues';
import { nextStepFor, queueStatuses } from '@/lib/workflow/state-machine';
import { pickYear } from '@/lib/years/pick-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '待办' };

export default async function TasksPage({ searchParams }: PageProps<'/tasks'>) {
  const user = await requireUser();
  const db = getDb();
  const years = await listYears(db);
  const params = await searchParams;
  const year = pickYear(years, paramOf(params, 'year'));
  const statuses = queueStatuses(user.role);
  const projectsLink = (
    <p>
      <Link href={`/projects${year ? `?year=${year}` : ''}`}>查看全部项目</Link>
    </p>
  );
  if (year === null || statuses.length === 0)
    return (
      <>
        <PageHead title={QUEUE_TITLES[user.role]} note={`${year ? `${year} 年度` : ''}，共 0 项`} />
        <div className="empty-state">
          <p>{statuses.length === 0 ? '系统管理员没有审核待办。' : '当前没有需要您处理的自评。'}</p>
          {projectsLink}
        </div>
      </>
    );

  const everyDepartment = user.role === 'finance';
  const { page, list, query } = await evaluationListPage(db, {
    scope: { user, year, statuses },
    params,
    path: '/tasks',
  });
  const filters = await evaluationFilters(db, { year, severalDepartments: everyDepartment, statuses, flags: false });
  const columns: Array<Column<EvaluationListRow>> = [
    { header: '项目名称', cell: (r) => r.project, sort: 'project' },
    { header: '部门', cell: (r) => r.department, shown: everyDepartment, sort: 'department' },
    { header: '项目负责人', cell: (r) => r.owner ?? '未指定', sort: 'owner' },
    { header: '预算（万元）', className: 'num', cell: (r) => formatWanYuan(r.budgetTotalFen), sort: 'budget' },
    { header: '状态', cell: (r) => <StatusTag status={r.status} />, sort: 'status' },
    { header: '自评得分', className: 'num', cell: (r) => formatScore(r.selfScore), sort: 'selfScore' },
    { header: '提交时间', cell: (r) => formatDateTime(r.submittedAt), sort: 'submittedAt' },
    {
      header: '操作',
      cell: (r) => (
        <Link className="button" href={`/evaluations/${r.id}`}>
          {nextStepFor(user.role, r.status)}
        </Link>
      ),
    },
  ];
  const filtered = query.q !== '' || Object.values(query.filters).some(Boolean);

  return (
    <>
      <PageHead
        title={QUEUE_TITLES[user.role]}
        note={`${year} 年度，${filtered ? '筛选后' : ''}共 ${page.total.toLocaleString('en-US')} 项`}
      />
      {(page.total > 0 || filtered) && (
        <FilterBar list={list} filters={filters} searchPlaceholder="项目、部门或负责人名称" />
      )}
      {page.total === 0 ? (
        <div className="empty-state">
          <p>{filtered ? '没有符合筛选条件的待办。' : '当前没有需要您处理的自评。'}</p>
          {projectsLink}
        </div>
      ) : (
        <>
          <DataTable columns={columns} rows={page.items} testId="task-table" list={list} />
          <Pager list={list} label="待办分页" />
        </>
      )}
    </>
  );
}
