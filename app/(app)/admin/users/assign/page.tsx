import { AdminTabs } from '@/components/admin/admin-tabs';
import { AssignOwnerRow, type OwnerOption } from '@/components/admin/assign-owner-row';
import { DataTable, PageHead, YearSwitch, type Column } from '@/components/page-pieces';
import { StatusTag } from '@/components/status-tag';
import { getDb } from '@/db';
import { listProjectsForUser } from '@/db/queries/projects';
import { listActiveOwners } from '@/db/queries/users';
import { listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { pickYear } from '@/lib/years/pick-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目负责人' };

type ProjectRow = Awaited<ReturnType<typeof listProjectsForUser>>[number];

export default async function AssignOwnersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireUser(['admin']);
  const db = getDb();
  const years = await listYears(db);
  const year = pickYear(years, (await searchParams).year);
  const rows = year === null ? [] : await listProjectsForUser(db, { user: admin, year });
  const owners = await listActiveOwners(db);
  const optionsOf = (departmentId: number): OwnerOption[] =>
    owners
      .filter((o) => o.departmentId === departmentId)
      .map((o) => ({ id: o.id, label: `${o.displayName}（${o.username}）` }));
  const columns: Array<Column<ProjectRow>> = [
    { header: '序号', className: 'num', cell: (_, i) => i + 1 },
    { header: '部门', cell: (row) => row.departmentName },
    { header: '项目名称', cell: (row) => row.project.name },
    { header: '状态', cell: (row) => <StatusTag status={row.status} /> },
    {
      header: '当前负责人',
      cell: (row) => (
        <span data-testid="current-owner">
          {row.ownerName ?? <span className="muted">未指定</span>}
          {row.ownerName && row.ownerActive === false && <span className="muted">（已停用）</span>}
        </span>
      ),
    },
    {
      header: '改派给',
      cell: (row) => (
        <AssignOwnerRow
          projectId={row.project.id}
          version={row.project.version}
          projectName={row.project.name}
          ownerId={row.project.ownerId}
          options={optionsOf(row.project.departmentId)}
          locked={row.status === 'finalized' ? '已定稿，不可更换' : null}
        />
      ),
    },
  ];

  return (
    <>
      <PageHead
        title={year ? `${year} 年度项目负责人` : '项目负责人'}
        note="每个项目可交给所在部门的一名启用中的项目负责人；每次更换都记入修改记录。已定稿的项目不再更换。"
      >
        <YearSwitch years={years} current={year} href={(y) => `/admin/users/assign?year=${y}`} />
      </PageHead>
      <AdminTabs current="/admin/users/assign" />
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>{year ? '本年度还没有项目。' : '尚未导入任何年度的绩效目标表。'}</p>
        </div>
      ) : (
        <DataTable columns={columns} rows={rows} testId="assign-table" />
      )}
    </>
  );
}
