import { AdminTabs } from '@/components/admin/admin-tabs';
import { CreateDepartmentForm, DepartmentRowActions } from '@/components/admin/department-forms';
import { DataTable, PageHead, type Column } from '@/components/page-pieces';
import { getDb } from '@/db';
import { listDepartmentsWithCounts } from '@/db/queries/departments';
import { activeLabel } from '@/lib/admin/audit';
import { requireUser } from '@/lib/auth/session';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '部门管理' };

type DepartmentRow = Awaited<ReturnType<typeof listDepartmentsWithCounts>>[number];

const COLUMNS: Array<Column<DepartmentRow>> = [
  { header: '部门名称', className: 'nowrap', cell: (d) => d.name },
  { header: '状态', className: 'nowrap', cell: (d) => <span className="status">{activeLabel(d.active)}</span> },
  { header: '用户（启用/全部）', className: 'num', cell: (d) => `${d.activeUserCount}/${d.userCount}` },
  { header: '项目数', className: 'num', cell: (d) => d.projectCount },
  {
    header: '改名 / 停用',
    cell: (d) => (
      <DepartmentRowActions key={d.id} departmentId={d.id} version={d.version} name={d.name} active={d.active} />
    ),
  },
];

export default async function DepartmentsPage() {
  await requireUser(['admin']);
  const rows = await listDepartmentsWithCounts(getDb());
  return (
    <>
      <PageHead title="部门管理" note="部门名称不能重复；仍有启用用户的部门不能停用。" />
      <AdminTabs current="/admin/departments" />
      <CreateDepartmentForm />
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>还没有部门。</p>
        </div>
      ) : (
        <DataTable columns={COLUMNS} rows={rows} testId="department-table" />
      )}
    </>
  );
}
