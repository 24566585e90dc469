import Link from 'next/link';
import { DeadlineBadge } from '@/components/deadline-badge';
import { DataTable, PageHead, type Column } from '@/components/page-pieces';
import { ListStatus } from '@/components/status-tag';
import { BatchSelection, SelectBox } from '@/components/workbench/batch-selection';
import { ProgressTable } from '@/components/workbench/progress-table';
import { getDb } from '@/db';
import { listEvaluationsForUser } from '@/db/queries/evaluations';
import { lastReturns } from '@/db/queries/workflow';
import { listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime, formatScore } from '@/lib/format';
import { formatWanYuan } from '@/lib/money';
import { deadlineState } from '@/lib/workflow/deadline';
import { progressBy } from '@/lib/workflow/progress';
import { evaluationHref, orderQueue, parseQueueFilter, QUEUE_TITLES, queueQuery } from '@/lib/workflow/queues';
import { batchActionsFor, nextStepFor, pastOwner, queueStatuses } from '@/lib/workflow/state-machine';
import { pickYear } from '@/lib/years/pick-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '待办' };

type TaskRow = Awaited<ReturnType<typeof listEvaluationsForUser>>[number];

export default async function TasksPage({ searchParams }: PageProps<'/tasks'>) {
  const user = await requireUser();
  const db = getDb();
  const query = new URLSearchParams(
    Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
  );
  const years = await listYears(db);
  const year = pickYear(years, query.get('year'));
  const deadline = years.find((y) => y.year === year)?.deadline ?? null;
  const filter = { ...parseQueueFilter(query), ...(year ? { year: String(year) } : {}) };
  const statuses = queueStatuses(user.role);
  const all = year === null || statuses.length === 0 ? [] : await listEvaluationsForUser(db, { user, year, statuses });
  const rows = orderQueue(all, user.role, filter);
  const returns = await lastReturns(db, {
    evaluationIds: rows.filter((r) => r.status === 'returned').map((r) => r.id),
  });
  const departments = [...new Map(all.map((r) => [r.departmentId, r.department])).entries()];
  const now = new Date();
  const batch = batchActionsFor(user.role);
  // Progress of the whole year in the caller's scope: by department for finance, by owner for a head.
  const progress =
    year === null || (user.role !== 'finance' && user.role !== 'dept_head')
      ? null
      : progressBy(
          await listEvaluationsForUser(db, { user, year }),
          (r) => (user.role === 'finance' ? r.department : (r.owner ?? '未指定')),
          deadlineState(deadline, now)?.overdue ?? false,
        );
  const columns: Array<Column<TaskRow>> = [
    { header: '选择', cell: (r) => <SelectBox id={r.id} name={r.project} />, shown: batch.length > 0 },
    { header: '项目名称', cell: (r) => r.project },
    { header: '部门', cell: (r) => r.department, shown: user.role === 'finance' },
    { header: '项目负责人', cell: (r) => r.owner ?? '未指定' },
    { header: '预算（万元）', className: 'num', cell: (r) => formatWanYuan(r.budgetTotalFen) },
    { header: '状态', cell: (r) => <ListStatus status={r.status} returned={returns.get(r.id)} /> },
    { header: '自评得分', className: 'num', cell: (r) => formatScore(r.selfScore) },
    { header: '提交时间', cell: (r) => formatDateTime(r.submittedAt) },
    {
      header: '截止',
      cell: (r) => (pastOwner(r.status) ? '' : <DeadlineBadge deadline={deadline} now={now} />),
      shown: Boolean(deadline) && statuses.some((s) => !pastOwner(s)),
    },
    {
      header: '操作',
      cell: (r) => (
        <Link className="button" href={evaluationHref(r.id, filter)}>
          {nextStepFor(user.role, r.status)}
        </Link>
      ),
    },
  ];

  const list =
    rows.length === 0 ? (
      <div className="empty-state">
        <p>{statuses.length === 0 ? '系统管理员没有审核待办。' : '当前没有需要您处理的自评。'}</p>
        <p>
          <Link href={`/projects${year ? `?year=${year}` : ''}`}>查看全部项目</Link>
        </p>
      </div>
    ) : (
      <DataTable columns={columns} rows={rows} testId="task-table" />
    );

  return (
    <>
      <PageHead
        title={QUEUE_TITLES[user.role]}
        note={
          <>
            {year ? `${year} 年度` : ''}，共 {rows.length} 项
            {deadline && (
              <>
                {' '}
                · <DeadlineBadge deadline={deadline} now={now} withDate />
              </>
            )}
          </>
        }
      />
      {user.role === 'finance' && departments.length > 1 && (
        <form className="card filter-bar no-print" method="get" aria-label="筛选">
          {year && <input type="hidden" name="year" value={year} />}
          <label className="field">
            <span>部门</span>
            <select name="department" defaultValue={filter.department ?? ''}>
              <option value="">全部部门</option>
              {departments.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button primary">
            筛选
          </button>
          <Link href={`/tasks?${queueQuery({ year: filter.year })}`}>清除筛选</Link>
        </form>
      )}
      {progress && progress.length > 0 && (
        <ProgressTable title="填报进度" rows={progress} groupHeader={user.role === 'finance' ? '部门' : '项目负责人'} />
      )}
      {batch.length > 0 ? (
        <BatchSelection items={rows.map((r) => ({ id: r.id, version: r.version, name: r.project }))} actions={batch}>
          {list}
        </BatchSelection>
      ) : (
        list
      )}
    </>
  );
}
