import Link from 'next/link';
import { getDb } from '@/db';
import { listYearDepartments, listYearsWithCounts } from '@/db/queries/years';
import { requireUser } from '@/lib/auth/session';
import { schemeOfYear } from '@/lib/evaluations/sheet';
import { SCHEME_LABELS } from '@/lib/years/labels';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: '年度与评分方案' };

export default async function YearsPage() {
  await requireUser(['finance', 'admin']);
  const db = getDb();
  const years = await listYearsWithCounts(db);
  const departments = await listYearDepartments(db);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>年度与评分方案</h1>
          <p className="muted">
            每个年度有自己的评分方案；有自评提交后方案即锁定。年度关闭后项目负责人不能再填写或提交。
          </p>
        </div>
      </div>
      {years.length === 0 ? (
        <div className="empty-state">
          尚无年度。请先<Link href="/admin/targets">导入绩效目标表</Link>。
        </div>
      ) : (
        <table className="data-table" data-testid="year-table">
          <thead>
            <tr>
              <th>年度</th>
              <th>评分方案</th>
              <th>状态</th>
              <th>截止日期</th>
              <th className="num">项目数</th>
              <th className="num">已提交</th>
              <th>目标表（Excel）</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {years.map(({ year: y, projects, submitted }) => (
              <tr key={y.year}>
                <td>{y.year}</td>
                <td>{SCHEME_LABELS[schemeOfYear(y.scheme).name] ?? '自定义方案'}</td>
                <td>{y.status === 'open' ? '开放' : '已关闭'}</td>
                <td>{y.deadline ?? '—'}</td>
                <td className="num">{projects}</td>
                <td className="num">{submitted}</td>
                <td>
                  {departments
                    .filter((d) => d.year === y.year)
                    .map((d) => (
                      <a
                        key={d.id}
                        className="download-link"
                        href={`/api/years/${y.year}/targets.xlsx?department=${d.id}`}
                      >
                        {d.name}
                      </a>
                    ))}
                </td>
                <td className="button-row">
                  <Link className="button" href={`/admin/years/${y.year}`}>
                    设置
                  </Link>
                  <Link className="button" href={`/admin/years/${y.year}/rollover`}>
                    结转到 {y.year + 1} 年度
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
