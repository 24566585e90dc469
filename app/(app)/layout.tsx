import Link from 'next/link';
import { HeaderMenu } from '@/components/header-menu';
import { NotificationBell } from '@/components/notifications/bell';
import { SignOutButton } from '@/components/sign-out-button';
import { getDb } from '@/db';
import { countUnread } from '@/db/queries/notifications';
import { requireUser } from '@/lib/auth/session';
import { bareName, ROLE_LABELS } from '@/lib/roles';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const unread = await countUnread(getDb(), { userId: user.id });
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main-content">
        跳到主要内容
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          绩效自评
        </Link>
        <HeaderMenu>
          <nav aria-label="主导航" className="main-nav">
            <Link href="/projects">项目</Link>
            {user.role !== 'admin' && <Link href="/tasks">待办</Link>}
            {user.role !== 'owner' && <Link href="/overview">总览</Link>}
            <Link href="/rules">评分规则</Link>
            {(user.role === 'admin' || user.role === 'finance') && <Link href="/admin">管理</Link>}
          </nav>
          <div className="user-box">
            <NotificationBell unread={unread} />
            <Link href="/account" title="我的账号">
              {bareName(user.displayName, user.role)}
              {bareName(user.displayName, user.role) !== ROLE_LABELS[user.role] && (
                <span className="role-tag">{ROLE_LABELS[user.role]}</span>
              )}
            </Link>
            <SignOutButton />
          </div>
        </HeaderMenu>
      </header>
      <main className="app-main" id="main-content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
