import Link from 'next/link';
import { AdminTabs } from '@/components/admin/admin-tabs';
import { FilterBar, Pager } from '@/components/list-controls';
import { DataTable, PageHead, type Column } from '@/components/page-pieces';
import { getDb } from '@/db';
import { listActiveDepartments } from '@/db/queries/departments';
import { countUsers, listUserPage, USER_LIST_SPEC } from '@/db/queries/users';
import { ROLES } from '@/db/schema';
import { activeLabel } from '@/lib/admin/audit';
import { requireUser } from '@/lib/auth/session';
import { readListQuery } from '@/lib/lists/list-params';
import { listView } from '@/lib/lists/list-view';
import { ROLE_LABELS } from '@/lib/roles';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '用户管理' };

type UserRow = Awaited<ReturnType<typeof listUserPage>>['items'][number];

const COLUMNS: Array<Column<UserRow>> = [
  { header: '用户名', cell: (u) => u.username, sort: 'username' },
  { header: '姓名', cell: (u) => u.displayName, sort: 'displayName' },
  { header: '角色', cell: (u) => ROLE_LABELS[u.role], sort: 'role' },
  { header: '部门', cell: (u) => u.departmentName ?? <span className="muted">—</span>, sort: 'department' },
  { header: '状态', cell: (u) => <span className="status">{activeLabel(u.active)}</span>, sort: 'active' },
  { header: '必须改密', cell: (u) => (u.mustChangePassword ? '是' : '否') },
  {
    header: '操作',
    cell: (u) => (
      <Link href={`/admin/users/${u.id}`} aria-label={`编辑 ${u.username}`}>
        编辑
      </Link>
    ),
  },
];

export default async function UsersPage({ searchParams }: PageProps<'/admin/users'>) {
  await requireUser(['admin']);
  const db = getDb();
  const params = await searchParams;
  const { query } = readListQuery(USER_LIST_SPEC, params);
  const [page, counts, departments] = await Promise.all([
    listUserPage(db, { query }),
    countUsers(db),
    listActiveDepartments(db),
  ]);
  const list = listView({ path: '/admin/users', params, spec: USER_LIST_SPEC, query, total: page.total });
  const filters = [
    { name: 'role', label: '角色', all: '全部角色', options: ROLES.map((r): [string, string] => [r, ROLE_LABELS[r]]) },
    {
      name: 'department',
      label: '部门',
      all: '全部部门',
      options: departments.map((d): [string, string] => [String(d.id), d.name]),
    },
    {
      name: 'active',
      label: '状态',
      all: '全部',
      options: [
        ['active', activeLabel(true)],
        ['inactive', activeLabel(false)],
      ] as Array<[string, string]>,
    },
  ];
  return (
    <>
      <PageHead
        title="用户管理"
        note={`共 ${counts.all} 个账号，其中 ${counts.active} 个启用。账号只能停用，不会删除。`}
      >
        <Link href="/admin/users/new" className="button primary">
          新建用户
        </Link>
      </PageHead>
      <AdminTabs current="/admin/users" />
      <FilterBar list={list} filters={filters} searchPlaceholder="用户名、姓名或部门" />
      <DataTable
        columns={COLUMNS}
        rows={page.items}
        testId="user-table"
        rowClassName={(u) => (u.active ? undefined : 'muted')}
        list={list}
      />
      <Pager list={list} label="用户分页" unit="个账号" />
    </>
  );
}
