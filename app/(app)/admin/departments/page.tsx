import { AdminTabs } from '@/components/admin/admin-tabs';
import { CreateDepartmentForm, DepartmentRowActions } from '@/components/admin/department-forms';
import { getDb } from '@/db';
import { listDepartmentsWithCounts } from '@/db/queries/departments';
import { requireUser } from '@/lib/auth/session';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '部门管理' };

export default async function DepartmentsPage() {
  await requireUser(['admin']);
  const rows = await listDepartmentsWithCounts(getDb());

  return (
    <>
      <div className="page-head">
        <div>
          <h1>部门管理</h1>
          <p className="muted">部门名称不能重复；仍有启用用户的部门不能停用。</p>
        </div>
      </div>
      <AdminTabs current="/admin/departments" />
      <CreateDepartmentForm />
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>还没有部门。</p>
        </div>
      ) : (
        <table className="data-table" data-testid="department-table">
          <thead>
            <tr>
              <th>部门名称</th>
              <th>状态</th>
              <th className="num">用户（启用/全部）</th>
              <th className="num">项目数</th>
              <th>改名 / 停用</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id} data-testid="department-row">
                <td className="nowrap">{d.name}</td>
                <td className="nowrap">
                  <span className="status">{d.active ? '启用' : '停用'}</span>
                </td>
                <td className="num">
                  {d.activeUserCount}/{d.userCount}
                </td>
                <td className="num">{d.projectCount}</td>
                <td>
                  <DepartmentRowActions key={d.id} departmentId={d.id} name={d.name} active={d.active} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
