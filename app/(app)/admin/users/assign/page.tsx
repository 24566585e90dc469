import { AdminTabs } from '@/components/admin/admin-tabs';
import { AssignOwnerRow, type OwnerOption } from '@/components/admin/assign-owner-row';
import { FilterBar, Pager } from '@/components/list-controls';
import { DataTable, PageHead, YearSwitch, type Column } from '@/components/page-pieces';
import { StatusTag } from '@/components/status-tag';
import type { EvaluationListRow } from '@/db/queries/evaluation-list';
import { listActiveOwners } from '@/db/queries/users';
import { evaluationFilters, evaluationListPage } from '@/lib/lists/evaluation-lists';
import { yearPageContext } from '@/lib/years/page-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目负责人' };

export default async function AssignOwnersPage({ searchParams }: PageProps<'/admin/users/assign'>) {
  const { user: admin, db, years, params, year } = await yearPageContext(searchParams, ['admin']);
  const head = (
    <>
      <PageHead
        title={year ? `${year} 年度项目负责人` : '项目负责人'}
        note="每个项目可交给所在部门的一名启用中的项目负责人；每次更换都记入修改记录。已定稿的项目不再更换。"
      >
        <YearSwitch years={years} current={year} href={(y) => `/admin/users/assign?year=${y}`} />
      </PageHead>
      <AdminTabs current="/admin/users/assign" />
    </>
  );
  if (year === null)
    return (
      <>
        {head}
        <div className="empty-state">
          <p>尚未导入任何年度的绩效目标表。</p>
        </div>
      </>
    );

  const { page, list, query } = await evaluationListPage(db, {
    scope: { user: admin, year },
    params,
    path: '/admin/users/assign',
  });
  const filters = await evaluationFilters(db, { year, severalDepartments: true, flags: false });
  // Only the owners of the departments on this page: a page has at most 100 rows, whatever the year.
  const owners = await listActiveOwners(db, { departmentIds: [...new Set(page.items.map((r) => r.departmentId))] });
  const optionsOf = (departmentId: number): OwnerOption[] =>
    owners
      .filter((o) => o.departmentId === departmentId)
      .map((o) => ({ id: o.id, label: `${o.displayName}（${o.username}）` }));
  const offset = (page.page - 1) * page.pageSize;
  const columns: Array<Column<EvaluationListRow>> = [
    { header: '序号', className: 'num', cell: (_, i) => offset + i + 1, sort: 'position' },
    { header: '部门', cell: (row) => row.department, sort: 'department' },
    { header: '项目名称', cell: (row) => row.project, sort: 'project' },
    { header: '状态', cell: (row) => <StatusTag status={row.status} />, sort: 'status' },
    {
      header: '当前负责人',
      sort: 'owner',
      cell: (row) => (
        <span data-testid="current-owner">
          {row.owner ?? <span className="muted">未指定</span>}
          {row.owner && row.ownerActive === false && <span className="muted">（已停用）</span>}
        </span>
      ),
    },
    {
      header: '改派给',
      cell: (row) => (
        <AssignOwnerRow
          projectId={row.projectId}
          version={row.projectVersion}
          projectName={row.project}
          ownerId={row.ownerId}
          options={optionsOf(row.departmentId)}
          locked={row.status === 'finalized' ? '已定稿，不可更换' : null}
        />
      ),
    },
  ];
  const filtered = query.q !== '' || Object.values(query.filters).some(Boolean);

  return (
    <>
      {head}
      {(page.total > 0 || filtered) && (
        <FilterBar list={list} filters={filters} searchPlaceholder="项目、部门或负责人名称" />
      )}
      {page.total === 0 ? (
        <div className="empty-state">
          <p>{filtered ? '没有符合筛选条件的项目。' : '本年度还没有项目。'}</p>
        </div>
      ) : (
        <>
          <DataTable columns={columns} rows={page.items} testId="assign-table" list={list} />
          <Pager list={list} label="项目分页" />
        </>
      )}
    </>
  );
}
