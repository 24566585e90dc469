import Link from 'next/link';
import { DataTable, PageHead, type Column } from '@/components/page-pieces';
import { StatusTag } from '@/components/status-tag';
import { getDb } from '@/db';
import { listEvaluationsForUser } from '@/db/queries/evaluations';
import { listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime, formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import { QUEUE_TITLES } from '@/lib/workflow/queues';
import { nextStepFor, queueStatuses } from '@/lib/workflow/state-machine';
import { pickYear } from '@/lib/years/pick-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '待办' };

type TaskRow = Awaited<ReturnType<typeof listEvaluationsForUser>>[number];

export default async function TasksPage({ searchParams }: PageProps<'/tasks'>) {
  const user = await requireUser();
  const db = getDb();
  const year = pickYear(await listYears(db), (await searchParams).year);
  const statuses = queueStatuses(user.role);
  const rows = year === null || statuses.length === 0 ? [] : await listEvaluationsForUser(db, { user, year, statuses });
  const columns: Array<Column<TaskRow>> = [
    { header: '项目名称', cell: (r) => r.project },
    { header: '部门', cell: (r) => r.department, shown: user.role === 'finance' },
    { header: '项目负责人', cell: (r) => r.owner ?? '未指定' },
    { header: '预算（万元）', className: 'num', cell: (r) => formatWanYuan(r.budgetTotalFen) },
    { header: '状态', cell: (r) => <StatusTag status={r.status} /> },
    { header: '自评得分', className: 'num', cell: (r) => formatScore(r.selfScore) },
    { header: '提交时间', cell: (r) => formatDateTime(r.submittedAt) },
    {
      header: '操作',
      cell: (r) => (
        <Link className="button" href={`/evaluations/${r.id}`}>
          {nextStepFor(user.role, r.status)}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHead title={QUEUE_TITLES[user.role]} note={`${year ? `${year} 年度` : ''}，共 ${rows.length} 项`} />
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>{statuses.length === 0 ? '系统管理员没有审核待办。' : '当前没有需要您处理的自评。'}</p>
          <p>
            <Link href={`/projects${year ? `?year=${year}` : ''}`}>查看全部项目</Link>
          </p>
        </div>
      ) : (
        <DataTable columns={columns} rows={rows} testId="task-table" />
      )}
    </>
  );
}
