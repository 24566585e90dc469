import Link from 'next/link';
import { DeadlineBadge } from '@/components/deadline-badge';
import { FilterBar, Pager } from '@/components/list-controls';
import { DataTable, PageHead, type Column } from '@/components/page-pieces';
import { ListStatus } from '@/components/status-tag';
import { BatchSelection, SelectBox } from '@/components/workbench/batch-selection';
import { ProgressTable } from '@/components/workbench/progress-table';
import type { EvaluationListRow } from '@/db/queries/evaluation-list';
import { returnNotesOf } from '@/db/queries/workflow';
import { formatDateTime, formatScore } from '@/lib/format';
import {
  BATCH_ALL_LIMIT,
  evaluationFilters,
  evaluationListPage,
  queueKeys,
  yearProgressCounts,
} from '@/lib/lists/evaluation-lists';
import { formatWanYuan } from '@/lib/money';
import { deadlineState } from '@/lib/workflow/deadline';
import { PROGRESS_GROUP_LABELS, progressGrouping, progressOfCounts, progressSwitch } from '@/lib/workflow/progress';
import { evaluationHref, QUEUE_TITLES, queueQueryOf } from '@/lib/workflow/queues';
import { batchActionsFor, nextStepFor, pastOwner, queueStatuses } from '@/lib/workflow/state-machine';
import { yearPageContext } from '@/lib/years/page-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '待办' };

export default async function TasksPage({ searchParams }: PageProps<'/tasks'>) {
  const { user, db, years, params, year } = await yearPageContext(searchParams);
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
  const deadline = years.find((y) => y.year === year)?.deadline ?? null;
  const now = new Date();
  const scope = { user, year, statuses };
  const { page, list, query } = await evaluationListPage(db, { scope, params, path: '/tasks', queueFirst: true });
  const queue = queueQueryOf(params);
  const returns = await returnNotesOf(db, { rows: page.items });
  const batch = batchActionsFor(user.role);
  const matching =
    batch.length > 0 && page.total <= BATCH_ALL_LIMIT
      ? await queueKeys(db, { scope, params, deadline, limit: BATCH_ALL_LIMIT })
      : null;
  // Progress of the whole year in the caller's scope: by owner for a head; finance by department or by owner.
  const progressGroup = progressGrouping(user.role, params);
  const progress = progressGroup
    ? progressOfCounts(await yearProgressCounts(db, { scope: { user, year }, by: progressGroup }), {
        by: progressGroup,
        severalDepartments: everyDepartment,
        overdue: deadlineState(deadline, now)?.overdue ?? false,
      })
    : null;
  const filters = await evaluationFilters(db, { year, severalDepartments: everyDepartment, statuses, flags: false });
  const columns: Array<Column<EvaluationListRow>> = [
    { header: '选择', cell: (r) => <SelectBox id={r.id} name={r.project} />, shown: batch.length > 0 },
    { header: '项目名称', cell: (r) => r.project, sort: 'project' },
    { header: '部门', cell: (r) => r.department, shown: everyDepartment, sort: 'department' },
    { header: '项目负责人', cell: (r) => r.owner ?? '未指定', sort: 'owner' },
    { header: '预算（万元）', className: 'num', cell: (r) => formatWanYuan(r.budgetTotalFen), sort: 'budget' },
    { header: '状态', cell: (r) => <ListStatus status={r.status} returned={returns.get(r.id)} />, sort: 'status' },
    { header: '自评得分', className: 'num', cell: (r) => formatScore(r.selfScore), sort: 'selfScore' },
    { header: '提交时间', cell: (r) => formatDateTime(r.submittedAt), sort: 'submittedAt' },
    {
      header: '截止',
      cell: (r) => (pastOwner(r.status) ? '' : <DeadlineBadge deadline={deadline} now={now} />),
      shown: Boolean(deadline) && statuses.some((s) => !pastOwner(s)),
    },
    {
      header: '操作',
      cell: (r) => (
        <Link className="button" href={evaluationHref(r.id, queue)}>
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
        note={
          <>
            {year} 年度，{filtered ? '筛选后' : ''}共 {page.total.toLocaleString('en-US')} 项
            {deadline && (
              <>
                {' '}
                · <DeadlineBadge deadline={deadline} now={now} withDate />
              </>
            )}
          </>
        }
      />
      {progress && progress.length > 0 && (
        <ProgressTable
          title="填报进度"
          rows={progress}
          groupHeader={PROGRESS_GROUP_LABELS[progressGroup!]}
          groupings={progressSwitch(user.role, '/tasks', params)}
          moreHref={progressGroup === 'department' ? `/overview?year=${year}` : undefined}
        />
      )}
      {(page.total > 0 || filtered) && (
        <FilterBar list={list} filters={filters} searchPlaceholder="项目、部门或负责人名称" />
      )}
      {/* The batch bar stays mounted when its decisions empty the list, so their outcome stays readable. */}
      <BatchSelection
        items={page.items.map((r) => ({ id: r.id, version: r.version, name: r.project }))}
        matching={{ total: page.total, items: matching, limit: BATCH_ALL_LIMIT }}
        actions={batch}
      >
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
      </BatchSelection>
    </>
  );
}
