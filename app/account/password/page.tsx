import { redirect } from 'next/navigation';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { SignOutButton } from '@/components/sign-out-button';
import { requireUser } from '@/lib/auth/session';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '修改初始密码' };

/**
 * The forced change after an account is created or its password reset. It lives outside the (app)
 * group because that layout sends every such user here.
 */
export default async function ForcedPasswordPage() {
  const user = await requireUser(undefined, { allowPasswordChange: true });
  if (!user.mustChangePassword) redirect('/account');

  return (
    <main className="centered-page login-page">
      <div className="card narrow">
        <h1 className="brand-title">修改初始密码</h1>
        <p>{user.displayName}，您的密码是系统管理员设置的临时密码。请先设置您自己的新密码，然后才能继续使用系统。</p>
        <ChangePasswordForm username={user.username} currentLabel="临时密码（当前密码）" afterChange="/projects" />
        <p className="muted">
          不是您本人？ <SignOutButton />
        </p>
      </div>
    </main>
  );
}
