import Link from 'next/link';
import { CreateUserForm } from '@/components/admin/create-user-form';
import { PageHead } from '@/components/page-pieces';
import { getDb } from '@/db';
import { listActiveDepartments } from '@/db/queries/departments';
import { requireUser } from '@/lib/auth/session';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '新建用户' };

export default async function NewUserPage() {
  await requireUser(['admin']);
  const departments = await listActiveDepartments(getDb());
  return (
    <>
      <PageHead
        title="新建用户"
        note="项目负责人和部门负责人须选择所属部门；财政局和系统管理员不属于部门。"
        breadcrumb={
          <>
            <Link href="/admin/users">用户管理</Link> / 新建用户
          </>
        }
      />
      {departments.length === 0 && (
        <p className="notice">
          还没有启用的部门。请先在 <Link href="/admin/departments">部门管理</Link>{' '}
          中新建部门，再添加项目负责人和部门负责人。
        </p>
      )}
      <CreateUserForm departments={departments} />
    </>
  );
}
