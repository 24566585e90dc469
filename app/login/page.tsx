import { redirect } from 'next/navigation';
import { safeReturnPath } from '@/lib/auth/safe-redirect';
import { getCurrentUser } from '@/lib/auth/session';
import { LoginForm } from './login-form';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '登录' };

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const { callbackUrl } = await searchParams;
  // Without a page to return to, `/` lands each role where its work is.
  const target = safeReturnPath(callbackUrl, '/');
  if (await getCurrentUser()) redirect(target);
  return (
    <main className="centered-page login-page">
      <div className="card narrow">
        <h1 className="brand-title">绩效自评</h1>
        <p className="muted">项目支出绩效自评系统</p>
        <LoginForm callbackUrl={target} />
      </div>
    </main>
  );
}
