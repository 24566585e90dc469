import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DataTable, PageHead, type Column } from '@/components/page-pieces';
import { RolloverButton } from '@/components/years/rollover-button';
import { getDb } from '@/db';
import { existingYear } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { formatWanYuan } from '@/lib/money';
import { planRollover } from '@/lib/years/rollover';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '结转下一年度' };

const COLUMNS: Array<Column<Awaited<ReturnType<typeof planRollover>>['projects'][number]>> = [
  { header: '部门', cell: (p) => p.department },
  { header: '项目名称', cell: (p) => p.name },
  { header: '项目负责人', cell: (p) => p.owner ?? <span className="muted">待指定</span> },
  { header: '预算（万元）', className: 'num', cell: (p) => formatWanYuan(p.budgetTotalFen) },
  { header: '指标数', className: 'num', cell: (p) => p.indicators },
];

export default async function RolloverPage({ params }: PageProps<'/admin/years/[year]/rollover'>) {
  await requireUser(['finance', 'admin']);
  const db = getDb();
  const year = await existingYear(db, { param: (await params).year });
  if (year === null) notFound();
  const plan = await planRollover(db, year);
  return (
    <>
      <PageHead
        title={`${plan.fromYear} → ${plan.toYear} 年度结转`}
        note="将复制各部门的项目、项目负责人、绩效目标和评分方案；新年度的自评均为空白草稿。已停用的项目负责人不会结转。"
        breadcrumb={<Link href="/admin/years">← 年度与评分方案</Link>}
      />
      {plan.blocked ? (
        <div className="notice" role="note">
          {plan.blocked}
        </div>
      ) : (
        <>
          <section className="card">
            <h2>
              将创建 {plan.projects.length} 个项目（{plan.projects.reduce((s, p) => s + p.indicators, 0)} 项指标）
            </h2>
            <DataTable columns={COLUMNS} rows={plan.projects} testId="rollover-plan" compact />
          </section>
          <RolloverButton fromYear={plan.fromYear} toYear={plan.toYear} />
        </>
      )}
    </>
  );
}
