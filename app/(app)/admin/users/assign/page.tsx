import Link from 'next/link';
import { AdminTabs } from '@/components/admin/admin-tabs';
import { AssignOwnerRow, type OwnerOption } from '@/components/admin/assign-owner-row';
import { getDb } from '@/db';
import { listProjectsForAssignment } from '@/db/queries/projects';
import { listActiveOwners } from '@/db/queries/users';
import { listYears } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { STATUS_LABELS } from '@/lib/roles';
import { pickYear } from '@/lib/years/pick-year';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '项目负责人' };

export default async function AssignOwnersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser(['admin']);
  const db = getDb();
  const years = await listYears(db);
  const year = pickYear(years, (await searchParams).year);
  const rows = year === null ? [] : await listProjectsForAssignment(db, { year });
  const owners = await listActiveOwners(db);
  const optionsOf = (departmentId: number): OwnerOption[] =>
    owners
      .filter((o) => o.departmentId === departmentId)
      .map((o) => ({ id: o.id, label: `${o.displayName}（${o.username}）` }));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{year ? `${year} 年度项目负责人` : '项目负责人'}</h1>
          <p className="muted">
            每个项目可交给所在部门的一名启用中的项目负责人；每次更换都记入修改记录。已定稿的项目不再更换。
          </p>
        </div>
        {years.length > 1 && (
          <nav className="year-switch" aria-label="年度">
            {years.map((y) => (
              <Link
                key={y.year}
                href={`/admin/users/assign?year=${y.year}`}
                aria-current={y.year === year ? 'page' : undefined}
              >
                {y.year}
              </Link>
            ))}
          </nav>
        )}
      </div>
      <AdminTabs current="/admin/users/assign" />
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>{year ? '本年度还没有项目。' : '尚未导入任何年度的绩效目标表。'}</p>
        </div>
      ) : (
        <table className="data-table" data-testid="assign-table">
          <thead>
            <tr>
              <th className="num">序号</th>
              <th>部门</th>
              <th>项目名称</th>
              <th>状态</th>
              <th>当前负责人</th>
              <th>改派给</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.id} data-testid="assign-row">
                <td className="num">{i + 1}</td>
                <td>{row.departmentName}</td>
                <td>{row.name}</td>
                <td>
                  <span className={`status status-${row.status ?? 'none'}`}>
                    {row.status ? STATUS_LABELS[row.status] : '未开始'}
                  </span>
                </td>
                <td data-testid="current-owner">
                  {row.ownerName ?? <span className="muted">未指定</span>}
                  {row.ownerName && row.ownerActive === false && <span className="muted">（已停用）</span>}
                </td>
                <td>
                  <AssignOwnerRow
                    projectId={row.id}
                    projectName={row.name}
                    ownerId={row.ownerId}
                    options={optionsOf(row.departmentId)}
                    locked={row.status === 'finalized' ? '已定稿，不可更换' : null}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
