import Link from 'next/link';
import { AdminTabs } from '@/components/admin/admin-tabs';
import { getDb } from '@/db';
import { listUsersForAdmin } from '@/db/queries/users';
import { requireUser } from '@/lib/auth/session';
import { ROLE_LABELS } from '@/lib/roles';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '用户管理' };

export default async function UsersPage() {
  await requireUser(['admin']);
  const rows = await listUsersForAdmin(getDb());

  return (
    <>
      <div className="page-head">
        <div>
          <h1>用户管理</h1>
          <p className="muted">
            共 {rows.length} 个账号，其中 {rows.filter((r) => r.active).length} 个启用。账号只能停用，不会删除。
          </p>
        </div>
        <Link href="/admin/users/new" className="button primary">
          新建用户
        </Link>
      </div>
      <AdminTabs current="/admin/users" />
      <table className="data-table" data-testid="user-table">
        <thead>
          <tr>
            <th>用户名</th>
            <th>姓名</th>
            <th>角色</th>
            <th>部门</th>
            <th>状态</th>
            <th>必须改密</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id} data-testid="user-row" className={u.active ? undefined : 'muted'}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td>{u.departmentName ?? <span className="muted">—</span>}</td>
              <td>
                <span className="status">{u.active ? '启用' : '停用'}</span>
              </td>
              <td>{u.mustChangePassword ? '是' : '否'}</td>
              <td>
                <Link href={`/admin/users/${u.id}`} aria-label={`编辑 ${u.username}`}>
                  编辑
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
