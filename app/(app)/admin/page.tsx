import Link from 'next/link';
import { PageHead } from '@/components/page-pieces';
import { requireUser } from '@/lib/auth/session';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '管理' };

const SECTIONS = [
  { href: '/admin/users', title: '用户', text: '创建、编辑、停用用户，重置密码', roles: ['admin'] },
  { href: '/admin/departments', title: '部门', text: '部门的新增、更名与停用', roles: ['admin'] },
  { href: '/admin/users/assign', title: '项目负责人', text: '为项目指定或更换项目负责人', roles: ['admin'] },
  {
    href: '/admin/targets',
    title: '导入绩效目标表',
    text: '粘贴文本或上传 .txt / .xlsx，预览后确认导入',
    roles: ['admin', 'finance'],
  },
  {
    href: '/admin/years',
    title: '年度与评分方案',
    text: '评分方案、开放/关闭、截止日期，结转下一年度',
    roles: ['admin', 'finance'],
  },
  {
    href: '/admin/treasury',
    title: '导入国库执行数',
    text: '上传国库支付系统的全年执行数（.csv / .xlsx），预览匹配后写入草稿',
    roles: ['finance'],
  },
  {
    href: '/admin/spot-checks',
    title: '抽查复核',
    text: '按数量或比例随机抽取已审核、已定稿的自评（可分层、按预算加权），导出抽查清单',
    roles: ['finance'],
  },
] as const;

export default async function AdminPage() {
  const user = await requireUser(['admin', 'finance']);
  return (
    <>
      <PageHead title="管理" />
      <div className="admin-cards">
        {SECTIONS.filter((s) => (s.roles as readonly string[]).includes(user.role)).map((s) => (
          <Link key={s.href} href={s.href} className="card admin-card">
            <h2>{s.title}</h2>
            <p className="muted">{s.text}</p>
          </Link>
        ))}
      </div>
    </>
  );
}
