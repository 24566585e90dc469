import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RolloverButton } from '@/components/years/rollover-button';
import { getDb } from '@/db';
import { existingYear } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { formatWanYuan } from '@/lib/money';
import { planRollover } from '@/lib/years/rollover';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '结转下一年度' };

export default async function RolloverPage({ params }: PageProps<'/admin/years/[year]/rollover'>) {
  await requireUser(['finance', 'admin']);
  const db = getDb();
  const year = await existingYear(db, { param: (await params).year });
  if (year === null) notFound();
  const plan = await planRollover(db, year);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/years">← 年度与评分方案</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>
            {plan.fromYear} → {plan.toYear} 年度结转
          </h1>
          <p className="muted">
            将复制各部门的项目、项目负责人、绩效目标和评分方案；新年度的自评均为空白草稿。已停用的项目负责人不会结转。
          </p>
        </div>
      </div>
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
            <table className="data-table compact" data-testid="rollover-plan">
              <thead>
                <tr>
                  <th>部门</th>
                  <th>项目名称</th>
                  <th>项目负责人</th>
                  <th className="num">预算（万元）</th>
                  <th className="num">指标数</th>
                </tr>
              </thead>
              <tbody>
                {plan.projects.map((p) => (
                  <tr key={p.id}>
                    <td>{p.department}</td>
                    <td>{p.name}</td>
                    <td>{p.owner ?? <span className="muted">待指定</span>}</td>
                    <td className="num">{formatWanYuan(p.budgetTotalFen)}</td>
                    <td className="num">{p.indicators}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <RolloverButton fromYear={plan.fromYear} toYear={plan.toYear} />
        </>
      )}
    </>
  );
}
