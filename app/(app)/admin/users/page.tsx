import Link from 'next/link';
import { AdminTabs } from '@/components/admin/admin-tabs';
import { DataTable, PageHead, type Column } from '@/components/page-pieces';
import { getDb } from '@/db';
import { listUsersForAdmin } from '@/db/queries/users';
import { activeLabel } from '@/lib/admin/audit';
import { requireUser } from '@/lib/auth/session';
import { ROLE_LABELS } from '@/lib/roles';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '用户管理' };

type UserRow = Awaited<ReturnType<typeof listUsersForAdmin>>[number];

const COLUMNS: Array<Column<UserRow>> = [
  { header: '用户名', cell: (u) => u.username },
  { header: '姓名', cell: (u) => u.displayName },
  { header: '角色', cell: (u) => ROLE_LABELS[u.role] },
  { header: '部门', cell: (u) => u.departmentName ?? <span className="muted">—</span> },
  { header: '状态', cell: (u) => <span className="status">{activeLabel(u.active)}</span> },
  { header: '必须改密', cell: (u) => (u.mustChangePassword ? '是' : '否') },
  {
    header: '操作',
    cell: (u) => (
      <Link href={`/admin/users/${u.id}`} aria-label={`编辑 ${u.username}`}>
        编辑
      </Link>
    ),
  },
];

export default async function UsersPage() {
  await requireUser(['admin']);
  const rows = await listUsersForAdmin(getDb());
  const active = rows.filter((r) => r.active).length;
  return (
    <>
      <PageHead title="用户管理" note={`共 ${rows.length} 个账号，其中 ${active} 个启用。账号只能停用，不会删除。`}>
        <Link href="/admin/users/new" className="button primary">
          新建用户
        </Link>
      </PageHead>
      <AdminTabs current="/admin/users" />
      <DataTable
        columns={COLUMNS}
        rows={rows}
        testId="user-table"
        rowClassName={(u) => (u.active ? undefined : 'muted')}
      />
    </>
  );
}
