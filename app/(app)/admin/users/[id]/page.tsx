import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EditUserForm } from '@/components/admin/edit-user-form';
import { UserAccessPanel } from '@/components/admin/user-access-panel';
import { AuditTable } from '@/components/audit-table';
import { PageHead } from '@/components/page-pieces';
import { getDb } from '@/db';
import { listEntityAudit } from '@/db/queries/audit';
import { findDepartmentById, listActiveDepartments } from '@/db/queries/departments';
import { openProjectsOwnedBy } from '@/db/queries/projects';
import { findUserById } from '@/db/queries/users';
import { activeLabel } from '@/lib/admin/audit';
import { requireUser } from '@/lib/auth/session';
import { ROLE_LABELS } from '@/lib/roles';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '编辑用户' };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireUser(['admin']);
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const db = getDb();
  const user = await findUserById(db, { id });
  if (!user) notFound();

  const departments = await listActiveDepartments(db);
  // A user may sit in a department that was deactivated since; it stays selectable for them.
  const current = user.departmentId === null ? undefined : await findDepartmentById(db, { id: user.departmentId });
  if (current && !current.active) departments.push({ id: current.id, name: `${current.name}（已停用）` });
  const owned = await openProjectsOwnedBy(db, { userId: user.id });
  const audit = await listEntityAudit(db, { entityType: 'user', entityId: user.id });
  const isSelf = user.id === admin.id;

  return (
    <>
      <PageHead
        title={`${user.displayName}（${user.username}）`}
        note={
          <>
            {ROLE_LABELS[user.role]} · {activeLabel(user.active)}
            {user.mustChangePassword && ' · 下次登录须修改密码'}
            {owned.length > 0 && ` · 负责 ${owned.length} 个未定稿的项目`}
          </>
        }
        breadcrumb={
          <>
            <Link href="/admin/users">用户管理</Link> / {user.username}
          </>
        }
      >
        {owned.length > 0 && (
          <Link href="/admin/users/assign" className="button">
            改派项目负责人
          </Link>
        )}
      </PageHead>
      <EditUserForm
        key={user.id}
        isSelf={isSelf}
        departments={departments}
        initial={{
          userId: user.id,
          version: user.version,
          displayName: user.displayName,
          role: user.role,
          departmentId: user.departmentId === null ? '' : String(user.departmentId),
        }}
      />
      <UserAccessPanel userId={user.id} displayName={user.displayName} active={user.active} isSelf={isSelf} />
      <AuditTable testId="entity-audit-table" entries={audit} />
    </>
  );
}
