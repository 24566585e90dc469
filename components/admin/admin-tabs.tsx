import Link from 'next/link';

const TABS = [
  { href: '/admin/users', label: '用户' },
  { href: '/admin/departments', label: '部门' },
  { href: '/admin/users/assign', label: '项目负责人' },
] as const;

type AdminTab = (typeof TABS)[number]['href'];

/** Moves between the admin's people pages. */
export function AdminTabs({ current }: { current: AdminTab }) {
  return (
    <nav className="link-tabs" aria-label="用户与部门管理">
      {TABS.map((tab) => (
        <Link key={tab.href} href={tab.href} aria-current={tab.href === current ? 'page' : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
