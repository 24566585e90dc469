import { ChangePasswordForm } from '@/components/account/change-password-form';
import { SignInTable } from '@/components/account/sign-in-table';
import { SignOutEverywhere } from '@/components/account/sign-out-everywhere';
import { PageHead } from '@/components/page-pieces';
import { getDb } from '@/db';
import { findDepartmentById } from '@/db/queries/departments';
import { signInHistory } from '@/lib/account/sign-ins';
import { requireUser } from '@/lib/auth/session';
import { ROLE_LABELS } from '@/lib/roles';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '我的账号' };

export default async function AccountPage() {
  const user = await requireUser();
  const db = getDb();
  const department = user.departmentId === null ? null : await findDepartmentById(db, { id: user.departmentId });
  const signIns = await signInHistory(db, { userId: user.id });

  return (
    <>
      <PageHead title="我的账号" />
      <section className="card">
        <dl className="funds" data-testid="account-facts">
          <div>
            <dt>姓名</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div>
            <dt>用户名</dt>
            <dd>{user.username}</dd>
          </div>
          <div>
            <dt>角色</dt>
            <dd>{ROLE_LABELS[user.role]}</dd>
          </div>
          <div>
            <dt>部门</dt>
            <dd>{department?.name ?? '—'}</dd>
          </div>
        </dl>
      </section>
      <section className="card narrow">
        <h2>修改密码</h2>
        <ChangePasswordForm username={user.username} />
      </section>
      <section className="card narrow">
        <h2>退出所有设备</h2>
        <p className="muted">结束本账号在所有电脑和手机上的登录（包括本机），之后需重新登录。</p>
        <SignOutEverywhere />
      </section>
      <section className="card">
        <h2>最近登录记录</h2>
        <p className="muted">最近 10 次登录尝试。如发现不是您本人的登录，请立即修改密码并告知系统管理员。</p>
        <SignInTable rows={signIns} />
      </section>
    </>
  );
}
